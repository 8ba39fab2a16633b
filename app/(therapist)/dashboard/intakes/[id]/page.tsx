import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { getIntakeForReview, reassessIntake } from "@/lib/review/detail";
import { STATUS_TRANSITIONS } from "@/lib/review/workflow";
import { STATUS_LABELS } from "@/lib/review-wording";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";
import { forDisplay, SEVERITY_WORDING, TRIAGE_WORDING, type Assessment } from "@/lib/assessment";
import { questionnaireFor } from "@/lib/questionnaire";
import { consultationQuestions, evidenceLines } from "@/lib/pdf/pdf-content";
import { consentSentence, scoreLines } from "@/lib/intake-summary";
import { SectionAnswers } from "@/app/_components/section-answers";
import { TherapistHeader } from "../../../_components/therapist-header";
import { TriageBadge } from "../../../_components/triage-badge";
import { formatInstant } from "../../../_components/format";
import { AcknowledgeButton, NoteForm, StatusButtons } from "./review-actions";
import { ClientData } from "./client-data";
import { clientCandidates, DELETION_BASES } from "@/lib/client-data/client-data";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Intake – Therapist review" };

type Props = { params: Promise<{ id: string }> };

function Considerations({ assessment }: { assessment: Assessment }) {
  const shown = forDisplay(assessment.considerations);
  if (shown.length === 0) return <p>No considerations were raised.</p>;
  return (
    <ol className="considerations">
      {shown.map((c) => (
        <li key={c.id} className={`consideration severity-${c.severity}`}>
          <h4>
            <span className="severity">{SEVERITY_WORDING[c.severity]}:</span> {c.title}
          </h4>
          <p>{c.rationale}</p>
          {c.evidence.length > 0 && (
            <dl className="evidence">
              {evidenceLines(c, assessment.questionnaireVersion).map((e) => (
                <div key={e.label}>
                  <dt>{e.label}</dt>
                  <dd>{e.lines.join("; ")}</dd>
                </div>
              ))}
            </dl>
          )}
          {c.source && <p className="source">Source: {c.source}</p>}
        </li>
      ))}
    </ol>
  );
}

function Scores({ assessment }: { assessment: Assessment }) {
  return (
    <dl className="scores">
      {scoreLines(assessment).map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.lines.join("; ")}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One intake for the therapist: triage card, considerations with evidence, questions, answers, workflow, notes. The view is audited. */
export default async function IntakeDetailPage({ params }: Props) {
  const therapist = await requireTherapist();
  const { id } = await params;
  if (!INTAKE_ID_PATTERN.test(id)) notFound();
  const detail = await getIntakeForReview(id, therapist);
  if (!detail) notFound();
  const config = getConfig();
  const { intake } = detail;
  const answers = intake.answers as Record<string, unknown>;
  const assessment = intake.assessment;
  const reassessment = await reassessIntake(id, config.ruleSets);
  const urgentEvidence = assessment?.considerations.filter((c) => c.severity === "urgent_safety") ?? [];
  const questions = consultationQuestions(answers, undefined, intake.questionnaireVersion);
  const answeredQuestionnaire = questionnaireFor(intake.questionnaireVersion);

  return (
    <>
      <TherapistHeader therapist={therapist} current="intakes" />
      <main id="main" className="wide">
        <p>
          <a href="/dashboard" className="back-link">
            All intakes
          </a>
        </p>
        <h1>
          {String(answers.full_name ?? "")} <span className="reference-inline">{intake.reference}</span>
        </h1>
        <p className="lead">
          Received {formatInstant(intake.receivedAt, config.timeZone)} · Status: <strong>{STATUS_LABELS[intake.status]}</strong>
        </p>
        <p>
          <a href={`/api/intakes/${id}/pdf`} className="button-secondary" download>
            Download the PDF summary
          </a>
        </p>

        {detail.needsAcknowledgement && (
          <section className="urgent-banner" aria-labelledby="urgent-heading">
            <h2 id="urgent-heading">URGENT — safety considerations, not yet acknowledged</h2>
            <ul>
              {urgentEvidence.flatMap((c) => evidenceLines(c, intake.questionnaireVersion)).map((e, i) => (
                <li key={i}>
                  {e.label}: <strong>{e.lines.join("; ")}</strong>
                </li>
              ))}
            </ul>
            <AcknowledgeButton intakeId={id} />
          </section>
        )}
        {detail.acknowledged && (
          <p className="note">
            Urgent intake acknowledged by {detail.acknowledged.by} on {formatInstant(detail.acknowledged.at, config.timeZone)}.
          </p>
        )}

        <section className="triage-card" aria-labelledby="triage-heading">
          <h2 id="triage-heading">Triage and considerations</h2>
          {assessment ? (
            <>
              <p>
                <TriageBadge triage={assessment.triage} /> {TRIAGE_WORDING[assessment.triage]}
              </p>
              <p className="hint">
                Questionnaire version {intake.questionnaireVersion}, rule set {assessment.ruleSetVersion}, reference date {assessment.referenceDate}. These are considerations to discuss, not a decision.
              </p>
              <h3>Considerations, most pressing first</h3>
              <Considerations assessment={assessment} />
              <h3>Scores</h3>
              <Scores assessment={assessment} />
            </>
          ) : (
            <p>This intake has not been assessed.</p>
          )}
          {reassessment?.differs && (
            <details className="reassessment" open>
              <summary>
                The current rules for questionnaire version {intake.questionnaireVersion} (rule set {reassessment.current.ruleSetVersion}) assess this intake differently
              </summary>
              <p className="hint">The stored assessment above decides the order of the queue; this is shown for comparison only.</p>
              <p>
                <TriageBadge triage={reassessment.current.triage} /> {TRIAGE_WORDING[reassessment.current.triage]}
              </p>
              <Considerations assessment={reassessment.current} />
            </details>
          )}
        </section>

        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">The client&apos;s questions for the consultation</h2>
          {questions.length > 0 ? (
            <ul>
              {questions.map((q) => (
                <li key={q.question}>{q.question}</li>
              ))}
            </ul>
          ) : (
            <p>No checklist questions chosen.</p>
          )}
          <h3>Anything else they want to ask</h3>
          <p className="prewrap">{String(answers.questions_other ?? "Not answered")}</p>
          <h3>What they hope treatment will change</h3>
          <p className="prewrap">{String(answers.goals ?? "Not answered")}</p>
        </section>

        <section aria-labelledby="workflow-heading">
          <h2 id="workflow-heading">Status</h2>
          <p>
            Now: <strong>{STATUS_LABELS[intake.status]}</strong>
          </p>
          <StatusButtons intakeId={id} options={STATUS_TRANSITIONS[intake.status].map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
          {detail.history.length > 0 && (
            <>
              <h3>History</h3>
              <ol className="history">
                {detail.history.map((h, i) => (
                  <li key={i}>
                    {STATUS_LABELS[h.from as keyof typeof STATUS_LABELS] ?? h.from} → {STATUS_LABELS[h.to as keyof typeof STATUS_LABELS] ?? h.to}, by {h.by},{" "}
                    {formatInstant(h.at, config.timeZone)}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>

        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes</h2>
          {detail.notes.length === 0 ? (
            <p>No notes yet.</p>
          ) : (
            <ol className="notes">
              {detail.notes.map((n) => (
                <li key={n.id}>
                  <p className="note-meta">
                    {n.by}, {formatInstant(n.at, config.timeZone)}
                  </p>
                  <p className="prewrap">{n.body}</p>
                </li>
              ))}
            </ol>
          )}
          <NoteForm intakeId={id} />
        </section>

        <section aria-labelledby="client-data-heading">
          <h2 id="client-data-heading">The client&apos;s data</h2>
          <ClientData
            intakeId={id}
            bases={DELETION_BASES}
            candidates={(await clientCandidates(id)).map((c) => ({ id: c.id, reference: c.reference, received: formatInstant(c.receivedAt, config.timeZone), fullName: c.fullName, isThisIntake: c.id === id }))}
          />
        </section>

        <section aria-labelledby="answers-heading">
          <h2 id="answers-heading">Every answer</h2>
          {/* The version the client answered, not the current one: its questions, wording and stems. */}
          {answeredQuestionnaire.sections.map((section) => (
            <div key={section.id}>
              <h3>{section.title}</h3>
              <SectionAnswers section={section} stems={answeredQuestionnaire.stems} answers={answers} />
            </div>
          ))}
          <h3>Consent</h3>
          <p>{consentSentence(intake.consent, (iso) => formatInstant(iso, config.timeZone))}</p>
        </section>
      </main>
    </>
  );
}

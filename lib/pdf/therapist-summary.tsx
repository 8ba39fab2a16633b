import { Document, Page, Text, View } from "@react-pdf/renderer";
import { SEVERITY_WORDING, TRIAGE_WORDING, type Assessment, type Thresholds } from "@/lib/assessment";
import { formatDate, QUESTIONNAIRE_ID } from "@/lib/questionnaire";
import { consentSentence, scoreLines, type ConsentRecord } from "@/lib/intake-summary";
import { STATUS_LABELS } from "@/lib/review-wording";
import type { IntakeStatus } from "@/db/schema";
import { formatInstant, summaryContent } from "./pdf-content";
import { AllAnswers, AnswerLine, AnswerList, EndMark, Footer, styles, type PageCounter } from "./pdf-parts";

/** Everything the therapist summary needs; plain data, so it can cross to a worker thread. */
export interface TherapistSummaryInput {
  intakeId: string;
  reference: string;
  receivedAt: string;
  submittedAt: string;
  /** The intake's own questionnaire version: its questions are worded with that version's definition. */
  questionnaireVersion: string;
  answers: Record<string, unknown>;
  assessment: Assessment;
  /** The thresholds of the assessment's rule set, to judge the past trials one by one. */
  trialThresholds: Thresholds;
  consent?: ConsentRecord;
  generatedAt: string;
  timeZone: string;
  clinicName: string;
  /** The notes and status history, only when the therapist asked for them (the download's option). */
  record?: {
    notes: { at: string; by: string; body: string }[];
    history: { from: string; to: string; at: string; by: string }[];
  };
}

const statusWord = (s: string) => STATUS_LABELS[s as IntakeStatus] ?? s;

type QuestionGroup = { considerations: unknown[]; see: string[] };
/** About how tall a question group is: the question, its considerations, the sections line. */
const groupHeight = (q: QuestionGroup) => 18 + 15 * (q.considerations.length + (q.see.length > 0 ? 1 : 0)) + 6;
/**
 * The room a question group wants after it on its page, so that the section's last lines never
 * start a page alone: the last group keeps the client's own questions' first line with it; without
 * those, the one before the last keeps the last group with it.
 */
function keepWithNext(groups: readonly QuestionGroup[], i: number, ownFollow: boolean): number {
  if (i === groups.length - 1) return ownFollow ? 40 : 0;
  return i === groups.length - 2 && !ownFollow ? groupHeight(groups[i + 1]!) : 0;
}

export function TherapistSummary({ input }: { input: TherapistSummaryInput }) {
  const { assessment, questionnaireVersion: version } = input;
  const content = summaryContent(input);
  const scores = scoreLines(assessment, input.trialThresholds.trbdAdequateTrials);
  const trbd = scores.find((s) => s.label.startsWith("Treatment-resistant"))!;
  const when = (iso: string) => formatInstant(iso, input.timeZone);

  const pages: PageCounter = { count: 0 };
  return (
    <Document title={`Intake summary ${input.reference}`} author={input.clinicName} creator="Ketamine intake" producer="Ketamine intake">
      <Page size="LETTER" style={styles.page}>
        <Footer
          pages={pages}
          left={`CONFIDENTIAL — personal health information of a client of ${input.clinicName}. Do not share outside the care team.`}
          right={`${input.reference} · questionnaire ${QUESTIONNAIRE_ID} v${version} · rules ${assessment.ruleSetVersion} · generated ${when(input.generatedAt)}`}
        />
        <Text style={styles.title}>{content.name}</Text>
        <Text style={styles.snapshot}>{content.snapshot}</Text>
        <Text style={styles.subtitle}>
          Intake {input.reference} · submitted {when(input.submittedAt)} · questionnaire version {version}
        </Text>

        {/* The triage headline; when urgent, it is the title of the box that follows it. */}
        {/* The call card, the intake page's own lines, on page 1 of every summary: in the box when urgent. */}
        {!content.urgent && (
          <>
            <Text style={styles.headline}>{TRIAGE_WORDING[assessment.triage]}</Text>
            <View wrap={false}>
              <Text style={styles.h2}>Call card</Text>
              <AnswerList answers={content.card} />
            </View>
          </>
        )}
        {content.urgent && (
          <View style={styles.banner} wrap={false}>
            <Text style={styles.bannerTitle}>{TRIAGE_WORDING.urgent}</Text>
            <Text style={styles.h3}>Call card</Text>
            <AnswerList answers={content.card} />
            <Text style={styles.h3}>What raised it</Text>
            <AnswerList answers={content.urgent.triggers} />
            <Text style={styles.h3}>The other safety answers</Text>
            <AnswerList answers={content.urgent.safety} />
          </View>
        )}

        <Text style={styles.h2}>Considerations, most pressing first</Text>
        {content.considerations.length === 0 && <Text style={styles.line}>No considerations were raised.</Text>}
        {content.considerations.flatMap((c) => [
          <Text key={c.id} style={[styles.line, { marginTop: 4 }]} minPresenceAhead={28}>
            <Text style={styles.bold}>
              {SEVERITY_WORDING[c.severity]}: {c.title}
            </Text>
          </Text>,
          <Text key={`${c.id}-why`} style={styles.muted}>
            {c.rationale}
          </Text>,
          ...(c.source
            ? [
                <Text key={`${c.id}-src`} style={styles.muted}>
                  Sources: {c.source}
                </Text>,
              ]
            : []),
          ...(c.severity === "urgent_safety"
            ? [
                <Text key={`${c.id}-ev`} style={styles.indent}>
                  The answers are in the urgent box above.
                </Text>,
              ]
            : c.evidence.map((e, i) => <AnswerLine key={`${c.id}-${i}`} answer={e} style={styles.indent} />)),
        ])}
        {content.sourcesKey.length > 0 && (
          <View wrap={false}>
            <Text style={styles.h3}>Sources cited</Text>
            {content.sourcesKey.map((r) => (
              <Text key={r.code} style={styles.line}>
                <Text style={styles.bold}>{r.code}</Text>: {r.meaning ?? "not in the clinic's list of sources"}
              </Text>
            ))}
          </View>
        )}

        {/* Six short lines: kept on one page. */}
        <View wrap={false}>
          <Text style={styles.h2}>Scores</Text>
          <AnswerList answers={scores.filter((s) => s !== trbd)} />
          <Text style={styles.muted}>
            Considerations to discuss, not a decision. Rule set {assessment.ruleSetVersion}, reference date {formatDate(assessment.referenceDate)}.
          </Text>
        </View>

        <Text style={styles.h2} minPresenceAhead={60}>
          Past treatments, trial by trial
        </Text>
        <AnswerLine answer={trbd} />
        {content.trials.length === 0 && <Text style={styles.line}>No past treatment trials reported.</Text>}
        {content.trials.map((t, i) => (
          <Text key={i} style={styles.indent}>
            {i + 1}. {t.text}
          </Text>
        ))}
        {content.trialsNote && <Text style={styles.muted}>{content.trialsNote}</Text>}

        <Text style={styles.h2} minPresenceAhead={60}>
          Other medicines and allergies
        </Text>
        <AnswerList answers={content.medicines} />

        <Text style={styles.h2} minPresenceAhead={60}>
          {content.urgent ? "Other contact details" : "Contact and emergency details"}
        </Text>
        <AnswerList answers={content.contact} />

        <Text style={styles.h2} minPresenceAhead={60}>
          The client&apos;s questions for the consultation
        </Text>
        {content.questions.length === 0 && <Text style={styles.line}>The client did not choose any of the checklist questions.</Text>}
        {/* A question with its considerations is a few short lines: kept on one page, and the section's
            last lines (the last question, or the client's own questions) never alone at the top of a page. */}
        {content.questions.map((q, i, all) => (
          <View key={q.question} wrap={false} minPresenceAhead={keepWithNext(all, i, content.own.length > 0)}>
            <Text style={[styles.line, styles.bold, { marginTop: 3 }]}>{q.question}</Text>
            {q.considerations.map((c) => (
              <Text key={c.id} style={styles.indent}>
                {SEVERITY_WORDING[c.severity]}: {c.title}
              </Text>
            ))}
            {q.see.length > 0 && <Text style={[styles.indent, styles.muted]}>The answers behind it: {q.see.join(", ")}</Text>}
          </View>
        ))}
        <AnswerList answers={content.own} />

        <Text style={styles.h2} minPresenceAhead={60}>
          Every other answer
        </Text>
        <Text style={styles.muted}>By section; the answers shown above are not repeated.</Text>
        {/* The consent block is about 75 pt: the last answers come along when it does not fit. */}
        <AllAnswers sections={content.rest} tailPresence={input.record ? 0 : 150} />

        {input.record && (
          <>
            <Text style={styles.h2} minPresenceAhead={60}>
              Notes and status history
            </Text>
            <Text style={styles.muted}>Included at the therapist&apos;s request, as they stood when this PDF was generated.</Text>
            <Text style={styles.h3}>Notes</Text>
            {input.record.notes.length === 0 && <Text style={styles.line}>No notes.</Text>}
            {input.record.notes.map((n, i) => (
              <Text key={`n${i}`} style={styles.line} minPresenceAhead={28}>
                <Text style={styles.bold}>
                  {when(n.at)}, {n.by}:
                </Text>
                {`\n${n.body.replace(/\t/g, " ")}`}
              </Text>
            ))}
            <Text style={styles.h3} minPresenceAhead={28}>
              Status history
            </Text>
            {input.record.history.length === 0 && <Text style={styles.line}>The status has not changed since the intake arrived.</Text>}
            {input.record.history.map((h, i) => (
              <Text key={`h${i}`} style={styles.line}>
                <Text style={styles.bold}>
                  {when(h.at)}, {h.by}:
                </Text>{" "}
                from {statusWord(h.from)} to {statusWord(h.to)}
              </Text>
            ))}
          </>
        )}

        {/* The consent line and the end mark: never a page of their own apart. */}
        <View wrap={false}>
          <Text style={styles.h2}>Consent</Text>
          <Text style={styles.line}>{consentSentence(input.consent, when)}</Text>
          <EndMark pages={pages} what={"the summary"} />
        </View>
      </Page>
    </Document>
  );
}

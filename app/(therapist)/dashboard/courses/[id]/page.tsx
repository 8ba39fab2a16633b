import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { CHECKIN, PHASE_CHANGES, type Flag } from "@/lib/course";
import { checkinEmailConfigured, clinicToday, CourseConflict, listCourseTimeline, sessionDefaultsOf, type TimelineEntry } from "@/lib/course-records";
import { getIntakeById } from "@/lib/intake/intake-record";
import { COURSE_ID_PATTERN, courseDoneFrom, sessionCorrectionPath, type CourseDoneKind } from "@/lib/course-forms/confirmations";
import { formValuesOfRecord } from "@/lib/course-forms/session-form";
import { END_REASON_WORDING, OUTCOME_WORDING, PHASE_WORDING } from "@/lib/course-forms/wording";
import { SectionAnswers } from "@/app/_components/section-answers";
import { TherapistHeader } from "../../../_components/therapist-header";
import { formatInstant } from "../../../_components/format";
import { ConfirmationBanner } from "../../intakes/[id]/review-actions";
import { AcknowledgeCheckinButton, CheckinLinkForm, PhaseForm, SessionForm } from "./course-forms";
import { CourseFlags } from "./flags";
import { Recorded, SessionRecordList } from "./session-record";
import { SourceKey } from "../../../_components/sources";
import { CourseCharts } from "./charts";
import { ProgressPdfForm } from "./progress-pdf-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Treatment course – Therapist review" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const CONFIRMATIONS: Record<CourseDoneKind, { heading: string; href: string; text: string }> = {
  started: { heading: "Course started", href: "#session-form-heading", text: "Record the first session" },
  phase: { heading: "Phase changed", href: "#phase", text: "See the phase and its history" },
  session: { heading: "Session recorded", href: "#timeline", text: "See it with its flags" },
  corrected: { heading: "Session record corrected", href: "#timeline", text: "See the correction and the earlier version" },
  acknowledged: { heading: "Urgent check-in acknowledged", href: "#timeline", text: "See who acknowledged it and when" },
};

function SessionEntry({ entry, courseId, timeZone }: { entry: Extract<TimelineEntry, { kind: "session" }>; courseId: string; timeZone: string }) {
  const headingId = `session-${entry.sessionId}`;
  return (
    <li className="timeline-entry">
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          Session on {entry.date}
          {entry.corrected && <span className="tag"> (corrected)</span>}
        </h3>
        <Recorded version={entry.current} timeZone={timeZone} />
        <h4>Flags</h4>
        <CourseFlags flags={entry.current.flags} headingLevel={5} />
        <SessionRecordList version={entry.current} />
        {entry.history.length > 0 && (
          <details>
            <summary>Earlier versions ({entry.history.length})</summary>
            {entry.history.map((v) => (
              <div key={v.version} className="session-version">
                <h4>Version {v.version}</h4>
                <Recorded version={v} timeZone={timeZone} />
                <SessionRecordList version={v} />
              </div>
            ))}
          </details>
        )}
        <p>
          <a href={sessionCorrectionPath(courseId, entry.sessionId)}>
            Correct this record<span className="visually-hidden"> (session on {entry.date})</span>
          </a>
        </p>
      </article>
    </li>
  );
}

function CheckinEntry({ entry, courseId, timeZone }: { entry: Extract<TimelineEntry, { kind: "checkin" }>; courseId: string; timeZone: string }) {
  const headingId = `checkin-${entry.id}`;
  const urgent = entry.flags.some((f) => f.severity === "urgent_safety");
  return (
    <li className={`timeline-entry${entry.needsAcknowledgement ? " urgent-banner" : ""}`}>
      <article aria-labelledby={headingId}>
        <h3 id={headingId} tabIndex={-1}>
          Check-in, {formatInstant(entry.submittedAt, timeZone)}
          {entry.needsAcknowledgement && <> — urgent, not yet acknowledged</>}
        </h3>
        <p>
          PHQ-9 total {entry.phq9.total} ({entry.phq9.band}), item 9: {entry.phq9.item9}. Rule set {entry.ruleSetVersion}.
        </p>
        <h4>Flags</h4>
        <CourseFlags flags={entry.flags} headingLevel={5} />
        {entry.needsAcknowledgement && <AcknowledgeCheckinButton courseId={courseId} checkinId={entry.id} />}
        {urgent && entry.acknowledgedAt && (
          <p className="note">
            Urgent check-in acknowledged by {entry.acknowledgedByName ?? "a former account"} on {formatInstant(entry.acknowledgedAt, timeZone)}.
          </p>
        )}
        <details>
          <summary>The client&apos;s answers</summary>
          {CHECKIN.sections.map((section) => (
            <div key={section.id}>
              <h4>{section.title}</h4>
              {section.id === "mood" && <p className="scale-stem">{section.intro}</p>}
              <SectionAnswers section={section} stems={undefined} answers={entry.answers as Record<string, unknown>} />
            </div>
          ))}
        </details>
      </article>
    </li>
  );
}

/** One treatment course: outcome so far, phase, check-in links, the session form, then sessions and check-ins newest first. Audited (course.view). */
export default async function CoursePage({ params, searchParams }: Props) {
  const therapist = await requireTherapist();
  const { id } = await params;
  if (!COURSE_ID_PATTERN.test(id)) notFound();
  let timeline;
  try {
    timeline = await listCourseTimeline(id, therapist);
  } catch (error) {
    if (error instanceof CourseConflict) notFound();
    throw error;
  }
  const config = getConfig();
  const { course, entries, assessment } = timeline;
  const intake = await getIntakeById(course.intakeId);
  // From what the page already read under its one course.view event (not a second audited read).
  const defaults = sessionDefaultsOf(
    entries.flatMap((e) => (e.kind === "session" ? [e.current.record] : [])),
    intake?.answers.weight_kg,
  );
  const name = String(intake?.answers.full_name ?? "");
  const done = courseDoneFrom((await searchParams).done);
  const confirmed = done && CONFIRMATIONS[done];
  const moves = PHASE_CHANGES[course.phase];
  const ended = course.phase === "ended";
  const waiting = entries.filter((e): e is Extract<TimelineEntry, { kind: "checkin" }> => e.kind === "checkin" && e.needsAcknowledgement);
  const allFlags: Flag[] = [...assessment.flags, ...entries.flatMap((e) => (e.kind === "session" ? e.current.flags : e.flags))];
  // The page's defaults (sessionDefaultsOf), and today: sessions are usually entered the day they happen.
  const initialSession = formValuesOfRecord({ session_date: clinicToday(new Date()), route: defaults.route, infusion_minutes: defaults.infusion_minutes, weight_kg: defaults.weight_kg });
  const now = new Date().toISOString();

  return (
    <>
      <TherapistHeader therapist={therapist} current="intakes" />
      <main id="main" className="wide">
        <p>
          <a href={`/dashboard/intakes/${course.intakeId}`} className="back-link">
            The intake
          </a>{" "}
          · <a href="/dashboard">All intakes</a>
        </p>
        {confirmed && (
          <ConfirmationBanner key={`${done}-${course.phase}-${entries.length}-${waiting.length}-${entries.filter((e) => e.kind === "session" && e.corrected).length}`} heading={confirmed.heading}>
            <p>
              <a className="notification-banner-link" href={confirmed.href}>
                {confirmed.text}
              </a>
            </p>
          </ConfirmationBanner>
        )}
        <h1>
          Treatment course: {name} {intake && <span className="reference-inline">{intake.reference}</span>}
        </h1>
        <p className="lead">
          Started {course.startedOn} · Phase: <strong>{PHASE_WORDING[course.phase]}</strong>
          {course.endReason && <> ({END_REASON_WORDING[course.endReason]})</>} · {course.plannedAcuteSessions} acute sessions planned · Baseline PHQ-9 {course.baselinePhq9}
        </p>

        {waiting.length > 0 && (
          <section className="urgent-banner" aria-labelledby="urgent-heading">
            <h2 id="urgent-heading">URGENT — {waiting.length === 1 ? "a check-in" : `${waiting.length} check-ins`} with safety flags, not yet acknowledged</h2>
            <ul>
              {waiting.map((c) => (
                <li key={c.id}>
                  <a href={`#checkin-${c.id}`}>Check-in of {formatInstant(c.submittedAt, config.timeZone)}</a>: {c.flags.filter((f) => f.severity === "urgent_safety").map((f) => f.title).join("; ")}
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">Outcome so far</h2>
          <dl className="summary-list">
            <div className="summary-row">
              <dt>Latest PHQ-9</dt>
              <dd>{assessment.latestPhq9 ?? "No check-in yet"}</dd>
            </div>
            <div className="summary-row">
              <dt>Change from baseline ({course.baselinePhq9})</dt>
              <dd>
                {assessment.changeFromBaseline === null ? "—" : `${assessment.changeFromBaseline > 0 ? "+" : ""}${assessment.changeFromBaseline}`}
                {assessment.percentChange !== null && ` (${assessment.percentChange > 0 ? "+" : ""}${assessment.percentChange}%)`}
              </dd>
            </div>
            <div className="summary-row">
              <dt>Outcome</dt>
              <dd>{OUTCOME_WORDING[assessment.outcome]}</dd>
            </div>
          </dl>
          <p className="hint">Computed now with rule set {assessment.ruleSetVersion}, from the PHQ-9 totals of the check-ins. Something to discuss, not a decision.</p>
          {assessment.flags.length > 0 && (
            <>
              <h3>Course flags</h3>
              <CourseFlags flags={assessment.flags} />
            </>
          )}
        </section>

        <section aria-labelledby="progress-pdf-heading">
          <h2 id="progress-pdf-heading">Progress summary PDF</h2>
          <ProgressPdfForm courseId={id} />
        </section>

        <section aria-labelledby="phase">
          <h2 id="phase" tabIndex={-1}>
            Phase
          </h2>
          <p>
            Now: <strong>{PHASE_WORDING[course.phase]}</strong>
            {course.endReason && <> — {END_REASON_WORDING[course.endReason]}</>}
          </p>
          {moves.length > 0 ? <PhaseForm courseId={id} moves={moves} /> : <p>This course has ended; its phase no longer changes. Earlier sessions can still be corrected.</p>}
          {timeline.phaseChanges.length > 0 && (
            <>
              <h3>History</h3>
              <ol className="history">
                {timeline.phaseChanges.map((p, i) => (
                  <li key={i}>
                    {PHASE_WORDING[p.from]} → {PHASE_WORDING[p.to]}
                    {p.reason && <> ({END_REASON_WORDING[p.reason]})</>}, by {p.byName ?? "a former account"}, {formatInstant(p.at, config.timeZone)}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>

        {!ended && (
          <section aria-labelledby="checkin-links-heading">
            <h2 id="checkin-links-heading">Check-in links</h2>
            <p className="hint">
              The client answers on their phone, without an account, after confirming their date of birth. A link works {config.checkinLinkHours} hours and ends when the check-in is sent.
              {!checkinEmailConfigured() && " E-mail is not configured here: copy the link and send it yourself."}
            </p>
            <CheckinLinkForm courseId={id} emailConfigured={checkinEmailConfigured()} timeZone={config.timeZone} />
            {timeline.links.length > 0 && (
              <ul>
                {timeline.links.map((l) => (
                  <li key={l.id}>
                    Created {formatInstant(l.createdAt, config.timeZone)}
                    {l.emailedAt && ", e-mailed"}:{" "}
                    {l.usedAt ? "answered" : l.endedAt ? `ended (${l.wrongDobTries} wrong dates of birth)` : l.expiresAt <= now ? "expired unanswered" : `waiting, until ${formatInstant(l.expiresAt, config.timeZone)}`}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        {!ended && (
          <section aria-labelledby="session-form-heading">
            <h2 id="session-form-heading" tabIndex={-1}>
              Record a session
            </h2>
            <p className="hint">After each infusion. A record cannot be deleted; a correction keeps the earlier version, with who, when and why.</p>
            <SessionForm courseId={id} prefix="session" initial={initialSession} />
          </section>
        )}

        <CourseCharts timeline={timeline} timeZone={config.timeZone} />

        <section aria-labelledby="timeline">
          <h2 id="timeline" tabIndex={-1}>
            Sessions and check-ins, newest first
          </h2>
          {entries.length === 0 ? (
            <p>No sessions or check-ins yet.</p>
          ) : (
            <ol className="timeline">
              {entries.map((e) =>
                e.kind === "session" ? (
                  <SessionEntry key={e.sessionId} entry={e} courseId={id} timeZone={config.timeZone} />
                ) : (
                  <CheckinEntry key={e.id} entry={e} courseId={id} timeZone={config.timeZone} />
                ),
              )}
            </ol>
          )}
        </section>
        <SourceKey sources={allFlags.map((f) => f.source)} />
      </main>
    </>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { CourseConflict, sessionToCorrect } from "@/lib/course-records";
import { getIntakeById } from "@/lib/intake/intake-record";
import { COURSE_ID_PATTERN, coursePagePath } from "@/lib/course-forms/confirmations";
import { formValuesOfRecord } from "@/lib/course-forms/session-form";
import { TherapistHeader } from "../../../../../../_components/therapist-header";
import { SessionForm } from "../../../course-forms";
import { Recorded, SessionRecordList } from "../../../session-record";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Correct a session record – Therapist review" };

type Props = { params: Promise<{ id: string; sessionId: string }> };

/**
 * One session's correction, on its own page so the course page does not carry a full form per
 * session. The form posts here (also without JavaScript); a refusal comes back here with every
 * field named, success goes to the course page with its confirmation. Audited (course.view).
 */
export default async function CorrectSessionPage({ params }: Props) {
  const therapist = await requireTherapist();
  const { id, sessionId } = await params;
  if (!COURSE_ID_PATTERN.test(id) || !COURSE_ID_PATTERN.test(sessionId)) notFound();
  let session;
  try {
    session = await sessionToCorrect(id, sessionId, therapist);
  } catch (error) {
    if (error instanceof CourseConflict) notFound();
    throw error;
  }
  const intake = await getIntakeById(session.course.intakeId);
  const { timeZone } = getConfig();
  return (
    <>
      <TherapistHeader therapist={therapist} current="intakes" />
      <main id="main">
        <p>
          <a href={coursePagePath(id)} className="back-link">
            The treatment course
          </a>
        </p>
        <h1>
          Correct the session of {session.date}: {String(intake?.answers.full_name ?? "")}{" "}
          {intake && <span className="reference-inline">{intake.reference}</span>}
        </h1>
        <Recorded version={session.current} timeZone={timeZone} />
        <details>
          <summary>The record as it stands (version {session.current.version})</summary>
          <SessionRecordList version={session.current} />
        </details>
        <p className="hint">A record cannot be deleted; the correction is a new version, and the earlier one stays on the record with who corrected it, when and why.</p>
        <SessionForm
          courseId={id}
          prefix="correct"
          initial={formValuesOfRecord(session.current.record as Record<string, unknown>)}
          correction={{ sessionId, version: session.current.version }}
        />
      </main>
    </>
  );
}

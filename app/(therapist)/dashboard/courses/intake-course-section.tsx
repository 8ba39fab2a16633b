import { clinicToday, coursesOfIntake, mayStartCourse } from "@/lib/course-records";
import { DEFAULT_PLANNED_ACUTE_SESSIONS } from "@/lib/course";
import { END_REASON_WORDING, PHASE_WORDING } from "@/lib/course-forms/wording";
import { coursePagePath } from "@/lib/course-forms/confirmations";
import type { IntakeStatus } from "@/lib/review/workflow";
import { StartCourseForm } from "./[id]/course-forms";

/**
 * The intake page's "Treatment course" section: a link to each course started from the intake, and
 * the start form once the consult is booked (and no course of this intake is open; the server also
 * refuses a second open course of the same client from another intake).
 */
export async function IntakeCourseSection({ intakeId, status, everConsultBooked, baselinePhq9 }: { intakeId: string; status: IntakeStatus; everConsultBooked: boolean; baselinePhq9: number | undefined }) {
  const courses = await coursesOfIntake(intakeId);
  const open = courses.some((c) => c.phase !== "ended");
  const mayStart = mayStartCourse({ status, everConsultBooked }) && !open;
  return (
    <section aria-labelledby="course-heading">
      <h2 id="course-heading">Treatment course</h2>
      {courses.length > 0 ? (
        <ul>
          {courses.map((c) => (
            <li key={c.id}>
              <a href={coursePagePath(c.id)}>
                Course started {c.startedOn}: {PHASE_WORDING[c.phase]}
                {c.endReason && ` (${END_REASON_WORDING[c.endReason]})`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>No course has been started from this intake.</p>
      )}
      {mayStart ? (
        <details open={courses.length === 0}>
          <summary>Start a course</summary>
          <StartCourseForm
            intakeId={intakeId}
            defaults={{ started_on: clinicToday(new Date()), planned_acute_sessions: String(DEFAULT_PLANNED_ACUTE_SESSIONS), baseline_phq9: baselinePhq9 === undefined ? "" : String(baselinePhq9) }}
          />
        </details>
      ) : (
        !open && <p className="hint">A course can start once the consult is booked.</p>
      )}
    </section>
  );
}

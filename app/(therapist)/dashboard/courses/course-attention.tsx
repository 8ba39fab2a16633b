import { listCourseAttention } from "@/lib/course-records";
import { getIntakeById } from "@/lib/intake/intake-record";
import type { Therapist } from "@/lib/auth/require-therapist";
import { coursePagePath } from "@/lib/course-forms/confirmations";
import { formatInstant, waitingFor } from "../../_components/format";

/**
 * The dashboard's treatment courses needing a look, above the intake queue: clients with an urgent
 * check-in not yet acknowledged first (oldest waiting first, as listCourseAttention orders them),
 * then courses with check-in links sent and not yet answered. Nothing when there is none.
 */
export async function CourseAttention({ therapist, timeZone }: { therapist: Therapist; timeZone: string }) {
  const rows = await listCourseAttention(therapist);
  if (rows.length === 0) return null;
  const named = await Promise.all(
    rows.map(async (r) => {
      const intake = await getIntakeById(r.intakeId);
      return { ...r, name: String(intake?.answers.full_name ?? ""), reference: intake?.reference ?? "" };
    }),
  );
  const urgent = named.filter((r) => r.unacknowledged > 0);
  return (
    <section aria-labelledby="course-attention-heading" className={urgent.length > 0 ? "urgent-banner" : undefined}>
      <h2 id="course-attention-heading">
        {urgent.length > 0 ? `URGENT — ${urgent.length === 1 ? "a client's" : `${urgent.length} clients'`} course check-in${urgent.length === 1 ? "" : "s"} with safety flags, not yet acknowledged` : "Treatment courses waiting for check-ins"}
      </h2>
      <div className="table-scroll" role="region" aria-label="Treatment courses needing a look" tabIndex={0}>
      <table className="course-attention">
        <caption className="visually-hidden">Treatment courses needing a look, urgent first</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Urgent check-ins not acknowledged</th>
            <th scope="col">Check-in links waiting</th>
            <th scope="col">Latest check-in</th>
          </tr>
        </thead>
        <tbody>
          {named.map((r) => (
            <tr key={r.courseId} className={r.unacknowledged > 0 ? "urgent-row" : undefined}>
              <th scope="row">
                <a href={coursePagePath(r.courseId)}>
                  {r.name} <span className="reference-inline">{r.reference}</span>
                </a>
              </th>
              <td>{r.unacknowledged > 0 ? `${r.unacknowledged}, waiting ${waitingFor(r.oldestUnacknowledgedAt!)}` : "None"}</td>
              <td>{r.openRequests}</td>
              <td>{r.latestCheckinAt ? formatInstant(r.latestCheckinAt, timeZone) : "None yet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}

import "server-only";
import * as checkins from "@/db/repositories/checkins";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import { CourseConflict } from "./errors";

/**
 * Urgent course flags on the dashboard: a check-in with an urgent_safety flag puts its client at
 * the top of the queue until a therapist acknowledges it (who, when). The clinic was told when it
 * arrived (notifyUrgentCheckin, detail-free, as for an urgent intake).
 */

export type CourseAttention = checkins.CourseAttentionRow;

/**
 * Courses needing a look: unacknowledged urgent check-ins first (oldest waiting first), then
 * courses with links sent and not yet answered. Audited as course.list (a count only).
 */
export async function listCourseAttention(reviewer: Reviewer, now = new Date()): Promise<CourseAttention[]> {
  const rows = await checkins.listCourseAttention(now.toISOString());
  await appendAuditEvents([{ action: "course.list", ...actorOf(reviewer), detail: { courses: rows.length, unacknowledged: rows.filter((r) => r.unacknowledged > 0).length } }]);
  return rows;
}

/** Records who saw an urgent check-in and when. Throws CourseConflict when it is gone or already acknowledged. */
export async function acknowledgeCheckin(checkinId: string, reviewer: Reviewer, now = new Date()): Promise<void> {
  const result = await checkins.acknowledgeCheckin(checkinId, { userId: reviewer.userId, at: now }, (owner) => ({
    action: "course.flag_acknowledge",
    ...actorOf(reviewer),
    intakeId: owner.intakeId,
    detail: { course: owner.courseId, checkin: checkinId },
  }));
  if (result === "missing") throw new CourseConflict("This check-in no longer exists");
  if (result === "already") throw new CourseConflict("This check-in was already acknowledged");
}

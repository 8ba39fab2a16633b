import "server-only";
import type { CourseAttentionRow } from "../checkins";

/** Check-in link rules and row shapes shared by both dialects. */

/** A link works until it expires, is used up by its submission, or ends (too many wrong dates of birth). */
export const usableAt = (row: { usedAt: string | null; endedAt: string | null; expiresAt: string }, now: string) => !row.usedAt && !row.endedAt && row.expiresAt > now;

export function attentionRows(
  owners: { id: string; intakeId: string }[],
  waiting: { courseId: string; n: number; oldest: string | null }[],
  open: { courseId: string; n: number }[],
  latest: { courseId: string; at: string | null }[],
): CourseAttentionRow[] {
  const rows = owners.map((o) => {
    const w = waiting.find((x) => x.courseId === o.id);
    return {
      courseId: o.id,
      intakeId: o.intakeId,
      unacknowledged: Number(w?.n ?? 0),
      oldestUnacknowledgedAt: w?.oldest ?? null,
      openRequests: Number(open.find((x) => x.courseId === o.id)?.n ?? 0),
      latestCheckinAt: latest.find((x) => x.courseId === o.id)?.at ?? null,
    };
  });
  // Unacknowledged urgent first, oldest waiting first (as the intake queue), then by latest activity.
  return rows.sort(
    (a, b) =>
      Number(b.unacknowledged > 0) - Number(a.unacknowledged > 0) ||
      (a.oldestUnacknowledgedAt ?? "").localeCompare(b.oldestUnacknowledgedAt ?? "") ||
      (b.latestCheckinAt ?? "").localeCompare(a.latestCheckinAt ?? "") ||
      a.courseId.localeCompare(b.courseId),
  );
}

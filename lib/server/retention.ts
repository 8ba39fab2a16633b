import "server-only";
import { getConfig } from "@/lib/config";
import { deleteExpiredDrafts } from "@/lib/intake-wizard/drafts";
import { purgeClosedIntakes } from "@/lib/client-data/client-data";
import { purgeStaleCounters } from "@/lib/rate-limit/limiter";
import { deleteExpiredCheckinDrafts } from "@/lib/course-records/checkins";

/** Retention, at start-up and then daily: expired drafts (intake and check-in) and stale abuse counters always; closed intakes (with their courses) only if configured. */
export async function runRetention(announce: (line: string) => void = console.log): Promise<void> {
  await purgeStaleCounters();
  const drafts = (await deleteExpiredDrafts()) + (await deleteExpiredCheckinDrafts());
  const days = getConfig().purgeClosedAfterDays;
  const purged = days ? await purgeClosedIntakes(days) : 0;
  if (drafts > 0 || purged > 0) announce(`Retention: deleted ${drafts} expired drafts and ${purged} closed intakes older than ${days ?? "—"} days.`);
}

export function retentionWarning(): string | undefined {
  const days = getConfig().purgeClosedAfterDays;
  if (!days) return undefined;
  return `WARNING: RETENTION_PURGE_CLOSED_AFTER_DAYS=${days} deletes closed intakes (not suitable, referred elsewhere, archived) received more than ${days} days ago, with their treatment courses (an intake with a course is kept while the course is open and for ${days} days after it ended). Clinical record-keeping duties may require keeping records for years (in Ontario, about ten years for adults). Make sure this matches the clinic's retention policy.`;
}

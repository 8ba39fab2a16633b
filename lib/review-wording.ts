import type { IntakeStatus } from "@/db/schema";

/** How statuses and triage levels read on the dashboard. Universal (server and client components). */

export const STATUS_LABELS: Record<IntakeStatus, string> = {
  new: "New",
  in_review: "In review",
  consult_booked: "Consultation booked",
  not_suitable: "Not suitable",
  referred_out: "Referred elsewhere",
  archived: "Archived",
};

/** The triage levels' short labels live with the levels themselves. */
export { TRIAGE_SHORT } from "@/lib/assessment/triage";

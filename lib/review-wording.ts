import type { IntakeStatus } from "@/db/schema";
import type { Triage } from "@/lib/assessment";

/** How statuses and triage levels read on the dashboard. Universal (server and client components). */

export const STATUS_LABELS: Record<IntakeStatus, string> = {
  new: "New",
  in_review: "In review",
  consult_booked: "Consultation booked",
  not_suitable: "Not suitable",
  referred_out: "Referred elsewhere",
  archived: "Archived",
};

export const TRIAGE_SHORT: Record<Triage, string> = {
  urgent: "Urgent",
  not_suitable_now: "Likely not suitable now",
  needs_clearance: "Needs medical clearance",
  proceed_with_cautions: "Cautions to discuss",
  proceed: "Proceed",
};

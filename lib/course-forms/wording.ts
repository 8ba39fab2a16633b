import type { EndReason, Outcome, Phase } from "@/lib/course";

/** The therapist's words for the course's stored values (the values themselves live in lib/course). */

export const PHASE_WORDING: Record<Phase, string> = { acute: "Acute", maintenance: "Maintenance", ended: "Ended" };

/** What the phase control's choice says. */
export const PHASE_MOVE_WORDING: Record<Phase, string> = { acute: "Acute", maintenance: "Move to maintenance", ended: "End the course" };

export const END_REASON_WORDING: Record<EndReason, string> = {
  completed: "Completed",
  stopped_adverse_event: "Stopped for an adverse event",
  stopped_no_benefit: "Stopped: no benefit",
  stopped_client_choice: "Stopped: the client's choice",
  transferred: "Transferred to another clinic",
  other: "Other",
};

export const OUTCOME_WORDING: Record<Outcome, string> = {
  no_checkins: "No check-in yet: nothing to compare with the baseline",
  not_measurable: "Not measurable: the baseline PHQ-9 is below 10 (left out of response rates)",
  remission: "Remission: the latest PHQ-9 is 4 or lower",
  response: "Response: the latest PHQ-9 is at most half the baseline",
  partial_response: "Partial response: the latest PHQ-9 is 25–49% below the baseline",
  no_response: "No response so far: the latest PHQ-9 is less than 25% below the baseline",
};

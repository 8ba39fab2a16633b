import "server-only";
import { randomBytes } from "node:crypto";
import { INTAKE_STATUSES, type IntakeStatus } from "@/db/schema";
import * as review from "@/db/repositories/intake-review";
import { STATUS_LABELS } from "@/lib/review-wording";
import { actorOf, type Reviewer } from "./reviewer";

export { INTAKE_STATUSES, type IntakeStatus };

/**
 * The workflow: new → in_review → consult_booked | not_suitable | referred_out → archived. Each
 * allowed next state is one step: from New the therapist may record the outcome straight away (the
 * review is implied); Archived follows an outcome, so an archived intake always says how it ended.
 */
export const STATUS_TRANSITIONS: Record<IntakeStatus, readonly IntakeStatus[]> = {
  new: ["in_review", "consult_booked", "not_suitable", "referred_out"],
  in_review: ["consult_booked", "not_suitable", "referred_out"],
  consult_booked: ["archived"],
  not_suitable: ["archived"],
  referred_out: ["archived"],
  archived: [],
};

/** A review action that cannot apply to the intake as it is now; the message is for the therapist. */
export class ReviewConflict extends Error {}

const GONE = "This intake no longer exists";

/** Moves an intake along the workflow, with its history entry and audit event, or throws ReviewConflict. */
export async function changeIntakeStatus(id: string, to: IntakeStatus, reviewer: Reviewer, now = new Date()): Promise<void> {
  const result = await review.changeStatus(id, {
    to,
    byUserId: reviewer.userId,
    at: now,
    allowed: (from) => STATUS_TRANSITIONS[from].includes(to),
    audit: (from) => ({ action: "intake.status_change", ...actorOf(reviewer), intakeId: id, detail: { from, to } }),
  });
  if (result.outcome === "missing") throw new ReviewConflict(GONE);
  if (result.outcome === "refused") throw new ReviewConflict(`An intake that is "${STATUS_LABELS[result.from]}" cannot move to "${STATUS_LABELS[to]}"`);
}

export const NOTE_MAX_LENGTH = 5000;

export async function addIntakeNote(id: string, body: string, reviewer: Reviewer, now = new Date()): Promise<void> {
  const noteId = randomBytes(12).toString("base64url");
  const added = await review.insertNote(id, { id: noteId, authorUserId: reviewer.userId, at: now, body }, { action: "intake.note", ...actorOf(reviewer), intakeId: id, detail: { note: noteId } });
  if (!added) throw new ReviewConflict(GONE);
}

/** Records who saw an urgent intake and when; it then sorts by triage like the others. */
export async function acknowledgeIntake(id: string, reviewer: Reviewer, now = new Date()): Promise<void> {
  const result = await review.acknowledge(id, { userId: reviewer.userId, at: now }, { action: "intake.acknowledge", ...actorOf(reviewer), intakeId: id });
  if (result === "missing") throw new ReviewConflict(GONE);
  if (result === "already") throw new ReviewConflict("This intake was already acknowledged");
}

import "server-only";
import { deleteIntakes, findIntakeIdsSharingEmail, listIntakeIdsInStatusReceivedBefore } from "@/db/repositories/intakes";
import { listNotes, listStatusHistory } from "@/db/repositories/intake-review";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { getIntakeById } from "@/lib/intake/intake-record";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import { courseDataOfIntake } from "@/lib/course-records/client-data";
import { intakesWithCourseActiveSince } from "@/db/repositories/courses";

/**
 * A client's rights over their data: an export of everything held about them (access requests),
 * and deletion with a recorded basis. Retention: intakes closed long ago may be purged, if the
 * clinic turns it on. Every action is audited with ids and counts only.
 */

export const DELETION_BASES = {
  withdrew_before_care: "The client withdrew consent before any care was given",
  entered_in_error: "Entered in error (not this clinic's client, or a test)",
  duplicate: "A duplicate of another intake",
  no_retention_duty: "The client asked for deletion and no record-keeping duty applies",
} as const;
export type DeletionBasis = keyof typeof DELETION_BASES;

export const CLOSED_STATUSES = ["not_suitable", "referred_out", "archived"] as const;

/**
 * Intakes that may be the same client: the ones sent with the same e-mail address (through its
 * blind index). Anyone can type someone else's e-mail into the public form, so this is only a list
 * of candidates for the therapist to choose from; export and deletion act on the chosen ones only.
 */
export interface ClientCandidate {
  id: string;
  reference: string;
  receivedAt: string;
  fullName: string;
  status: string;
}

export async function clientCandidates(intakeId: string): Promise<ClientCandidate[]> {
  const ids = await findIntakeIdsSharingEmail(intakeId);
  const candidates: ClientCandidate[] = [];
  for (const id of ids) {
    const intake = (await getIntakeById(id))!;
    candidates.push({ id, reference: intake.reference, receivedAt: intake.receivedAt, fullName: String(intake.answers.full_name ?? ""), status: intake.status });
  }
  return candidates;
}

export class ClientDataChoiceError extends Error {}

/** The chosen intakes, each of which must be a candidate of the intake the therapist is on. */
async function chosen(intakeId: string, chosenIds: readonly string[]): Promise<ClientCandidate[]> {
  if (chosenIds.length === 0) throw new ClientDataChoiceError("Choose at least one intake");
  const candidates = await clientCandidates(intakeId);
  const picked = candidates.filter((c) => chosenIds.includes(c.id));
  if (picked.length !== new Set(chosenIds).size) throw new ClientDataChoiceError("Choose only intakes listed for this client");
  return picked;
}

export async function exportClientData(intakeId: string, chosenIds: readonly string[], reviewer: Reviewer) {
  const ids = (await chosen(intakeId, chosenIds)).map((c) => c.id);
  const records = [];
  for (const id of ids) {
    const intake = (await getIntakeById(id))!;
    records.push({
      id,
      reference: intake.reference,
      questionnaire: intake.questionnaireId,
      version: intake.questionnaireVersion,
      submittedAt: intake.submittedAt,
      receivedAt: intake.receivedAt,
      status: intake.status,
      consent: intake.consent ?? null,
      answers: intake.answers,
      assessment: intake.assessment ?? null,
      statusHistory: (await listStatusHistory(id)).map((h) => ({ from: h.from, to: h.to, at: h.at })),
      notes: (await listNotes(id)).map((n) => ({ at: n.at, text: n.body })),
      courses: await courseDataOfIntake(id),
    });
  }
  await appendAuditEvents(ids.map((id) => ({ action: "intake.export", ...actorOf(reviewer), intakeId: id, detail: { intakesInExport: ids.length } })));
  return { exportedAt: new Date().toISOString(), intakes: records };
}

/**
 * Deletes the chosen intakes (notes, history, name tokens, drafts and their treatment courses with them). The therapist
 * types back the reference of every one, so the deletion is exactly what they read. Returns how many.
 */
export async function deleteClientData(intakeId: string, chosenIds: readonly string[], typedReferences: readonly string[], basis: DeletionBasis, reviewer: Reviewer): Promise<number> {
  const picked = await chosen(intakeId, chosenIds);
  const typed = new Set(typedReferences);
  if (typed.size !== picked.length || picked.some((c) => !typed.has(c.reference)))
    throw new ClientDataChoiceError(
      `Type the reference of each intake you chose (${picked.map((c) => c.reference).join(", ")}) and no other; nothing was deleted`,
    );
  const ids = picked.map((c) => c.id);
  await deleteIntakes(ids, ids.map((id) => ({ action: "intake.delete", ...actorOf(reviewer), intakeId: id, detail: { basis } })));
  return ids.length;
}

/**
 * Purges intakes closed and received more than `days` ago (only when the clinic turned it on). An
 * intake with a treatment course is kept while the course is open and for `days` after it ended:
 * the course's clinical record counts from its end, and goes with the intake (cascade).
 */
export async function purgeClosedIntakes(days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const closed = await listIntakeIdsInStatusReceivedBefore(CLOSED_STATUSES, cutoff);
  const inCare = new Set(await intakesWithCourseActiveSince(closed, cutoff));
  const ids = closed.filter((id) => !inCare.has(id));
  if (ids.length === 0) return 0;
  await deleteIntakes(ids, ids.map((id) => ({ action: "intake.purge", intakeId: id, detail: { retentionDays: days } })), now);
  return ids.length;
}

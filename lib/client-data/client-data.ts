import "server-only";
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { drafts, intakeNotes, intakeStatusHistory, intakes } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/audit-log";
import { decryptField } from "@/lib/crypto/field-encryption";
import { getIntakeById } from "./intakes";
import type { Reviewer } from "./review";

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

export function clientCandidates(intakeId: string): ClientCandidate[] {
  const db = getDb();
  const row = db.select({ emailIndex: intakes.emailIndex }).from(intakes).where(eq(intakes.id, intakeId)).get();
  if (!row) return [];
  const ids = db.select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, row.emailIndex)).orderBy(asc(intakes.receivedAt)).all();
  return ids.map(({ id }) => {
    const intake = getIntakeById(id)!;
    return { id, reference: intake.reference, receivedAt: intake.receivedAt, fullName: String(intake.answers.full_name ?? ""), status: intake.status };
  });
}

export class ClientDataChoiceError extends Error {}

/** The chosen intakes, each of which must be a candidate of the intake the therapist is on. */
function chosen(intakeId: string, chosenIds: readonly string[]): ClientCandidate[] {
  if (chosenIds.length === 0) throw new ClientDataChoiceError("Choose at least one intake");
  const candidates = clientCandidates(intakeId);
  const picked = candidates.filter((c) => chosenIds.includes(c.id));
  if (picked.length !== new Set(chosenIds).size) throw new ClientDataChoiceError("Choose only intakes listed for this client");
  return picked;
}

export function exportClientData(intakeId: string, chosenIds: readonly string[], reviewer: Reviewer) {
  const ids = chosen(intakeId, chosenIds).map((c) => c.id);
  const db = getDb();
  const records = ids.map((id) => {
    const intake = getIntakeById(id)!;
    return {
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
      statusHistory: db.select().from(intakeStatusHistory).where(eq(intakeStatusHistory.intakeId, id)).orderBy(asc(intakeStatusHistory.id)).all().map((h) => ({ from: h.fromStatus, to: h.toStatus, at: h.at })),
      notes: db.select().from(intakeNotes).where(eq(intakeNotes.intakeId, id)).orderBy(asc(intakeNotes.at)).all().map((n) => ({ at: n.at, text: decryptField(n.bodyEnc, `intake_notes.${n.id}.body`) })),
    };
  });
  db.transaction((tx) => {
    for (const id of ids) appendAuditEvent(tx, { action: "intake.export", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, intakeId: id, detail: { intakesInExport: ids.length } });
  }, { behavior: "immediate" });
  return { exportedAt: new Date().toISOString(), intakes: records };
}

/**
 * Deletes the chosen intakes (notes, history, name tokens and drafts with them). The therapist
 * types back the reference of every one, so the deletion is exactly what they read. Returns how many.
 */
export function deleteClientData(intakeId: string, chosenIds: readonly string[], typedReferences: readonly string[], basis: DeletionBasis, reviewer: Reviewer): number {
  const picked = chosen(intakeId, chosenIds);
  const typed = new Set(typedReferences);
  if (typed.size !== picked.length || picked.some((c) => !typed.has(c.reference)))
    throw new ClientDataChoiceError(
      `Type the reference of each intake you chose (${picked.map((c) => c.reference).join(", ")}) and no other; nothing was deleted`,
    );
  const ids = picked.map((c) => c.id);
  const db = getDb();
  db.transaction((tx) => {
    for (const id of ids) appendAuditEvent(tx, { action: "intake.delete", actorUserId: reviewer.userId, actorEmail: reviewer.email, ipAddress: reviewer.ipAddress, intakeId: id, detail: { basis } });
    tx.delete(drafts).where(inArray(drafts.intakeId, ids)).run();
    tx.delete(intakes).where(inArray(intakes.id, ids)).run();
  }, { behavior: "immediate" });
  return ids.length;
}

/** Purges intakes closed and received more than `days` ago (only when the clinic turned it on). */
export function purgeClosedIntakes(days: number, now = new Date()): number {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const db = getDb();
  const ids = db
    .select({ id: intakes.id })
    .from(intakes)
    .where(and(inArray(intakes.status, [...CLOSED_STATUSES]), lt(intakes.receivedAt, cutoff)))
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return 0;
  db.transaction((tx) => {
    for (const id of ids) appendAuditEvent(tx, { action: "intake.purge", intakeId: id, detail: { retentionDays: days } }, now);
    tx.delete(drafts).where(inArray(drafts.intakeId, ids)).run();
    tx.delete(intakes).where(inArray(intakes.id, ids)).run();
  }, { behavior: "immediate" });
  return ids.length;
}

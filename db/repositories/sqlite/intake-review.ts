import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { intakeNotes, intakeStatusHistory, intakes, users, type IntakeStatus } from "@/db/schema";
import { noteAad, readEncrypted, writeEncrypted } from "@/db/encrypted";
import { inTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";

/**
 * What therapists add to an intake: status changes (with their history), notes, the acknowledgement
 * of an urgent intake. Each write appends its audit event in the same transaction. Which status may
 * follow which is the review feature's (lib/review/workflow.ts).
 */

export interface StatusChangeRow {
  from: string;
  to: string;
  at: string;
  byUserId: string | null;
}

export interface NoteRow {
  id: string;
  at: string;
  authorUserId: string | null;
  body: string;
}

export async function listStatusHistory(intakeId: string): Promise<StatusChangeRow[]> {
  return getDb()
    .select()
    .from(intakeStatusHistory)
    .where(eq(intakeStatusHistory.intakeId, intakeId))
    .orderBy(asc(intakeStatusHistory.id))
    .all()
    .map((h) => ({ from: h.fromStatus, to: h.toStatus, at: h.at, byUserId: h.byUserId }));
}

/** Notes in the order written, decrypted. */
export async function listNotes(intakeId: string): Promise<NoteRow[]> {
  return getDb()
    .select()
    .from(intakeNotes)
    .where(eq(intakeNotes.intakeId, intakeId))
    .orderBy(asc(intakeNotes.at), asc(intakeNotes.id))
    .all()
    .map((n) => ({ id: n.id, at: n.at, authorUserId: n.authorUserId, body: readEncrypted(n.bodyEnc, noteAad(n.id)) }));
}

/** Account names by id (accounts since deleted are absent). */
export async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map(getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique)).all().map((u) => [u.id, u.name]));
}

export type StatusChangeResult = { outcome: "missing" } | { outcome: "refused"; from: IntakeStatus } | { outcome: "changed"; from: IntakeStatus };

/**
 * Moves an intake to `to` if `allowed(current)` says so, recording the change in its history and
 * the audit event `audit(current)` — all in one transaction, so the check sees the status it changes.
 */
export async function changeStatus(
  intakeId: string,
  change: { to: IntakeStatus; byUserId: string; at: Date; allowed: (from: IntakeStatus) => boolean; audit: (from: IntakeStatus) => AuditEvent },
): Promise<StatusChangeResult> {
  return inTransaction((tx, audit): StatusChangeResult => {
    const current = tx.select({ status: intakes.status }).from(intakes).where(eq(intakes.id, intakeId)).get();
    if (!current) return { outcome: "missing" };
    if (!change.allowed(current.status)) return { outcome: "refused", from: current.status };
    tx.update(intakes).set({ status: change.to }).where(eq(intakes.id, intakeId)).run();
    tx.insert(intakeStatusHistory).values({ intakeId, fromStatus: current.status, toStatus: change.to, byUserId: change.byUserId, at: change.at.toISOString() }).run();
    audit(change.audit(current.status), change.at);
    return { outcome: "changed", from: current.status };
  });
}

/** Adds an encrypted note; false when the intake no longer exists. */
export async function insertNote(intakeId: string, note: { id: string; authorUserId: string; at: Date; body: string }, event: AuditEvent): Promise<boolean> {
  return inTransaction((tx, audit) => {
    if (!tx.select({ id: intakes.id }).from(intakes).where(eq(intakes.id, intakeId)).get()) return false;
    tx.insert(intakeNotes).values({ id: note.id, intakeId, authorUserId: note.authorUserId, at: note.at.toISOString(), bodyEnc: writeEncrypted(note.body, noteAad(note.id)) }).run();
    audit(event, note.at);
    return true;
  });
}

export type AcknowledgeResult = "missing" | "already" | "acknowledged";

/** Records who saw an urgent intake and when. */
export async function acknowledge(intakeId: string, by: { userId: string; at: Date }, event: AuditEvent): Promise<AcknowledgeResult> {
  return inTransaction((tx, audit): AcknowledgeResult => {
    const row = tx.select({ needs: intakes.needsAcknowledgement }).from(intakes).where(eq(intakes.id, intakeId)).get();
    if (!row) return "missing";
    if (!row.needs) return "already";
    tx.update(intakes).set({ needsAcknowledgement: false, acknowledgedAt: by.at.toISOString(), acknowledgedBy: by.userId }).where(eq(intakes.id, intakeId)).run();
    audit(event, by.at);
    return "acknowledged";
  });
}

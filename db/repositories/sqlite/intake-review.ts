import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { intakeNotes, intakeStatusHistory, intakes, users } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import type { AcknowledgeResult, IntakeReviewRepository, NoteRow, StatusChange, StatusChangeResult, StatusChangeRow } from "../intake-review";
import { noteValues, toNote, toStatusChange } from "../shared/intake-review";

/** Status changes, notes and acknowledgements on SQLite (see ../intake-review.ts). */

async function listStatusHistory(intakeId: string): Promise<StatusChangeRow[]> {
  return getDb().select().from(intakeStatusHistory).where(eq(intakeStatusHistory.intakeId, intakeId)).orderBy(asc(intakeStatusHistory.id)).all().map(toStatusChange);
}

async function listNotes(intakeId: string): Promise<NoteRow[]> {
  return getDb().select().from(intakeNotes).where(eq(intakeNotes.intakeId, intakeId)).orderBy(asc(intakeNotes.at), asc(intakeNotes.id)).all().map(toNote);
}

async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map(getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique)).all().map((u) => [u.id, u.name]));
}

async function changeStatus(intakeId: string, change: StatusChange): Promise<StatusChangeResult> {
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

async function insertNote(intakeId: string, note: { id: string; authorUserId: string; at: Date; body: string }, event: AuditEvent): Promise<boolean> {
  return inTransaction((tx, audit) => {
    if (!tx.select({ id: intakes.id }).from(intakes).where(eq(intakes.id, intakeId)).get()) return false;
    tx.insert(intakeNotes).values(noteValues(intakeId, note)).run();
    audit(event, note.at);
    return true;
  });
}

async function acknowledge(intakeId: string, by: { userId: string; at: Date }, event: AuditEvent): Promise<AcknowledgeResult> {
  return inTransaction((tx, audit): AcknowledgeResult => {
    const row = tx.select({ needs: intakes.needsAcknowledgement }).from(intakes).where(eq(intakes.id, intakeId)).get();
    if (!row) return "missing";
    if (!row.needs) return "already";
    tx.update(intakes).set({ needsAcknowledgement: false, acknowledgedAt: by.at.toISOString(), acknowledgedBy: by.userId }).where(eq(intakes.id, intakeId)).run();
    audit(event, by.at);
    return "acknowledged";
  });
}

export const sqliteIntakeReview: IntakeReviewRepository = { listStatusHistory, listNotes, userNames, changeStatus, insertNote, acknowledge };

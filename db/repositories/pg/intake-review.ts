import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { intakeNotes, intakeStatusHistory, intakes, users } from "@/db/schema-pg";
import { inPgTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import type { AcknowledgeResult, IntakeReviewRepository, NoteRow, StatusChange, StatusChangeResult, StatusChangeRow } from "../intake-review";
import { noteValues, toNote, toStatusChange } from "../shared/intake-review";

/**
 * Status changes, notes and acknowledgements on PostgreSQL (see ../intake-review.ts). Each is an
 * audited transaction: it takes the audit chain lock first, then locks the intake row (`for
 * update`) so the check sees the value it changes.
 */

async function listStatusHistory(intakeId: string): Promise<StatusChangeRow[]> {
  const rows = await getPgDb().select().from(intakeStatusHistory).where(eq(intakeStatusHistory.intakeId, intakeId)).orderBy(asc(intakeStatusHistory.id));
  return rows.map(toStatusChange);
}

async function listNotes(intakeId: string): Promise<NoteRow[]> {
  const rows = await getPgDb().select().from(intakeNotes).where(eq(intakeNotes.intakeId, intakeId)).orderBy(asc(intakeNotes.at), asc(intakeNotes.id));
  return rows.map(toNote);
}

async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await getPgDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((u) => [u.id, u.name]));
}

async function changeStatus(intakeId: string, change: StatusChange): Promise<StatusChangeResult> {
  return inPgTransaction(
    async (tx, audit): Promise<StatusChangeResult> => {
      const [current] = await tx.select({ status: intakes.status }).from(intakes).where(eq(intakes.id, intakeId)).for("update");
      if (!current) return { outcome: "missing" };
      if (!change.allowed(current.status)) return { outcome: "refused", from: current.status };
      await tx.update(intakes).set({ status: change.to }).where(eq(intakes.id, intakeId));
      await tx.insert(intakeStatusHistory).values({ intakeId, fromStatus: current.status, toStatus: change.to, byUserId: change.byUserId, at: change.at.toISOString() });
      await audit(change.audit(current.status), change.at);
      return { outcome: "changed", from: current.status };
    },
    { audited: true },
  );
}

async function insertNote(intakeId: string, note: { id: string; authorUserId: string; at: Date; body: string }, event: AuditEvent): Promise<boolean> {
  return inPgTransaction(
    async (tx, audit) => {
      const [exists] = await tx.select({ id: intakes.id }).from(intakes).where(eq(intakes.id, intakeId)).for("share");
      if (!exists) return false;
      await tx.insert(intakeNotes).values(noteValues(intakeId, note));
      await audit(event, note.at);
      return true;
    },
    { audited: true },
  );
}

async function acknowledge(intakeId: string, by: { userId: string; at: Date }, event: AuditEvent): Promise<AcknowledgeResult> {
  return inPgTransaction(
    async (tx, audit): Promise<AcknowledgeResult> => {
      const [row] = await tx.select({ needs: intakes.needsAcknowledgement }).from(intakes).where(eq(intakes.id, intakeId)).for("update");
      if (!row) return "missing";
      if (!row.needs) return "already";
      await tx.update(intakes).set({ needsAcknowledgement: false, acknowledgedAt: by.at.toISOString(), acknowledgedBy: by.userId }).where(eq(intakes.id, intakeId));
      await audit(event, by.at);
      return "acknowledged";
    },
    { audited: true },
  );
}

export const pgIntakeReview: IntakeReviewRepository = { listStatusHistory, listNotes, userNames, changeStatus, insertNote, acknowledge };

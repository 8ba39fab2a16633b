import "server-only";
import { and, asc, count, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { drafts, intakeNameTokens, intakes, type IntakeStatus } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { blindIndex } from "@/lib/crypto/field-encryption";
import type { AssessmentColumns, InsertIntakeResult, IntakeRow, IntakesRepository, NewIntakeRow } from "../intakes";
import { assessmentValues, intakeIndexes, intakeValues, readReference, toIntakeRow } from "../shared/intakes";

/** Intake rows on SQLite (see ../intakes.ts for the contract). */

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === "SQLITE_CONSTRAINT_UNIQUE" && !!e.message?.includes(column);
}

/**
 * Stores an intake in one immediate transaction. Immediate transactions serialise writers, so the
 * check for an earlier intake with the same idempotency key sees every committed one.
 */
async function insertIntake(row: NewIntakeRow, newIdentity: () => { id: string; reference: string }): Promise<InsertIntakeResult> {
  const indexes = intakeIndexes(row);
  for (let attempt = 0; ; attempt++) {
    const { id, reference } = newIdentity();
    try {
      return inTransaction((tx): InsertIntakeResult => {
        if (indexes.idempotencyIndex) {
          const existing = tx
            .select({ id: intakes.id, referenceEnc: intakes.referenceEnc, requestIndex: intakes.requestIndex })
            .from(intakes)
            .where(eq(intakes.idempotencyIndex, indexes.idempotencyIndex))
            .get();
          if (existing) {
            if (existing.requestIndex !== indexes.requestIndex) return { outcome: "idempotency_conflict" };
            return { outcome: "replayed", intake: { id: existing.id, reference: readReference(existing.id, existing.referenceEnc) } };
          }
        }
        tx.insert(intakes).values(intakeValues(id, reference, row, indexes)).run();
        if (indexes.tokens.length > 0) tx.insert(intakeNameTokens).values(indexes.tokens.map((token) => ({ intakeId: id, token }))).run();
        return { outcome: "created", intake: { id, reference } };
      });
    } catch (error) {
      // A 40-bit reference may collide once in a long while; draw another.
      if (attempt < 5 && isUniqueViolation(error, "reference_index")) continue;
      throw error;
    }
  }
}

async function readIntake(id: string): Promise<IntakeRow | undefined> {
  const row = getDb().select().from(intakes).where(eq(intakes.id, id)).get();
  return row ? toIntakeRow(row) : undefined;
}

async function countIntakes(): Promise<number> {
  return getDb().select({ n: count() }).from(intakes).get()!.n;
}

/** By exact (normalised) reference. */
async function findIntakeIdByReference(reference: string): Promise<string | undefined> {
  return getDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.referenceIndex, blindIndex("reference", reference))).get()?.id;
}

/** By exact e-mail address, as normalised for search (the same key it was stored under). */
async function findIntakeIdsByEmail(emailKey: string): Promise<string[]> {
  return getDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, blindIndex("email", emailKey))).all().map((r) => r.id);
}

/** Intakes whose name tokens include every one given. */
async function findIntakeIdsByNameTokens(nameTokens: readonly string[]): Promise<string[]> {
  const tokens = [...new Set(nameTokens.map((t) => blindIndex("name", t)))];
  if (tokens.length === 0) return [];
  return getDb()
    .select({ id: intakeNameTokens.intakeId })
    .from(intakeNameTokens)
    .where(inArray(intakeNameTokens.token, tokens))
    .groupBy(intakeNameTokens.intakeId)
    .having(sql`count(*) = ${tokens.length}`)
    .all()
    .map((r) => r.id);
}

/** The intakes sent with the same e-mail address as this one (itself included), oldest first; none when it does not exist. */
async function findIntakeIdsSharingEmail(intakeId: string): Promise<string[]> {
  const db = getDb();
  const row = db.select({ emailIndex: intakes.emailIndex }).from(intakes).where(eq(intakes.id, intakeId)).get();
  if (!row) return [];
  return db.select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, row.emailIndex)).orderBy(asc(intakes.receivedAt)).all().map((r) => r.id);
}

async function listIntakeIdsWithoutAssessment(): Promise<string[]> {
  return getDb().select({ id: intakes.id }).from(intakes).where(isNull(intakes.assessmentEnc)).all().map((r) => r.id);
}

async function storeAssessment(id: string, assessment: AssessmentColumns): Promise<void> {
  getDb().update(intakes).set(assessmentValues(id, assessment)).where(eq(intakes.id, id)).run();
}

async function listIntakeIdsInStatusReceivedBefore(statuses: readonly IntakeStatus[], receivedBefore: string): Promise<string[]> {
  return getDb()
    .select({ id: intakes.id })
    .from(intakes)
    .where(and(inArray(intakes.status, [...statuses]), lt(intakes.receivedAt, receivedBefore)))
    .all()
    .map((r) => r.id);
}

/**
 * Deletes intakes (their notes, history and name tokens go with them by foreign key) and the drafts
 * they came from, appending the given audit events in the same transaction.
 */
async function deleteIntakes(ids: readonly string[], auditEvents: readonly AuditEvent[], now?: Date): Promise<void> {
  inTransaction((tx, audit) => {
    for (const event of auditEvents) audit(event, now);
    tx.delete(drafts).where(inArray(drafts.intakeId, [...ids])).run();
    tx.delete(intakes).where(inArray(intakes.id, [...ids])).run();
  });
}

export const sqliteIntakes: IntakesRepository = {
  insertIntake,
  readIntake,
  countIntakes,
  findIntakeIdByReference,
  findIntakeIdsByEmail,
  findIntakeIdsByNameTokens,
  findIntakeIdsSharingEmail,
  listIntakeIdsWithoutAssessment,
  storeAssessment,
  listIntakeIdsInStatusReceivedBefore,
  deleteIntakes,
};

import "server-only";
import { and, asc, count, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { drafts, intakeNameTokens, intakes, type IntakeStatus } from "@/db/schema-pg";
import { inPgTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { blindIndex } from "@/lib/crypto/field-encryption";
import type { AssessmentColumns, InsertIntakeResult, IntakeRow, IntakesRepository, NewIntakeRow } from "../intakes";
import { assessmentValues, intakeIndexes, intakeValues, readReference, toIntakeRow } from "../shared/intakes";
import { isPgUniqueViolation } from "./unique-violation";

/** Intake rows on PostgreSQL (see ../intakes.ts for the contract). */

/**
 * Concurrent retries with one idempotency key race to insert; the unique index on
 * idempotency_index decides. `on conflict (idempotency_index) do nothing` waits for a competing
 * insert of the same key to commit, then inserts nothing; the winner's row is then visible to the
 * next statement (READ COMMITTED), and its id and reference are returned as a replay. A reference
 * collision (unique_violation on reference_index) rolls the attempt back and draws another.
 */
async function insertIntake(row: NewIntakeRow, newIdentity: () => { id: string; reference: string }): Promise<InsertIntakeResult> {
  const indexes = intakeIndexes(row);
  const { idempotencyIndex } = indexes;
  for (let attempt = 0; ; attempt++) {
    const { id, reference } = newIdentity();
    try {
      return await inPgTransaction(async (tx): Promise<InsertIntakeResult> => {
        const winner = async (key: string): Promise<InsertIntakeResult | undefined> => {
          const [existing] = await tx
            .select({ id: intakes.id, referenceEnc: intakes.referenceEnc, requestIndex: intakes.requestIndex })
            .from(intakes)
            .where(eq(intakes.idempotencyIndex, key));
          if (!existing) return undefined;
          if (existing.requestIndex !== indexes.requestIndex) return { outcome: "idempotency_conflict" };
          return { outcome: "replayed", intake: { id: existing.id, reference: readReference(existing.id, existing.referenceEnc) } };
        };
        if (idempotencyIndex) {
          const earlier = await winner(idempotencyIndex);
          if (earlier) return earlier;
        }
        const values = intakeValues(id, reference, row, indexes);
        const inserted = idempotencyIndex
          ? await tx.insert(intakes).values(values).onConflictDoNothing({ target: intakes.idempotencyIndex }).returning({ id: intakes.id })
          : await tx.insert(intakes).values(values).returning({ id: intakes.id });
        if (inserted.length === 0) {
          const later = idempotencyIndex ? await winner(idempotencyIndex) : undefined;
          if (!later) throw new Error("insertIntake: idempotency conflict without a winning row");
          return later;
        }
        if (indexes.tokens.length > 0) await tx.insert(intakeNameTokens).values(indexes.tokens.map((token) => ({ intakeId: id, token })));
        return { outcome: "created", intake: { id, reference } };
      });
    } catch (error) {
      // A 40-bit reference may collide once in a long while; draw another.
      if (attempt < 5 && isPgUniqueViolation(error, "intakes_reference_index_unique")) continue;
      throw error;
    }
  }
}

async function readIntake(id: string): Promise<IntakeRow | undefined> {
  const [row] = await getPgDb().select().from(intakes).where(eq(intakes.id, id));
  return row ? toIntakeRow(row) : undefined;
}

async function countIntakes(): Promise<number> {
  const [row] = await getPgDb().select({ n: count() }).from(intakes);
  return row!.n;
}

async function findIntakeIdByReference(reference: string): Promise<string | undefined> {
  const [row] = await getPgDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.referenceIndex, blindIndex("reference", reference)));
  return row?.id;
}

async function findIntakeIdsByEmail(emailKey: string): Promise<string[]> {
  const rows = await getPgDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, blindIndex("email", emailKey)));
  return rows.map((r) => r.id);
}

async function findIntakeIdsByNameTokens(nameTokens: readonly string[]): Promise<string[]> {
  const tokens = [...new Set(nameTokens.map((t) => blindIndex("name", t)))];
  if (tokens.length === 0) return [];
  const rows = await getPgDb()
    .select({ id: intakeNameTokens.intakeId })
    .from(intakeNameTokens)
    .where(inArray(intakeNameTokens.token, tokens))
    .groupBy(intakeNameTokens.intakeId)
    .having(sql`count(*) = ${tokens.length}`);
  return rows.map((r) => r.id);
}

async function findIntakeIdsSharingEmail(intakeId: string): Promise<string[]> {
  const db = getPgDb();
  const [row] = await db.select({ emailIndex: intakes.emailIndex }).from(intakes).where(eq(intakes.id, intakeId));
  if (!row) return [];
  const rows = await db.select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, row.emailIndex)).orderBy(asc(intakes.receivedAt));
  return rows.map((r) => r.id);
}

async function listIntakeIdsWithoutAssessment(): Promise<string[]> {
  const rows = await getPgDb().select({ id: intakes.id }).from(intakes).where(isNull(intakes.assessmentEnc));
  return rows.map((r) => r.id);
}

async function storeAssessment(id: string, assessment: AssessmentColumns): Promise<void> {
  await getPgDb().update(intakes).set(assessmentValues(id, assessment)).where(eq(intakes.id, id));
}

async function listIntakeIdsInStatusReceivedBefore(statuses: readonly IntakeStatus[], receivedBefore: string): Promise<string[]> {
  const rows = await getPgDb()
    .select({ id: intakes.id })
    .from(intakes)
    .where(and(inArray(intakes.status, [...statuses]), lt(intakes.receivedAt, receivedBefore)));
  return rows.map((r) => r.id);
}

async function deleteIntakes(ids: readonly string[], auditEvents: readonly AuditEvent[], now?: Date): Promise<void> {
  await inPgTransaction(
    async (tx, audit) => {
      for (const event of auditEvents) await audit(event, now);
      if (ids.length === 0) return;
      await tx.delete(drafts).where(inArray(drafts.intakeId, [...ids]));
      await tx.delete(intakes).where(inArray(intakes.id, [...ids]));
    },
    { audited: auditEvents.length > 0 },
  );
}

export const pgIntakes: IntakesRepository = {
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

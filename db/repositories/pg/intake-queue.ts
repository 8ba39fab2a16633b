import "server-only";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { intakes } from "@/db/schema-pg";
import type { IntakeQueueRepository, QueuePosition, QueueRecord, QueueWhere } from "../intake-queue";
import { decryptQueueRow, queueConditions, queueOrder } from "../shared/intake-queue";

/** The review queue's reads on PostgreSQL (see ../intake-queue.ts). */

const QUEUE_COLUMNS = {
  id: intakes.id,
  referenceEnc: intakes.referenceEnc,
  contactEnc: intakes.contactEnc,
  assessmentEnc: intakes.assessmentEnc,
  receivedAt: intakes.receivedAt,
  submittedAt: intakes.submittedAt,
  status: intakes.status,
  triage: intakes.triage,
  needsAcknowledgement: intakes.needsAcknowledgement,
  triageRank: intakes.triageRank,
};

const QUEUE_ORDER = queueOrder(intakes);
const conditions = (where: QueueWhere) => queueConditions(intakes, where);

async function readQueue(where: QueueWhere, after: QueuePosition | undefined, limit: number): Promise<{ total: number; rows: QueueRecord[]; more: boolean }> {
  const db = getPgDb();
  const filter = conditions(where);
  const [counted] = await db.select({ n: count() }).from(intakes).where(and(...filter));
  // The same row-value comparison as SQLite's, with a boolean where SQLite stores 1/0.
  const pageWhere = after
    ? [...filter, sql`(${intakes.needsAcknowledgement}, ${intakes.triageRank}, ${intakes.receivedAt}, ${intakes.id}) < (${after[0]}::boolean, ${after[1]}::integer, ${after[2]}::text, ${after[3]}::text)`]
    : filter;
  const found = await db.select(QUEUE_COLUMNS).from(intakes).where(and(...pageWhere)).orderBy(...QUEUE_ORDER).limit(limit + 1);
  return { total: counted!.n, rows: found.slice(0, limit).map(decryptQueueRow), more: found.length > limit };
}

async function readQueueRows(ids: readonly string[]): Promise<QueueRecord[]> {
  if (ids.length === 0) return [];
  const rows = await getPgDb().select(QUEUE_COLUMNS).from(intakes).where(inArray(intakes.id, [...ids])).orderBy(...QUEUE_ORDER);
  return rows.map(decryptQueueRow);
}

async function countUnacknowledged(): Promise<{ count: number; oldestReceivedAt: string | null }> {
  const [row] = await getPgDb()
    .select({ n: count(), oldest: sql<string | null>`min(${intakes.receivedAt})` })
    .from(intakes)
    .where(eq(intakes.needsAcknowledgement, true));
  return { count: row!.n, oldestReceivedAt: row!.oldest };
}

export const pgIntakeQueue: IntakeQueueRepository = { readQueue, readQueueRows, countUnacknowledged };

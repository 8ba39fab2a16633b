import "server-only";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { intakes } from "@/db/schema";
import type { IntakeQueueRepository, QueuePosition, QueueRecord, QueueWhere } from "../intake-queue";
import { decryptQueueRow, queueConditions, queueOrder } from "../shared/intake-queue";

/** The review queue's reads on SQLite (see ../intake-queue.ts). */

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

/** How many intakes match, up to `limit` of them after `after` in queue order, and whether more follow. */
async function readQueue(where: QueueWhere, after: QueuePosition | undefined, limit: number): Promise<{ total: number; rows: QueueRecord[]; more: boolean }> {
  const db = getDb();
  const filter = conditions(where);
  const total = db.select({ n: count() }).from(intakes).where(and(...filter)).get()!.n;
  const pageWhere = after
    ? [...filter, sql`(${intakes.needsAcknowledgement}, ${intakes.triageRank}, ${intakes.receivedAt}, ${intakes.id}) < (${after[0] ? 1 : 0}, ${after[1]}, ${after[2]}, ${after[3]})`]
    : filter;
  const found = db.select(QUEUE_COLUMNS).from(intakes).where(and(...pageWhere)).orderBy(...QUEUE_ORDER).limit(limit + 1).all();
  return { total, rows: found.slice(0, limit).map(decryptQueueRow), more: found.length > limit };
}

/** The given intakes, in queue order. */
async function readQueueRows(ids: readonly string[]): Promise<QueueRecord[]> {
  if (ids.length === 0) return [];
  return getDb().select(QUEUE_COLUMNS).from(intakes).where(inArray(intakes.id, [...ids])).orderBy(...QUEUE_ORDER).all().map(decryptQueueRow);
}

async function countUnacknowledged(): Promise<{ count: number; oldestReceivedAt: string | null }> {
  const row = getDb()
    .select({ n: count(), oldest: sql<string | null>`min(${intakes.receivedAt})` })
    .from(intakes)
    .where(eq(intakes.needsAcknowledgement, true))
    .get()!;
  return { count: row.n, oldestReceivedAt: row.oldest };
}

export const sqliteIntakeQueue: IntakeQueueRepository = { readQueue, readQueueRows, countUnacknowledged };

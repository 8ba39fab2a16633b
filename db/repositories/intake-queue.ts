import "server-only";
import type { IntakeStatus } from "@/db/schema";
import { byDialect } from "@/db/dialect";
import { pgIntakeQueue } from "./pg/intake-queue";
import { sqliteIntakeQueue } from "./sqlite/intake-queue";

export { decryptQueueRow } from "./shared/intake-queue";

/**
 * The review queue's reads: pages in queue order, rows by id, the count of unacknowledged urgent
 * intakes. Per dialect in ./sqlite/intake-queue.ts and ./pg/intake-queue.ts.
 */

export interface QueueWhere {
  status?: IntakeStatus;
  triage?: string;
  /** Received at or after this instant (ISO). */
  receivedFrom?: string;
  /** Received before this instant (ISO). */
  receivedBefore?: string;
}

/** The queue's sort key: needs acknowledgement, triage rank, received at, id — all descending. */
export type QueuePosition = readonly [needsAcknowledgement: boolean, triageRank: number, receivedAt: string, id: string];

/** One queue row, decrypted; contact and assessment untyped (the review feature reads them). */
export interface QueueRecord {
  id: string;
  reference: string;
  contact: Record<string, unknown>;
  assessment: unknown;
  receivedAt: string;
  submittedAt: string;
  status: IntakeStatus;
  triage: string | null;
  needsAcknowledgement: boolean;
  triageRank: number;
}

/** The encrypted columns a queue row is read from (also what the dashboard benchmark selects in raw SQL). */
export interface StoredQueueRow {
  id: string;
  referenceEnc: string;
  contactEnc: string;
  assessmentEnc: string | null;
  receivedAt: string;
  submittedAt: string;
  status: IntakeStatus;
  triage: string | null;
  needsAcknowledgement: boolean;
  triageRank: number;
}

export interface IntakeQueueRepository {
  readQueue(where: QueueWhere, after: QueuePosition | undefined, limit: number): Promise<{ total: number; rows: QueueRecord[]; more: boolean }>;
  readQueueRows(ids: readonly string[]): Promise<QueueRecord[]>;
  countUnacknowledged(): Promise<{ count: number; oldestReceivedAt: string | null }>;
}

const repo = () => byDialect<IntakeQueueRepository>({ sqlite: sqliteIntakeQueue, postgres: pgIntakeQueue });

/** How many intakes match, up to `limit` of them after `after` in queue order, and whether more follow. */
export const readQueue: IntakeQueueRepository["readQueue"] = (where, after, limit) => repo().readQueue(where, after, limit);

/** The given intakes, in queue order. */
export const readQueueRows: IntakeQueueRepository["readQueueRows"] = (ids) => repo().readQueueRows(ids);

export const countUnacknowledged: IntakeQueueRepository["countUnacknowledged"] = () => repo().countUnacknowledged();

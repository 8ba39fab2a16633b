import "server-only";
import { desc, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { getPgDb, type PgDb } from "@/db/pg-client";
import { auditEvents as pgAuditEvents } from "@/db/schema-pg";
import { appendAuditEvent, nextAuditRow, type AuditEvent } from "@/lib/audit/audit-log";
import { updatePgAnchor } from "@/lib/audit/audit-anchor";

/**
 * Transactions, expressed once for the repositories (never used by features: a repository function
 * is one atomic step), one per dialect. `audit` appends to the chain inside the same transaction as
 * the write it records.
 *
 * SQLite: synchronous and immediate, so writers serialise and the audit chain never forks.
 *
 * PostgreSQL: an async drizzle transaction (READ COMMITTED). Several app instances may append at
 * once, so an append first takes a transaction-scoped advisory lock on the chain head
 * (AUDIT_CHAIN_LOCK), then reads the head (a fresh snapshot: it sees the previous holder's committed
 * row) and inserts seq = head + 1 linked to its HMAC. The lock is held until commit or rollback, so
 * appends are serialised across instances exactly as SQLite's immediate transactions serialise them.
 * A transaction that will append takes the lock first (`{ audited: true }`), before any row lock,
 * so it never waits for the chain while holding a row another appender needs.
 */

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type AuditAppender = (event: AuditEvent, now?: Date) => void;

export function inTransaction<T>(fn: (tx: Tx, audit: AuditAppender) => T): T {
  return getDb().transaction((tx) => fn(tx, (event, now) => appendAuditEvent(tx, event, now)), { behavior: "immediate" });
}

export type PgTx = Parameters<Parameters<PgDb["transaction"]>[0]>[0];
export type PgAuditAppender = (event: AuditEvent, now?: Date) => Promise<void>;

/** Any constant both dialects' code agrees on; "audit" in ASCII. Only this lock key guards the chain. */
export const AUDIT_CHAIN_LOCK = 0x61756469;

export async function lockAuditChain(tx: PgTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

/** Appends one event to the PostgreSQL chain inside `tx` (takes the chain lock; re-taking it in the same transaction is free). */
export async function appendPgAuditEvent(tx: PgTx, event: AuditEvent, now = new Date()): Promise<void> {
  await lockAuditChain(tx);
  const [last] = await tx.select({ seq: pgAuditEvents.seq, hmac: pgAuditEvents.hmac }).from(pgAuditEvents).orderBy(desc(pgAuditEvents.seq)).limit(1);
  await tx.insert(pgAuditEvents).values(nextAuditRow(last, event, now));
}

/**
 * After a commit that appended, the signed anchor outside the database moves to the new head
 * (lib/audit/audit-anchor.ts) before the caller goes on, so a response never precedes its anchor.
 */
export async function inPgTransaction<T>(fn: (tx: PgTx, audit: PgAuditAppender) => Promise<T>, options: { audited?: boolean } = {}): Promise<T> {
  let appended = false;
  const result = await getPgDb().transaction(async (tx) => {
    if (options.audited) await lockAuditChain(tx);
    return fn(tx, async (event, now) => {
      await appendPgAuditEvent(tx, event, now);
      appended = true;
    });
  });
  if (appended) await updatePgAnchor();
  return result;
}

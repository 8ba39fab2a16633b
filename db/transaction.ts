import "server-only";
import { getDb, type Db } from "@/db/client";
import { appendAuditEvent, type AuditEvent } from "@/lib/audit/audit-log";

/**
 * Transactions, expressed once for the repositories (never used by features: a repository function
 * is one atomic step). SQLite's are synchronous and immediate, so writers serialise and the audit
 * chain never forks. `audit` appends to the chain inside the same transaction as the write it records.
 */

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type AuditAppender = (event: AuditEvent, now?: Date) => void;

export function inTransaction<T>(fn: (tx: Tx, audit: AuditAppender) => T): T {
  return getDb().transaction((tx) => fn(tx, (event, now) => appendAuditEvent(tx, event, now)), { behavior: "immediate" });
}

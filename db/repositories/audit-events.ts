import "server-only";
import type { auditEvents } from "@/db/schema";
import { byDialect } from "@/db/dialect";
import type { AuditEvent, ChainCheck } from "@/lib/audit/audit-log";
import { pgAuditEvents } from "./pg/audit-events";
import { sqliteAuditEvents } from "./sqlite/audit-events";

/** The audit trail's rows: listed for the audit page, appended for reads, the chain verified. Per dialect. */

export interface AuditFilter {
  action?: string;
  intake?: string;
  /** Only events older than this sequence number (keyset paging). */
  before?: number;
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

export interface AuditEventsRepository {
  listAuditEvents(filter: AuditFilter, limit: number): Promise<AuditEventRow[]>;
  appendAuditEvents(events: readonly AuditEvent[], now?: Date): Promise<void>;
  verifyAuditEventChain(): Promise<ChainCheck>;
}

const repo = () => byDialect<AuditEventsRepository>({ sqlite: sqliteAuditEvents, postgres: pgAuditEvents });

export const listAuditEvents: AuditEventsRepository["listAuditEvents"] = (filter, limit) => repo().listAuditEvents(filter, limit);

/** Appends events in one transaction of their own (for reads: a list, a search, a view, an export). */
export const appendAuditEvents: AuditEventsRepository["appendAuditEvents"] = (events, now) => repo().appendAuditEvents(events, now);

/**
 * Walks the whole chain in order and checks each link and HMAC with the one definition in
 * lib/audit/audit-log.ts (brokenLink), so a chain written by either dialect verifies the same way.
 * The signed anchor outside the database is compared by verifyAuditLog / verifyAuditLogOnPostgres
 * (lib/audit/audit-log.ts), which walk the same way.
 */
export const verifyAuditEventChain: AuditEventsRepository["verifyAuditEventChain"] = () => repo().verifyAuditEventChain();

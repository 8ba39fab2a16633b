import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";

export interface AuditFilter {
  action?: string;
  intake?: string;
  /** Only events older than this sequence number (keyset paging). */
  before?: number;
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

export async function listAuditEvents(filter: AuditFilter, limit: number): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.intake) where.push(eq(auditEvents.intakeId, filter.intake));
  if (filter.before) where.push(lt(auditEvents.seq, filter.before));
  return getDb().select().from(auditEvents).where(and(...where)).orderBy(desc(auditEvents.seq)).limit(limit).all();
}

/** Appends events in one transaction of their own (for reads: a list, a search, a view, an export). */
export async function appendAuditEvents(events: readonly AuditEvent[], now?: Date): Promise<void> {
  inTransaction((_tx, audit) => {
    for (const event of events) audit(event, now);
  });
}

import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { verifyAuditChain, type AuditEvent, type ChainCheck } from "@/lib/audit/audit-log";
import type { AuditEventRow, AuditEventsRepository, AuditFilter } from "../audit-events";

/** The audit trail's rows on SQLite (see ../audit-events.ts). */

async function listAuditEvents(filter: AuditFilter, limit: number): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.intake) where.push(eq(auditEvents.intakeId, filter.intake));
  if (filter.before) where.push(lt(auditEvents.seq, filter.before));
  return getDb().select().from(auditEvents).where(and(...where)).orderBy(desc(auditEvents.seq)).limit(limit).all();
}

async function appendAuditEvents(events: readonly AuditEvent[], now?: Date): Promise<void> {
  inTransaction((_tx, audit) => {
    for (const event of events) audit(event, now);
  });
}

async function verifyAuditEventChain(): Promise<ChainCheck> {
  return verifyAuditChain();
}

export const sqliteAuditEvents: AuditEventsRepository = { listAuditEvents, appendAuditEvents, verifyAuditEventChain };

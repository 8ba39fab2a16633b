import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditFilter {
  action?: string;
  intake?: string;
  /** Only events older than this sequence number (keyset paging). */
  before?: number;
}

export function listAuditEvents(filter: AuditFilter, limit: number) {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.intake) where.push(eq(auditEvents.intakeId, filter.intake));
  if (filter.before) where.push(lt(auditEvents.seq, filter.before));
  return getDb().select().from(auditEvents).where(and(...where)).orderBy(desc(auditEvents.seq)).limit(limit).all();
}

import "server-only";
import { and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { auditEvents } from "@/db/schema-pg";
import { inPgTransaction } from "@/db/transaction";
import { brokenLink, type AuditEvent, type ChainCheck } from "@/lib/audit/audit-log";
import { GENESIS } from "@/lib/audit/audit-anchor";
import type { AuditEventRow, AuditEventsRepository, AuditFilter } from "../audit-events";

/** The audit trail's rows on PostgreSQL (see ../audit-events.ts). */

async function listAuditEvents(filter: AuditFilter, limit: number): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.intake) where.push(eq(auditEvents.intakeId, filter.intake));
  if (filter.before) where.push(lt(auditEvents.seq, filter.before));
  return getPgDb().select().from(auditEvents).where(and(...where)).orderBy(desc(auditEvents.seq)).limit(limit);
}

async function appendAuditEvents(events: readonly AuditEvent[], now?: Date): Promise<void> {
  if (events.length === 0) return;
  await inPgTransaction(
    async (_tx, audit) => {
      for (const event of events) await audit(event, now);
    },
    { audited: true },
  );
}

const PAGE = 1000;

/** Keyset pages in seq order (the log grows without bound and is never loaded whole). */
async function verifyAuditEventChain(): Promise<ChainCheck> {
  const db = getPgDb();
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(PAGE);
    for (const row of rows) {
      const reason = brokenLink(row, expectedSeq, prev);
      if (reason) return { ok: false, checked, brokenAt: row.seq, reason };
      prev = row.hmac;
      expectedSeq++;
      checked++;
    }
    if (rows.length < PAGE) return { ok: true, checked };
  }
}

export const pgAuditEvents: AuditEventsRepository = { listAuditEvents, appendAuditEvents, verifyAuditEventChain };

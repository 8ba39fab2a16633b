import "server-only";
import { and, asc, count, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { auditEvents } from "@/db/schema-pg";
import { inPgTransaction } from "@/db/transaction";
import { brokenLink, type AnchorCreationRow, type AuditEvent, type ChainCheck, type ChainWalk } from "@/lib/audit/audit-log";
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

async function verifyAuditEventChain(): Promise<ChainCheck> {
  const c = await walkPgAuditChain();
  return c.ok ? { ok: true, checked: c.checked } : { ok: false, checked: c.checked, brokenAt: c.brokenAt, reason: c.reason };
}

/**
 * The whole walk (as walkChain in lib/audit/audit-log.ts does on SQLite): keyset pages in seq order
 * (the log grows without bound and is never loaded whole), also noting the HMAC of `watchSeq`.
 */
export async function walkPgAuditChain(watchSeq?: number, onProgress?: (checked: number) => void): Promise<ChainWalk> {
  const db = getPgDb();
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let hashAt: string | undefined;
  const end = (check: ChainCheck): ChainWalk => ({ ...check, lastSeq: expectedSeq - 1, lastHash: prev, hashAt });
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(PAGE);
    for (const row of rows) {
      const reason = brokenLink(row, expectedSeq, prev);
      if (reason) return end({ ok: false, checked, brokenAt: row.seq, reason });
      if (row.seq === watchSeq) hashAt = row.hmac;
      prev = row.hmac;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < PAGE) return end({ ok: true, checked });
  }
}

export async function countPgAuditEvents(): Promise<number> {
  const [row] = await getPgDb().select({ n: count() }).from(auditEvents);
  return row?.n ?? 0;
}

export async function pgAnchorCreationRows(): Promise<AnchorCreationRow[]> {
  return getPgDb().select({ seq: auditEvents.seq, at: auditEvents.at, detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.action, "audit.anchor_created")).orderBy(asc(auditEvents.seq));
}

export const pgAuditEvents: AuditEventsRepository = { listAuditEvents, appendAuditEvents, verifyAuditEventChain };

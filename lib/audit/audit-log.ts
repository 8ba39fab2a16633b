import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { desc } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { getKeyMaterial } from "@/lib/crypto/key-material";

/**
 * The append-only audit trail (architecture.md, "Audit log"). Every event is chained to the one
 * before by an HMAC whose key lives in the key directory: editing, deleting or reordering a row
 * breaks the chain, and `npm run audit -- verify` names the first broken link.
 */

export const AUDIT_ACTIONS = [
  "sign_in.success",
  "sign_in.failure",
  "two_factor.success",
  "two_factor.failure",
  "sign_out",
  "session.expired",
  "session.revoke",
  "intake.list",
  "intake.search",
  "intake.view",
  "intake.status_change",
  "intake.note",
  "intake.acknowledge",
  "intake.download",
  "intake.client_copy",
  "intake.export",
  "intake.delete",
  "intake.purge",
  "audit.view",
  "account.create",
  "account.disable",
  "account.enable",
  "account.password_reset",
  "account.password_change",
  "account.two_factor_reset",
  "account.two_factor_reenrol",
  "account.two_factor_reenrol_start",
  "account.reauth_failure",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  action: AuditAction;
  /** The therapist (or `null` for the command line and failed sign-ins of unknown accounts). */
  actorUserId?: string | null;
  actorEmail?: string | null;
  intakeId?: string | null;
  ipAddress?: string | null;
  /** Small, non-identifying facts: a status pair, a result count, a reason code. Never answers or search text. */
  detail?: Record<string, string | number | boolean | null>;
}

const GENESIS = "genesis";

type Tx = Pick<Db, "select" | "insert">;

function macOf(row: Omit<typeof auditEvents.$inferSelect, "hmac">): string {
  const canonical = JSON.stringify([row.seq, row.at, row.actorUserId, row.actorEmail, row.action, row.intakeId, row.ipAddress, row.detail, row.prevHmac]);
  return createHmac("sha256", getKeyMaterial().auditHmacKey).update(canonical, "utf8").digest("base64url");
}

/**
 * Appends an event. Call it inside the transaction of the action it records (immediate
 * transactions serialise writers, so the chain never forks).
 */
export function appendAuditEvent(tx: Tx, event: AuditEvent, now = new Date()): void {
  const last = tx.select({ seq: auditEvents.seq, hmac: auditEvents.hmac }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    actorUserId: event.actorUserId ?? null,
    actorEmail: event.actorEmail ?? null,
    action: event.action,
    intakeId: event.intakeId ?? null,
    ipAddress: event.ipAddress ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
    prevHmac: last?.hmac ?? GENESIS,
  };
  tx.insert(auditEvents).values({ ...row, hmac: macOf(row) }).run();
}

/** Records an event in a transaction of its own (for reads such as a view or a download). */
export function recordAuditEvent(event: AuditEvent): void {
  const db = getDb();
  db.transaction((tx) => appendAuditEvent(tx, event), { behavior: "immediate" });
}

export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks the whole chain in order; stops at the first row whose link or HMAC does not hold. */
export function verifyAuditChain(db: Db = getDb()): ChainCheck {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  // Iterated row by row: the log grows without bound and must not be loaded whole.
  const rows = db.$client
    .prepare(
      "select seq, at, actor_user_id as actorUserId, actor_email as actorEmail, action, intake_id as intakeId, ip_address as ipAddress, detail, prev_hmac as prevHmac, hmac from audit_events order by seq",
    )
    .iterate() as IterableIterator<typeof auditEvents.$inferSelect>;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, checked, brokenAt: row.seq, reason: `row ${expectedSeq} is missing` };
    if (row.prevHmac !== prev) return { ok: false, checked, brokenAt: row.seq, reason: "it does not link to the row before it" };
    const expected = Buffer.from(macOf(row));
    const actual = Buffer.from(row.hmac);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
      return { ok: false, checked, brokenAt: row.seq, reason: "its content does not match its HMAC (changed after it was written)" };
    prev = row.hmac;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked };
}

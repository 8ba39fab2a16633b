import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { desc } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type Database from "better-sqlite3";
import { getKeyMaterial } from "@/lib/crypto/key-material";
import { currentDialect } from "@/db/dialect";
import { inPgTransaction } from "@/db/transaction";
import { countPgAuditEvents, pgAnchorCreationRows, walkPgAuditChain } from "@/db/repositories/pg/audit-events";
import { anchorPath, GENESIS, flushAnchorUpdate, readAnchorFile, scheduleAnchorUpdate, type AnchorRead, type AuditAnchor } from "./audit-anchor";

/**
 * The append-only audit trail (architecture.md, "Audit log"). Every event is chained to the one
 * before by an HMAC whose key lives in the key directory: editing, deleting or reordering a row
 * breaks the chain, and `npm run audit -- verify` names the first broken link. Deleting the newest
 * rows is caught by the signed head kept outside the database (audit-anchor.ts).
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
  // The review queue as CSV: detail holds the filters, the row count and whether names and contact details were in it.
  "intake.list_export",
  "intake.delete",
  "intake.purge",
  "audit.view",
  // The treatment course (lib/course-records). Detail holds ids, phases, versions and counts only.
  "course.start",
  "course.view",
  "course.list",
  "course.phase_change",
  "course.session_record",
  "course.session_correct",
  "course.flag_acknowledge",
  "course.progress_pdf",
  // The clinic outcome report (aggregates only). Detail holds the filters, never a course or client.
  "outcomes.view",
  "outcomes.download",
  "checkin.request_create",
  "checkin.request_email",
  // Patient-facing steps of a check-in link (no actor; the address is the client's).
  "checkin.open",
  "checkin.start",
  "checkin.dob_mismatch",
  "checkin.link_ended",
  "checkin.submit",
  "account.create",
  "account.disable",
  "account.enable",
  "account.password_reset",
  "account.password_change",
  "account.two_factor_reset",
  "account.two_factor_reenrol",
  "account.two_factor_reenrol_start",
  "account.reauth_failure",
  "audit.anchor_created",
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

type Tx = Pick<Db, "select" | "insert">;

export type AuditRow = typeof auditEvents.$inferSelect;

/** The HMAC of a row's content and its link; one definition for both dialects, so one verify accepts either's rows. */
export function macOf(row: Omit<AuditRow, "hmac">): string {
  const canonical = JSON.stringify([row.seq, row.at, row.actorUserId, row.actorEmail, row.action, row.intakeId, row.ipAddress, row.detail, row.prevHmac]);
  return createHmac("sha256", getKeyMaterial().auditHmacKey).update(canonical, "utf8").digest("base64url");
}

/**
 * Appends an event. Call it inside the transaction of the action it records (immediate
 * transactions serialise writers, so the chain never forks).
 */
export function appendAuditEvent(tx: Tx, event: AuditEvent, now = new Date()): void {
  const last = tx.select({ seq: auditEvents.seq, hmac: auditEvents.hmac }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get();
  tx.insert(auditEvents).values(nextAuditRow(last, event, now)).run();
  scheduleAnchorUpdate();
}

/** The row that follows `last` (the chain head, none for the first event) for this event, with its HMAC. */
export function nextAuditRow(last: { seq: number; hmac: string } | undefined, event: AuditEvent, now: Date): AuditRow {
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
  return { ...row, hmac: macOf(row) };
}

/**
 * Records an event in a transaction of its own (for reads such as a view or a download). On
 * SQLite it commits (and anchors) before returning; on PostgreSQL (DATABASE_URL) the promise settles
 * once the event is committed under the chain lock and the anchor moved. Await it: a read is
 * answered only after it is on record.
 */
export async function recordAuditEvent(event: AuditEvent): Promise<void> {
  if (currentDialect() === "postgres") {
    await inPgTransaction((_tx, audit) => audit(event), { audited: true });
    return;
  }
  const db = getDb();
  db.transaction((tx) => appendAuditEvent(tx, event), { behavior: "immediate" });
  flushAnchorUpdate();
}

/** Why `row` does not continue a chain expected at `expectedSeq` after `prev`, or undefined when it does (shared by both dialects' walks). */
export function brokenLink(row: AuditRow, expectedSeq: number, prev: string): string | undefined {
  if (row.seq !== expectedSeq) return `row ${expectedSeq} is missing`;
  if (row.prevHmac !== prev) return "it does not link to the row before it";
  const expected = Buffer.from(macOf(row));
  const actual = Buffer.from(row.hmac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return "its content does not match its HMAC (changed after it was written)";
  return undefined;
}

export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks the whole chain in order; stops at the first row whose link or HMAC does not hold. */
export function verifyAuditChain(db: Db = getDb()): ChainCheck {
  const c = walkChain(db.$client);
  return c.ok ? { ok: true, checked: c.checked } : { ok: false, checked: c.checked, brokenAt: c.brokenAt, reason: c.reason };
}

/** How many events the log holds (the total a verification walks). */
export function countAuditEvents(client: Database.Database = getDb().$client): number {
  return (client.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
}

/** A whole walk: the check, where it ended, and the HMAC of the event an anchor records (watchSeq). */
export type ChainWalk = ChainCheck & { lastSeq: number; lastHash: string; hashAt?: string };

function walkChain(client: Database.Database, watchSeq?: number, onProgress?: (checked: number) => void): ChainWalk {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let hashAt: string | undefined;
  const end = (check: ChainCheck) => ({ ...check, lastSeq: expectedSeq - 1, lastHash: prev, hashAt });
  // Iterated row by row: the log grows without bound and must not be loaded whole.
  const rows = client
    .prepare(
      "select seq, at, actor_user_id as actorUserId, actor_email as actorEmail, action, intake_id as intakeId, ip_address as ipAddress, detail, prev_hmac as prevHmac, hmac from audit_events order by seq",
    )
    .iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    const reason = brokenLink(row, expectedSeq, prev);
    if (reason) return end({ ok: false, checked, brokenAt: row.seq, reason });
    if (row.seq === watchSeq) hashAt = row.hmac;
    prev = row.hmac;
    expectedSeq++;
    checked++;
    if (checked % 1000 === 0) onProgress?.(checked);
  }
  onProgress?.(checked);
  return end({ ok: true, checked });
}

export type AuditLogCheck =
  | { status: "intact"; checked: number; anchor: AuditAnchor | null; pastAnchor: number }
  | { status: "broken"; checked: number; brokenAt: number; reason: string }
  | { status: "truncated"; checked: number; anchor: AuditAnchor; lastSeq: number; missing: number }
  | { status: "anchor_invalid"; checked: number; reason: string }
  | { status: "anchor_missing"; checked: number }
  | { status: "anchor_recreated"; checked: number; at: number; when: string };

/**
 * The chain and its anchor together. The database may be ahead of the anchor (the events after it
 * must link to the anchored one); behind it, events were deleted from the end.
 */
export function verifyAuditLog(
  client: Database.Database = getDb().$client,
  anchorRead: AnchorRead = readAnchorFile(),
  onProgress?: (checked: number) => void,
): AuditLogCheck {
  const anchor = anchorRead.state === "valid" ? anchorRead.anchor : null;
  const chain = walkChain(client, anchor?.seq, onProgress);
  return judgeAuditLog(chain, anchorRead, () => anchorRecreation(client.prepare("select seq, at, detail from audit_events where action = 'audit.anchor_created' order by seq").all() as AnchorCreationRow[]));
}

/** verifyAuditLog on PostgreSQL (DATABASE_URL): the same walk and the same anchor rules. */
export async function verifyAuditLogOnPostgres(anchorRead: AnchorRead = readAnchorFile(), onProgress?: (checked: number) => void): Promise<AuditLogCheck> {
  const anchor = anchorRead.state === "valid" ? anchorRead.anchor : null;
  const chain = await walkPgAuditChain(anchor?.seq, onProgress);
  const created = chain.ok && anchor ? await pgAnchorCreationRows() : [];
  return judgeAuditLog(chain, anchorRead, () => anchorRecreation(created));
}

export { countPgAuditEvents };

/** The chain as the anchor sees it; one set of rules for both dialects' walks. */
export function judgeAuditLog(chain: ChainWalk, anchorRead: AnchorRead, recreation: () => { seq: number; at: string } | undefined): AuditLogCheck {
  const anchor = anchorRead.state === "valid" ? anchorRead.anchor : null;
  if (!chain.ok) return { status: "broken", checked: chain.checked, brokenAt: chain.brokenAt, reason: chain.reason };
  if (anchorRead.state === "invalid") return { status: "anchor_invalid", checked: chain.checked, reason: anchorRead.reason };
  if (!anchor) return chain.checked === 0 ? { status: "intact", checked: 0, anchor: null, pastAnchor: 0 } : { status: "anchor_missing", checked: chain.checked };
  if (anchor.seq > chain.lastSeq) return { status: "truncated", checked: chain.checked, anchor, lastSeq: chain.lastSeq, missing: anchor.seq - chain.lastSeq };
  if (anchor.seq > 0 && chain.hashAt !== anchor.hash)
    return { status: "broken", checked: chain.checked, brokenAt: anchor.seq, reason: "it is not the event the anchor recorded (the newest events were deleted and others written after them)" };
  const recreated = recreation();
  if (recreated) return { status: "anchor_recreated", checked: chain.checked, at: recreated.seq, when: recreated.at };
  return { status: "intact", checked: chain.checked, anchor, pastAnchor: chain.lastSeq - anchor.seq };
}

/**
 * The anchor is created once, at an installation's first start (or the first start after upgrading
 * to anchors), and that is recorded in the chain. Any later creation means it was missing: newest
 * events deleted before then can no longer be detected, and verify says so.
 */
export type AnchorCreationRow = { seq: number; at: string; detail: string | null };

export function anchorRecreation(created: AnchorCreationRow[]): { seq: number; at: string } | undefined {
  return created.find((e, i) => i > 0 || JSON.parse(e.detail ?? "{}").reason === "missing");
}

/** One sentence per outcome, shared by `audit verify`, backup and restore. No event content, only positions. */
export function describeAuditCheck(check: AuditLogCheck, file = anchorPath()): { ok: boolean; exitCode: 0 | 3 | 4; text: string } {
  switch (check.status) {
    case "intact": {
      const a = check.anchor;
      const tail = !a
        ? ""
        : check.pastAnchor === 0
          ? `; the newest matches the anchor (${file}, written ${a.writtenAt})`
          : `; the anchor records event ${a.seq}, and the ${check.pastAnchor} events after it link to it (written after the anchor's last update, e.g. just before a crash; the next event moves the anchor)`;
      return { ok: true, exitCode: 0, text: `Audit log intact: ${check.checked} events, every link verified${tail}.` };
    }
    case "broken":
      return { ok: false, exitCode: 3, text: `Audit log BROKEN at event ${check.brokenAt}: ${check.reason}. ${check.checked} events before it verified.` };
    case "truncated": {
      const a = check.anchor;
      const ends = check.lastSeq === 0 ? "the database has no events" : `the database ends at event ${check.lastSeq}`;
      return {
        ok: false,
        exitCode: 3,
        text: `Audit log TRUNCATED: the anchor (${file}, written ${a.writtenAt}) records ${a.count} events (the last is event ${a.seq}, hash ${a.hash.slice(0, 12)}…); ${ends}: the ${check.missing} newest events are missing.`,
      };
    }
    case "anchor_invalid":
      return { ok: false, exitCode: 3, text: `Audit anchor INVALID at ${file}: ${check.reason}. The chain itself verified (${check.checked} events), but whether its newest events were deleted cannot be told.` };
    case "anchor_recreated":
      return {
        ok: false,
        exitCode: 4,
        text: `Audit log chain intact (${check.checked} events) and it matches its anchor, but the anchor was missing and was created again at event ${check.at} (${check.when}): newest events deleted before then cannot be ruled out. Compare with the anchor in a backup from before that date, and find out who removed the anchor.`,
      };
    case "anchor_missing":
      return {
        ok: false,
        exitCode: 4,
        text: `Audit log chain intact (${check.checked} events), but there is no anchor at ${file}: a deleted tail could not be detected. Starting the server creates it from the current head (expected once, after upgrading); otherwise find out who removed it, and compare with the anchor in the newest backup.`,
      };
  }
}

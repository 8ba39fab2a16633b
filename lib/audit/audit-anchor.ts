import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type Database from "better-sqlite3";
import { z } from "zod";
import { ConfigError, getConfig } from "@/lib/config";
import { getKeyMaterial } from "@/lib/crypto/key-material";
import { count, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getPgDb, type PgDb } from "@/db/pg-client";
import { auditEvents as pgAuditEvents } from "@/db/schema-pg";
import { appendPgAuditEvent, lockAuditChain } from "@/db/transaction";
import { writeFileAtomically } from "@/lib/backup/backup-file";
import { appendAuditEvent } from "./audit-log";

/**
 * The audit chain's head, signed and kept outside the database (AUDIT_ANCHOR_PATH, by default in
 * KEYS_DIR): deleting the newest rows leaves every remaining link valid, so only a head kept where
 * the database cannot be rolled back with it shows the cut. Written after every committed append,
 * only ever forward; the database may be ahead of it (a crash between commit and write), never behind.
 */

const FORMAT = "ketamine-intake audit anchor v1";
export const GENESIS = "genesis";

const anchorSchema = z.strictObject({
  format: z.literal(FORMAT),
  /** The newest event's seq (0: the log was empty). Seqs run from 1 without gaps, so it is also the count. */
  seq: z.number().int().min(0),
  hash: z.string().min(1).max(100),
  count: z.number().int().min(0),
  writtenAt: z.iso.datetime(),
  mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be an HMAC-SHA-256 in base64url"),
});
export type AuditAnchor = z.infer<typeof anchorSchema>;

export type AnchorRead = { state: "missing" } | { state: "invalid"; reason: string } | { state: "valid"; anchor: AuditAnchor };

interface AuditHead {
  seq: number;
  hash: string;
}

const keys = new WeakMap<Buffer, Buffer>();
function anchorKey(): Buffer {
  const auditKey = getKeyMaterial().auditHmacKey;
  let key = keys.get(auditKey);
  if (!key) {
    // Its own label: an anchor MAC can never be replayed as an event MAC, or the other way round.
    key = Buffer.from(hkdfSync("sha256", auditKey, Buffer.alloc(0), FORMAT, 32));
    keys.set(auditKey, key);
  }
  return key;
}

function macOf(a: Omit<AuditAnchor, "mac">): string {
  return createHmac("sha256", anchorKey()).update(JSON.stringify([a.format, a.seq, a.hash, a.count, a.writtenAt]), "utf8").digest("base64url");
}

export function signAnchor(head: AuditHead, now = new Date()): AuditAnchor {
  const body = { format: FORMAT, seq: head.seq, hash: head.hash, count: head.seq, writtenAt: now.toISOString() } as const;
  return { ...body, mac: macOf(body) };
}

/** Validates and checks the signature of an anchor (from the file or from a backup). */
export function parseAnchor(value: unknown): AnchorRead {
  const parsed = anchorSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { state: "invalid", reason: `it is not an anchor file (${issue?.path.join(".") || "file"}: ${issue?.message ?? "invalid"})` };
  }
  const a = parsed.data;
  const expected = Buffer.from(macOf(a));
  const actual = Buffer.from(a.mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual) || a.count !== a.seq || (a.seq === 0) !== (a.hash === GENESIS))
    return { state: "invalid", reason: "its signature does not match (it was edited, or signed with another audit key)" };
  return { state: "valid", anchor: a };
}

export function anchorPath(): string {
  return getConfig().auditAnchorPath;
}

export function readAnchorFile(file = anchorPath()): AnchorRead {
  let text: string;
  try {
    text = fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: "invalid", reason: "it is not an anchor file (not JSON)" };
  }
  return parseAnchor(value);
}

export function writeAnchorFile(anchor: AuditAnchor, file = anchorPath()): void {
  fs.mkdirSync(path.dirname(/*turbopackIgnore: true*/ file), { recursive: true, mode: 0o700 });
  // No directory fsync: after a power cut the previous anchor may come back, which is only
  // behind the database (accepted by verify); the file's own content is always whole.
  writeFileAtomically(file, `${JSON.stringify(anchor)}\n`, { syncDir: false });
}

export function readHead(client: Database.Database): AuditHead {
  const last = client.prepare("select seq, hmac from audit_events order by seq desc limit 1").get() as { seq: number; hmac: string } | undefined;
  return last ? { seq: last.seq, hash: last.hmac } : { seq: 0, hash: GENESIS };
}

type AnchorUpdate =
  | { result: "current" | "written"; seq: number }
  | { result: "created"; seq: number }
  | { result: "refused"; reason: string };

/** What moving the anchor needs from the database, read beforehand (synchronously on SQLite, awaited on PostgreSQL). */
interface ChainFacts {
  head: AuditHead;
  /** The stored HMAC of event `seq` (asked only for the file's or the remembered anchor's event). */
  hmacAt(seq: number): string | undefined;
}

/**
 * Moves the anchor to the database's current head. Never backwards, never over an anchor that
 * does not verify or whose event is no longer in the database: that evidence stays for `audit verify`.
 * Two processes racing can at worst leave it a little behind the head, which verify accepts.
 */
function updateAnchor(client: Database.Database = getDb().$client, file = anchorPath(), remembered?: AuditAnchor): AnchorUpdate {
  const head = readHead(client);
  const hmacAt = (seq: number) => (client.prepare("select hmac from audit_events where seq = ?").get(seq) as { hmac: string } | undefined)?.hmac;
  return moveAnchor({ head, hmacAt }, readAnchorFile(file), file, remembered);
}

/** The rules of updateAnchor, for either dialect: `read` is the anchor file as read before the facts. */
function moveAnchor(facts: ChainFacts, read: AnchorRead, file: string, remembered: AuditAnchor | undefined): AnchorUpdate {
  const { head } = facts;
  let current = read;
  if (current.state === "missing" && remembered) {
    // Removed while running: put back what this process last anchored, never the current head
    // (which would bless a tail cut in the meantime); the checks below then go on as before.
    writeAnchorFile(remembered, file);
    current = { state: "valid", anchor: remembered };
  }
  // Creating one once events exist is for the start-up only, which records it in the chain.
  if (current.state === "missing" && head.seq > 0)
    return { result: "refused", reason: `the anchor at ${file} is missing; the next start of the server creates it again and records that in the audit log` };
  if (current.state === "invalid") return { result: "refused", reason: `the anchor at ${file} is not valid: ${current.reason}` };
  if (current.state === "valid") {
    const a = current.anchor;
    if (a.seq > head.seq) return { result: "refused", reason: `the anchor at ${file} records event ${a.seq} but the database ends at event ${head.seq}` };
    if (a.seq > 0) {
      if (facts.hmacAt(a.seq) !== a.hash) return { result: "refused", reason: `event ${a.seq} in the database is not the event the anchor at ${file} recorded` };
    }
    remember(a, file);
    if (a.seq === head.seq) return { result: "current", seq: a.seq };
  }
  const anchor = signAnchor(head);
  writeAnchorFile(anchor, file);
  remember(anchor, file);
  return { result: current.state === "missing" ? "created" : "written", seq: head.seq };
}

// Appends run inside their caller's (synchronous) transaction, so the anchor is written in a
// microtask: after the commit, before any awaiting code can answer the request, and once for all
// appends of the same tick. recordAuditEvent, which commits itself, writes it at once; a process
// exiting first writes it in its exit handler.
const holder = globalThis as unknown as { __auditAnchor?: { pending: boolean; anchored?: boolean; lastRefusal?: string; remembered?: AuditAnchor; rememberedFile?: string } };

function state() {
  if (!holder.__auditAnchor) {
    holder.__auditAnchor = { pending: false };
    process.on("exit", flushAnchorUpdate);
  }
  return holder.__auditAnchor;
}

/** What this process last anchored, put back if the file disappears while it runs. */
function remember(anchor: AuditAnchor, file: string): void {
  const s = state();
  s.remembered = anchor;
  s.rememberedFile = file;
}

/** For tests that simulate a new process (a restart) in the same one. */
export function forgetAnchorStateForTests(): void {
  const s = state();
  delete s.remembered;
  delete s.rememberedFile;
  s.pending = false;
  s.anchored = false;
  s.lastRefusal = undefined;
}

/** Writes a scheduled anchor update now (after a transaction this code committed itself). */
export function flushAnchorUpdate(): void {
  const s = state();
  if (!s.pending) return;
  s.pending = false;
  try {
    const client = getDb().$client;
    if (client.inTransaction) {
      s.pending = true;
      setImmediate(flushAnchorUpdate);
      return;
    }
    const file = anchorPath();
    // The first anchoring of a log (a command run before the server ever started, a fresh test
    // database): recorded in the chain like the start-up's. Never once the log was anchored.
    const remembered = s.rememberedFile === file ? s.remembered : undefined;
    if (!remembered && readAnchorFile(file).state === "missing" && !everAnchored(client)) {
      createAnchor(client, file);
      s.anchored = true;
      return;
    }
    if (remembered && readAnchorFile(file).state === "missing") console.warn(`The audit anchor ${file} disappeared; put back the one this process wrote last (event ${remembered.seq}). Find out who removed it.`);
    noteUpdate(updateAnchor(client, file, remembered));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`Audit anchor could not be written to ${anchorPath()}: ${code ?? (error as Error).message}`);
  }
}

function noteUpdate(update: AnchorUpdate): void {
  const s = state();
  if (update.result === "refused") {
    // Once per reason, not on every event.
    if (s.lastRefusal !== update.reason) console.error(`Audit anchor not moved: ${update.reason}. Run: npm run audit -- verify`);
    s.lastRefusal = update.reason;
  } else {
    s.lastRefusal = undefined;
    s.anchored = true;
  }
}

export function scheduleAnchorUpdate(): void {
  const s = state();
  if (s.pending) return;
  s.pending = true;
  queueMicrotask(flushAnchorUpdate);
}

type AnchorCreation = "first_start" | "upgrade" | "missing";

/**
 * Creates the anchor where there is none, and records that in the chain first (so the anchor covers
 * the record): the first anchoring of an installation, or of a log kept before anchors existed, is
 * expected; once the chain holds such a record, another creation means the anchor was removed.
 */
function createAnchor(client: Database.Database, file: string): AnchorCreation {
  const head = readHead(client);
  const earlier = (client.prepare("select count(*) as n from audit_events where action = 'audit.anchor_created'").get() as { n: number }).n;
  const reason: AnchorCreation = earlier > 0 ? "missing" : head.seq === 0 ? "first_start" : "upgrade";
  getDb().transaction((tx) => appendAuditEvent(tx, { action: "audit.anchor_created", detail: { reason, eventsBefore: head.seq } }), { behavior: "immediate" });
  const anchor = signAnchor(readHead(client));
  writeAnchorFile(anchor, file);
  remember(anchor, file);
  return reason;
}

/** Whether an anchor was ever made for this log (then a missing one was removed). */
function everAnchored(client: Database.Database): boolean {
  return !!client.prepare("select 1 from audit_events where action = 'audit.anchor_created' limit 1").get();
}

/**
 * At start-up: anchors the current head; a path it cannot write stops the start. When there is no
 * anchor, one is created and that is recorded in the chain (`audit.anchor_created`): at the first
 * start of an installation, or the first after upgrading to anchors, that is expected; any later
 * creation means the anchor was removed, and `audit verify` reports it from then on.
 */
export function anchorAtStart(): string | null {
  const file = anchorPath();
  let update: AnchorUpdate;
  let created: AnchorCreation | undefined;
  try {
    fs.mkdirSync(path.dirname(/*turbopackIgnore: true*/ file), { recursive: true, mode: 0o700 });
    fs.accessSync(path.dirname(/*turbopackIgnore: true*/ file), fs.constants.W_OK);
    const client = getDb().$client;
    if (readAnchorFile(file).state === "missing") created = createAnchor(client, file);
    update = updateAnchor(client, file, state().rememberedFile === file ? state().remembered : undefined);
  } catch (error) {
    throw new ConfigError([`AUDIT_ANCHOR_PATH: cannot write the audit anchor ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  return startNote(update, created, file);
}

function startNote(update: AnchorUpdate, created: AnchorCreation | undefined, file: string): string | null {
  if (update.result !== "refused") state().anchored = true;
  if (update.result === "refused") return `WARNING: the audit log does not match its anchor: ${update.reason}. The anchor is left as it is; run: npm run audit -- verify`;
  if (created === "upgrade")
    return `No audit anchor was found at ${file}: created one from the current head (event ${update.seq}), the first since upgrading. Keep this file (it moves with every event) and back it up with the keys.`;
  if (created === "missing")
    return `WARNING: the audit anchor ${file} was missing: created it again (event ${update.seq}) and recorded that in the audit log. Newest events deleted before now cannot be detected; find out who removed it. npm run audit -- verify reports this from now on.`;
  return null;
}

/*
 * PostgreSQL. Appends commit asynchronously (db/transaction.ts, inPgTransaction), which then awaits
 * updatePgAnchor: the same file, rules and remembered head as above. Within a process the updates run
 * one after another (several requests append at once; each update reads the head afresh), and calls
 * made while one is waiting share the next. The file is read before the head: an anchor is only
 * ever written from a committed head, so a head read after it is never behind it unless rows were
 * deleted. No exit-handler write: a process ending between a commit and its anchor leaves the
 * database ahead of the anchor, which verify accepts.
 */

const pg = globalThis as unknown as { __auditAnchorPg?: { tail: Promise<void>; queued?: Promise<void> } };

/** Moves the anchor after a committed PostgreSQL append (never throws: a failure is logged, as on SQLite). */
export function updatePgAnchor(): Promise<void> {
  const q = (pg.__auditAnchorPg ??= { tail: Promise.resolve() });
  if (q.queued) return q.queued;
  const run = q.tail.then(async () => {
    q.queued = undefined;
    await flushPgAnchorOnce();
  });
  q.queued = run;
  q.tail = run;
  return run;
}

async function flushPgAnchorOnce(): Promise<void> {
  const s = state();
  try {
    const file = anchorPath();
    const remembered = s.rememberedFile === file ? s.remembered : undefined;
    const read = readAnchorFile(file);
    const db = getPgDb();
    if (!remembered && read.state === "missing" && (await pgAnchorCreations(db)) === 0) {
      await createPgAnchor(db, file);
      s.anchored = true;
      return;
    }
    if (remembered && read.state === "missing") console.warn(`The audit anchor ${file} disappeared; put back the one this process wrote last (event ${remembered.seq}). Find out who removed it.`);
    noteUpdate(moveAnchor(await pgFacts(db, read, remembered), read, file, remembered));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`Audit anchor could not be written to ${anchorPath()}: ${code ?? (error as Error).message}`);
  }
}

type PgReader = Pick<PgDb, "select">;

export async function readPgHead(db: PgReader = getPgDb()): Promise<AuditHead> {
  const [last] = await db.select({ seq: pgAuditEvents.seq, hmac: pgAuditEvents.hmac }).from(pgAuditEvents).orderBy(desc(pgAuditEvents.seq)).limit(1);
  return last ? { seq: last.seq, hash: last.hmac } : { seq: 0, hash: GENESIS };
}

async function pgAnchorCreations(db: PgReader): Promise<number> {
  const [row] = await db.select({ n: count() }).from(pgAuditEvents).where(eq(pgAuditEvents.action, "audit.anchor_created"));
  return row?.n ?? 0;
}

async function pgFacts(db: PgDb, read: AnchorRead, remembered: AuditAnchor | undefined): Promise<ChainFacts> {
  const head = await readPgHead(db);
  const seqs = [...new Set([read.state === "valid" ? read.anchor.seq : 0, remembered?.seq ?? 0])].filter((seq) => seq > 0);
  const rows = seqs.length ? await db.select({ seq: pgAuditEvents.seq, hmac: pgAuditEvents.hmac }).from(pgAuditEvents).where(inArray(pgAuditEvents.seq, seqs)) : [];
  const stored = new Map(rows.map((r) => [r.seq, r.hmac]));
  return { head, hmacAt: (seq) => stored.get(seq) };
}

/** createAnchor on PostgreSQL: the record appended under the chain lock, then the anchor signed from the committed head. */
async function createPgAnchor(db: PgDb, file: string): Promise<AnchorCreation> {
  const reason = await db.transaction(async (tx) => {
    await lockAuditChain(tx);
    const head = await readPgHead(tx);
    const reason: AnchorCreation = (await pgAnchorCreations(tx)) > 0 ? "missing" : head.seq === 0 ? "first_start" : "upgrade";
    await appendPgAuditEvent(tx, { action: "audit.anchor_created", detail: { reason, eventsBefore: head.seq } });
    return reason;
  });
  const anchor = signAnchor(await readPgHead(db));
  writeAnchorFile(anchor, file);
  remember(anchor, file);
  return reason;
}

/** anchorAtStart for a server on PostgreSQL (DATABASE_URL): same checks, same messages. Called by prepareServer. */
export async function anchorAtStartOnPostgres(): Promise<string | null> {
  const file = anchorPath();
  let update: AnchorUpdate;
  let created: AnchorCreation | undefined;
  try {
    fs.mkdirSync(path.dirname(/*turbopackIgnore: true*/ file), { recursive: true, mode: 0o700 });
    fs.accessSync(path.dirname(/*turbopackIgnore: true*/ file), fs.constants.W_OK);
    const db = getPgDb();
    if (readAnchorFile(file).state === "missing") created = await createPgAnchor(db, file);
    const remembered = state().rememberedFile === file ? state().remembered : undefined;
    const read = readAnchorFile(file);
    update = moveAnchor(await pgFacts(db, read, remembered), read, file, remembered);
  } catch (error) {
    throw new ConfigError([`AUDIT_ANCHOR_PATH: cannot write the audit anchor ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  return startNote(update, created, file);
}

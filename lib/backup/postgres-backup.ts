import "server-only";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describeDatabaseUrl, parseDatabaseUrl, scrubPassword } from "@/lib/database-url";
import { GENESIS, type AnchorRead } from "@/lib/audit/audit-anchor";
import { brokenLink, type AuditLogCheck, type AuditRow } from "@/lib/audit/audit-log";

/**
 * `npm run backup` / `restore` on PostgreSQL (DATABASE_URL): pg_dump / pg_restore run as child
 * processes, the URL given to them WITHOUT its password (the password reaches the child only through
 * its own PGPASSWORD environment variable: never an argument, never in output), and the audit chain
 * read and checked over a plain connection.
 */

/**
 * A PostgreSQL client binary: PG_BIN_DIR, else the newest Debian /usr/lib/postgresql/<version>/bin
 * that has it (the newest pg_dump reads every older server), else the name itself (found on PATH).
 */
export function findPgTool(name: "pg_dump" | "pg_restore"): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) {
    const bin = path.join(fromEnv, name);
    if (!fs.existsSync(bin)) throw new Error(`PG_BIN_DIR=${fromEnv} has no ${name}`);
    return bin;
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", name)))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  return versions.length > 0 ? path.join(root, versions[0]!, "bin", name) : name;
}

/** The URL for libpq with the password taken out (it goes in PGPASSWORD). */
function urlWithoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
}

/** Runs a PostgreSQL client tool against `url`; rejects with its stderr (password scrubbed) when it fails. */
export async function runPgTool(name: "pg_dump" | "pg_restore", args: string[], url: string): Promise<string> {
  const bin = findPgTool(name);
  const password = parseDatabaseUrl(url)?.password ?? "";
  const env: NodeJS.ProcessEnv = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: "10" };
  // Not needed by the tool, and it carries the password a second time.
  delete env.DATABASE_URL;
  if (!password) delete env.PGPASSWORD;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, `--dbname=${urlWithoutPassword(url)}`], { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (error) =>
      reject(new Error((error as NodeJS.ErrnoException).code === "ENOENT" ? `${name} not found: install the PostgreSQL client (apt-get install postgresql-client) or set PG_BIN_DIR` : error.message)),
    );
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString("utf8"));
      const text = scrubPassword(Buffer.concat(err).toString("utf8").trim(), url) || `exit ${code ?? signal}`;
      reject(new Error(`${name} failed against ${describeDatabaseUrl(url)}: ${text}`));
    });
  });
}

/** The custom-format archive of the whole database, written to `file`. */
export async function dumpPostgres(url: string, file: string): Promise<void> {
  await runPgTool("pg_dump", ["--format=custom", "--no-password", `--file=${file}`], url);
}

/**
 * The archive's table of contents (`pg_restore --list`): proves it is whole and readable; also
 * checks that it holds the app's tables (a dump of another database is refused).
 */
export async function listDump(file: string): Promise<string> {
  const bin = findPgTool("pg_restore");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["--list", file], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (error) => reject(new Error(`pg_restore: ${error.message}`)));
    child.on("close", (code) => {
      const list = Buffer.concat(out).toString("utf8");
      if (code !== 0) return reject(new Error(`pg_restore --list could not read the dump: ${Buffer.concat(err).toString("utf8").trim() || `exit ${code}`}`));
      for (const table of ["intakes", "audit_events"])
        if (!new RegExp(`TABLE DATA public ${table} `).test(list)) return reject(new Error(`the dump has no data for the table ${table}: is this the app's database?`));
      resolve(list);
    });
  });
}

/** Restores an archive into the (empty) database of `url`: one transaction, objects owned by the URL's user. */
export async function restoreDump(url: string, file: string): Promise<void> {
  const user = parseDatabaseUrl(url)?.user;
  if (!user) throw new Error("DATABASE_URL names no user");
  await runPgTool("pg_restore", ["--no-owner", `--role=${user}`, "--single-transaction", "--exit-on-error", "--no-password", file], url);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(`cannot connect to PostgreSQL at ${describeDatabaseUrl(url)}: ${scrubPassword((error as Error).message, url)}${code ? ` (${code})` : ""}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Tables in the public schema (restore goes only into a database with none). */
export function countPublicTables(url: string): Promise<number> {
  return withClient(url, async (c) => Number((await c.query<{ n: string }>("select count(*) as n from pg_tables where schemaname = 'public'")).rows[0]!.n));
}

export interface PgSnapshot {
  intakes: number;
  head: { seq: number; hash: string };
}

/** The intake count and the audit chain's head, read in one snapshot. */
export function readPgSnapshot(url: string): Promise<PgSnapshot> {
  return withClient(url, async (c) => {
    await c.query("begin transaction isolation level repeatable read read only");
    try {
      const intakes = Number((await c.query<{ n: string }>("select count(*) as n from intakes")).rows[0]!.n);
      const last = (await c.query<{ seq: number; hmac: string }>("select seq, hmac from audit_events order by seq desc limit 1")).rows[0];
      return { intakes, head: last ? { seq: last.seq, hash: last.hmac } : { seq: 0, hash: GENESIS } };
    } finally {
      await c.query("rollback");
    }
  });
}

const PAGE = 1000;
const COLUMNS =
  "seq, at, actor_user_id as \"actorUserId\", actor_email as \"actorEmail\", action, intake_id as \"intakeId\", ip_address as \"ipAddress\", detail, prev_hmac as \"prevHmac\", hmac";

/**
 * verifyAuditLog (lib/audit/audit-log.ts) for PostgreSQL: the whole chain walked in keyset pages
 * with the one link check (brokenLink), then against `anchorRead` the same way: behind the anchor
 * is a cut tail, a different event at the anchor's seq is a rewrite, a second anchor creation is
 * reported. Same outcomes, so describeAuditCheck words them alike.
 */
export function verifyPgAuditLog(url: string, anchorRead: AnchorRead, onProgress?: (checked: number) => void): Promise<AuditLogCheck> {
  return withClient(url, async (c) => {
    await c.query("begin transaction isolation level repeatable read read only");
    try {
      const anchor = anchorRead.state === "valid" ? anchorRead.anchor : null;
      let prev = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      let hashAt: string | undefined;
      for (;;) {
        const rows = (await c.query<AuditRow>(`select ${COLUMNS} from audit_events where seq > $1 order by seq limit ${PAGE}`, [expectedSeq - 1])).rows;
        for (const row of rows) {
          const reason = brokenLink(row, expectedSeq, prev);
          if (reason) return { status: "broken", checked, brokenAt: row.seq, reason };
          if (row.seq === anchor?.seq) hashAt = row.hmac;
          prev = row.hmac;
          expectedSeq++;
          checked++;
        }
        onProgress?.(checked);
        if (rows.length < PAGE) break;
      }
      const lastSeq = expectedSeq - 1;
      if (anchorRead.state === "invalid") return { status: "anchor_invalid", checked, reason: anchorRead.reason };
      if (!anchor) return checked === 0 ? { status: "intact", checked: 0, anchor: null, pastAnchor: 0 } : { status: "anchor_missing", checked };
      if (anchor.seq > lastSeq) return { status: "truncated", checked, anchor, lastSeq, missing: anchor.seq - lastSeq };
      if (anchor.seq > 0 && hashAt !== anchor.hash)
        return { status: "broken", checked, brokenAt: anchor.seq, reason: "it is not the event the anchor recorded (the newest events were deleted and others written after them)" };
      const created = (await c.query<{ seq: number; at: string; detail: string | null }>("select seq, at, detail from audit_events where action = 'audit.anchor_created' order by seq")).rows;
      const recreated = created.find((e, i) => i > 0 || JSON.parse(e.detail ?? "{}").reason === "missing");
      if (recreated) return { status: "anchor_recreated", checked, at: recreated.seq, when: recreated.at };
      return { status: "intact", checked, anchor, pastAnchor: lastSeq - anchor.seq };
    } finally {
      await c.query("rollback");
    }
  });
}

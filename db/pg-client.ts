import "server-only";
import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { getConfig } from "@/lib/config";
import { describeDatabaseUrl, scrubPassword } from "@/lib/database-url";
import { logServerError } from "@/lib/server/log";
import * as schema from "./schema-pg";

/**
 * PostgreSQL (DATABASE_URL): a `pg.Pool` and drizzle over it with db/schema-pg.ts. Not wired into
 * start-up or the repositories yet — SQLite (db/client.ts) still serves everything.
 */

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface PostgresConnection {
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

export const PG_MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations-pg");

/** Why PostgreSQL cannot be used, naming DATABASE_URL and the server (host, port), never the password. */
export class PostgresConnectionError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "PostgresConnectionError";
  }
}

export interface PoolOptions {
  /** Connections per process (default 10). */
  max?: number;
  /** Give up connecting after this long (default 5 s). */
  connectionTimeoutMillis?: number;
}

export function createPostgres(url: string, options: PoolOptions = {}): PostgresConnection {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000 });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would end the process.
  pool.on("error", (error) => logServerError("postgres_idle_connection", error));
  const db = drizzle(pool, { schema }) as PgDb;
  return { db, pool, close: () => pool.end() };
}

/** Applies db/migrations-pg (drizzle's journal in the `drizzle` schema); safe to run on every start. */
export async function migratePostgres(url: string, migrationsFolder = PG_MIGRATIONS_FOLDER): Promise<void> {
  const connection = createPostgres(url, { max: 1 });
  try {
    await migrate(connection.db, { migrationsFolder });
  } catch (error) {
    throw connectionError(url, error);
  } finally {
    await connection.close();
  }
}

/** Connects once with a short timeout; rejects with a PostgresConnectionError an operator can act on. */
export async function checkPostgres(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // Errors after a failed connect arrive as events too; they are reported through the rejection.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw connectionError(url, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "nothing is listening there (connection refused)",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name does not resolve (DNS unavailable)",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  "28P01": "the server refused the credentials (wrong user name or password)",
  "28000": "the server refused the connection for this user (pg_hba.conf or role not allowed to log in)",
  "3D000": "the database does not exist",
  "42501": "the role lacks a privilege it needs (it must own the database or be allowed to create in its schema)",
};

/** Turns a pg/driver error into a message naming DATABASE_URL, host and port; any password in it is scrubbed. */
export function connectionError(url: string, error: unknown): PostgresConnectionError {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const detail = typeof e?.message === "string" ? e.message : String(error);
  const timedOut = /timeout/i.test(detail);
  const reason = (code && REASONS[code]) ?? (timedOut ? "the connection timed out" : scrubPassword(detail, url));
  return new PostgresConnectionError(`DATABASE_URL: cannot use PostgreSQL at ${describeDatabaseUrl(url)}: ${reason}`, code);
}

// One pool per process (per DATABASE_URL); kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as unknown as { __intakePg?: { url: string; connection: PostgresConnection } };

/** The process's PostgreSQL database (config.databaseUrl), its pool opened on first use. */
export function getPgDb(): PgDb {
  const url = getConfig().databaseUrl;
  if (!url) throw new Error("getPgDb: DATABASE_URL is not set (SQLite is in use)");
  if (!holder.__intakePg || holder.__intakePg.url !== url) {
    void holder.__intakePg?.connection.close();
    holder.__intakePg = { url, connection: createPostgres(url) };
  }
  return holder.__intakePg.connection.db;
}

export async function closePgDb(): Promise<void> {
  const current = holder.__intakePg;
  delete holder.__intakePg;
  await current?.connection.close();
}

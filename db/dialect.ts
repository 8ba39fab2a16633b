import "server-only";
import { getConfig } from "@/lib/config";
import { createPostgres, type PgDb, type PostgresConnection } from "./pg-client";

/**
 * Which database serves the process: PostgreSQL when DATABASE_URL is set, else the SQLite file
 * (the default). Repositories with a body per dialect dispatch on this. Start-up does not migrate
 * PostgreSQL yet (issue 14: the switch comes when every repository has its PostgreSQL body).
 */

export type Dialect = "sqlite" | "pg";

export function databaseDialect(): Dialect {
  return getConfig().databaseUrl ? "pg" : "sqlite";
}

// One pool per process, kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as unknown as { __intakePg?: { url: string; connection: PostgresConnection } };

/** The process's PostgreSQL (DATABASE_URL), connected on first use; throws when DATABASE_URL is unset. */
export function getPg(): PgDb {
  const url = getConfig().databaseUrl;
  if (!url) throw new Error("DATABASE_URL is not set: this process uses SQLite");
  if (!holder.__intakePg || holder.__intakePg.url !== url) {
    void holder.__intakePg?.connection.close();
    holder.__intakePg = { url, connection: createPostgres(url) };
  }
  return holder.__intakePg.connection.db;
}

export async function closePg(): Promise<void> {
  const current = holder.__intakePg;
  delete holder.__intakePg;
  await current?.connection.close();
}

import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { getConfig } from "@/lib/config";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

interface Connection {
  path: string;
  db: Db;
}

// One connection per process; kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as unknown as { __intakeDb?: Connection };

export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/**
 * Opens a SQLite file with the settings a health-record store needs: WAL for concurrent readers,
 * synchronous=FULL so a committed intake survives power loss, foreign keys, a busy timeout, and
 * secure_delete so deleted rows are overwritten.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(/*turbopackIgnore: true*/ file), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file);
  // Owner-only: the file holds ciphertext, but its existence and size are nobody else's business.
  if (file !== ":memory:") fs.chmodSync(file, 0o600);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("secure_delete = ON");
  return sqlite;
}

/** The process's database, opened on first use (never at import: Next's build imports routes). */
export function getDb(): Db {
  const file = getConfig().databasePath;
  if (!holder.__intakeDb || holder.__intakeDb.path !== file) {
    holder.__intakeDb?.db.$client.close();
    holder.__intakeDb = { path: file, db: drizzle(openDatabase(file), { schema }) as Db };
  }
  return holder.__intakeDb.db;
}

/** Applies committed migrations; run once at server start and in each test worker. */
export function migrateDatabase(db: Db = getDb()): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

export function closeDb(): void {
  holder.__intakeDb?.db.$client.close();
  delete holder.__intakeDb;
}

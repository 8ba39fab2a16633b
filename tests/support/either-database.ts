import { getDb, type Db } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { getPgDb } from "@/db/pg-client";
import * as sqliteSchema from "@/db/schema";
import * as pgSchema from "@/db/schema-pg";

/**
 * Direct reads and writes of the test's database (the assertions' view from outside the app), on
 * whichever dialect serves this run: the SQLite file, or in the vitest project "postgres" the
 * file's own cluster (DATABASE_URL). Chosen at call time, like the app (db/dialect.ts).
 *
 * `testDb()` and `testTables()` are typed as SQLite's drizzle and schema so a test reads the same
 * either way; at run time they are PostgreSQL's when DATABASE_URL is set. Both schemas have the
 * same tables, columns and JavaScript types (booleans, Dates), so only queries that are awaited
 * (not `.all()`, `.get()`, `.run()`, which are SQLite's synchronous forms) work on both.
 */
export const testDb = (): Db => (currentDialect() === "postgres" ? (getPgDb() as unknown as Db) : getDb());
export const testTables = (): typeof sqliteSchema => (currentDialect() === "postgres" ? (pgSchema as unknown as typeof sqliteSchema) : sqliteSchema);

/**
 * Raw SQL with `?` placeholders on either dialect; returns the rows. Write it in the SQL both
 * understand (no SQLite functions or PRAGMAs). Column values come back as each driver gives them
 * (a boolean is 0/1 on SQLite, true/false on PostgreSQL): compare such columns through testDb().
 */
export async function rawRows<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]> {
  if (currentDialect() === "sqlite") {
    const statement = getDb().$client.prepare(text);
    return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
  }
  let n = 0;
  const result = await getPgDb().$client.query(text.replace(/\?/g, () => `$${++n}`), params);
  return result.rows as T[];
}

/** testTables() as an object whose properties are read at use: `schema.auditEvents` is the current dialect's table. */
export const schema: typeof sqliteSchema = new Proxy({} as typeof sqliteSchema, { get: (_, name) => testTables()[name as keyof typeof sqliteSchema] });

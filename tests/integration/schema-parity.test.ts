import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresCluster, type PostgresCluster } from "@/tests/support/postgres-cluster";
import { postgresShape, sqliteShape, type SchemaShape } from "@/tests/support/schema-shape";

// Issue 14: one schema and one migration folder per dialect; the two migrated databases must agree.
const root = path.resolve(import.meta.dirname, "../..");

describe("SQLite and PostgreSQL schemas are the same", () => {
  let cluster: PostgresCluster;
  let pool: pg.Pool;
  let sqlite: Database.Database;
  let fromSqlite: SchemaShape;
  let fromPostgres: SchemaShape;

  beforeAll(async () => {
    sqlite = new Database(":memory:");
    sqlite.pragma("foreign_keys = ON");
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: path.join(root, "db", "migrations") });
    cluster = await startPostgresCluster();
    pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
    await migratePg(drizzlePg(pool), { migrationsFolder: path.join(root, "db", "migrations-pg") });
    fromSqlite = sqliteShape(sqlite);
    fromPostgres = await postgresShape(pool);
  }, 60_000);

  afterAll(async () => {
    sqlite?.close();
    await pool?.end();
    await cluster?.stop();
  });

  it("have the same tables", () => {
    expect(Object.keys(fromSqlite).length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(fromPostgres)).toEqual(Object.keys(fromSqlite));
  });

  it("map every column type", () => {
    const unmapped = (shape: SchemaShape) =>
      Object.entries(shape).flatMap(([t, s]) => Object.entries(s.columns).filter(([, c]) => c.type.startsWith("unmapped:")).map(([c, { type }]) => `${t}.${c}: ${type}`));
    expect(unmapped(fromSqlite)).toEqual([]);
    expect(unmapped(fromPostgres)).toEqual([]);
  });

  it("have the same columns, keys, indexes and constraints in every table", () => {
    for (const table of Object.keys(fromSqlite)) {
      // One table at a time, so a failure names the table and shows the difference.
      expect({ table, ...fromPostgres[table] }).toEqual({ table, ...fromSqlite[table] });
    }
  });

  it("would notice a column or an index added to one schema only", async () => {
    await pool.query(`alter table "intakes" add column "only_in_postgres" text`);
    sqlite.exec("create index `drafts_only_in_sqlite` on `drafts` (`created_at`)");
    const pgNow = await postgresShape(pool);
    const sqliteNow = sqliteShape(sqlite);
    expect(pgNow.intakes).not.toEqual(fromSqlite.intakes);
    expect(sqliteNow.drafts).not.toEqual(fromPostgres.drafts);
    expect(Object.keys(pgNow.intakes!.columns)).toContain("only_in_postgres");
    expect(Object.keys(sqliteNow.drafts!.indexes)).toContain("drafts_only_in_sqlite");
  });
});

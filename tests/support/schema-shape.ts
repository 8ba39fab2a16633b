import type Database from "better-sqlite3";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import * as sqliteSchema from "@/db/schema";

/**
 * What a migrated database looks like, in terms both dialects share, read from the database itself
 * (not from the drizzle schema files): tables, columns (logical type, nullability, default), the
 * primary key, indexes (name, columns in order, unique), foreign keys and CHECK constraint names.
 */

export type LogicalType = "text" | "integer" | "boolean" | "timestamp" | `unmapped:${string}`;

export interface ColumnShape {
  type: LogicalType;
  nullable: boolean;
  default: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: Record<string, { columns: string[]; unique: boolean }>;
  foreignKeys: string[];
  checks: string[];
}

export type SchemaShape = Record<string, TableShape>;

/**
 * The type mapping. SQLite declares booleans and millisecond timestamps as `integer` (drizzle's
 * column mode says which), so its logical type comes from the declared type plus that mode.
 */
const SQLITE_LOGICAL: Record<string, LogicalType> = {
  "text/SQLiteText": "text",
  "integer/SQLiteInteger": "integer",
  "integer/SQLiteBoolean": "boolean",
  "integer/SQLiteTimestamp": "timestamp",
};
const PG_LOGICAL: Record<string, LogicalType> = {
  text: "text",
  integer: "integer",
  bigint: "integer",
  boolean: "boolean",
  "timestamp with time zone": "timestamp",
};

/** drizzle's column type of each SQLite column, by table and SQL column name. */
function sqliteColumnModes(): Map<string, string> {
  const modes = new Map<string, string>();
  for (const value of Object.values(sqliteSchema)) {
    if (typeof value !== "object" || value === null || !(Symbol.for("drizzle:IsDrizzleTable") in value)) continue;
    const config = getTableConfig(value as SQLiteTable);
    for (const column of config.columns) modes.set(`${config.name}.${column.name}`, column.columnType);
  }
  return modes;
}

/** Literal defaults written the same way: `'new'::text` → `'new'`. */
const normaliseDefault = (value: string | null): string | null => (value === null ? null : value.replace(/::[a-z ]+$/, ""));

const sortedRecord = <T>(entries: [string, T][]): Record<string, T> => Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));

const IGNORED_SQLITE_TABLES = /^(sqlite_|__drizzle_migrations$)/;

export function sqliteShape(db: Database.Database): SchemaShape {
  const modes = sqliteColumnModes();
  const tables = db.prepare("select name, sql from sqlite_master where type = 'table' order by name").all() as { name: string; sql: string }[];
  const shape: [string, TableShape][] = [];
  for (const { name: table, sql } of tables) {
    if (IGNORED_SQLITE_TABLES.test(table)) continue;
    const info = db.prepare(`select * from pragma_table_info(?)`).all(table) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
    const columns = sortedRecord(
      info.map((c) => {
        const key = `${c.type.toLowerCase()}/${modes.get(`${table}.${c.name}`) ?? "?"}`;
        return [c.name, { type: SQLITE_LOGICAL[key] ?? `unmapped:${key}`, nullable: c.notnull === 0 && c.pk === 0, default: normaliseDefault(c.dflt_value) }];
      }),
    );
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const indexList = db.prepare(`select * from pragma_index_list(?)`).all(table) as { name: string; unique: number; origin: string }[];
    const indexes = sortedRecord(
      indexList
        .filter((i) => i.origin !== "pk")
        .map((i) => {
          const cols = (db.prepare(`select * from pragma_index_info(?)`).all(i.name) as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
          return [i.name, { columns: cols, unique: i.unique === 1 }];
        }),
    );
    const fks = db.prepare(`select * from pragma_foreign_key_list(?)`).all(table) as { table: string; from: string; to: string; on_delete: string }[];
    const foreignKeys = fks.map((f) => `${f.from} -> ${f.table}(${f.to}) on delete ${f.on_delete.toLowerCase()}`).sort();
    const checks = [...sql.matchAll(/CONSTRAINT\s+["`]?(\w+)["`]?\s+CHECK/gi)].map((m) => m[1]!).sort();
    shape.push([table, { columns, primaryKey, indexes, foreignKeys, checks }]);
  }
  return sortedRecord(shape);
}

const PG_ON_DELETE: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

export async function postgresShape(client: pg.ClientBase | pg.Pool, schema = "public"): Promise<SchemaShape> {
  const q = async <R extends pg.QueryResultRow>(text: string): Promise<R[]> => (await client.query<R>(text, [schema])).rows;
  const tables = await q<{ table_name: string }>("select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'");
  const columns = await q<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    "select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = $1",
  );
  const indexes = await q<{ table_name: string; index_name: string; primary: boolean; unique: boolean; columns: string[] }>(
    `select t.relname as table_name, i.relname as index_name, x.indisprimary as primary, x.indisunique as unique,
            array(select a.attname from unnest(x.indkey) with ordinality k(attnum, ord)
                  join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord)::text[] as columns
       from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
       join pg_namespace n on n.oid = t.relnamespace where n.nspname = $1`,
  );
  const constraints = await q<{ table_name: string; name: string; type: string; columns: string[]; ref_table: string | null; ref_columns: string[] | null; on_delete: string }>(
    `select t.relname as table_name, c.conname as name, c.contype as type,
            array(select a.attname from unnest(c.conkey) k(attnum) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum)::text[] as columns,
            r.relname as ref_table,
            case when c.confrelid = 0 then null else array(select a.attname from unnest(c.confkey) k(attnum) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum)::text[] end as ref_columns,
            c.confdeltype as on_delete
       from pg_constraint c join pg_class t on t.oid = c.conrelid left join pg_class r on r.oid = c.confrelid
       join pg_namespace n on n.oid = t.relnamespace where n.nspname = $1 and c.contype in ('f', 'c')`,
  );
  const shape: [string, TableShape][] = tables.map(({ table_name: table }) => {
    const primary = indexes.find((i) => i.table_name === table && i.primary);
    return [
      table,
      {
        columns: sortedRecord(
          columns
            .filter((c) => c.table_name === table)
            .map((c) => [c.column_name, { type: PG_LOGICAL[c.data_type] ?? `unmapped:${c.data_type}`, nullable: c.is_nullable === "YES", default: normaliseDefault(c.column_default) }]),
        ),
        primaryKey: primary?.columns ?? [],
        indexes: sortedRecord(indexes.filter((i) => i.table_name === table && !i.primary).map((i) => [i.index_name, { columns: i.columns, unique: i.unique }])),
        foreignKeys: constraints
          .filter((c) => c.table_name === table && c.type === "f")
          .map((c) => `${c.columns.join(",")} -> ${c.ref_table}(${(c.ref_columns ?? []).join(",")}) on delete ${PG_ON_DELETE[c.on_delete] ?? c.on_delete}`)
          .sort(),
        checks: constraints
          .filter((c) => c.table_name === table && c.type === "c")
          .map((c) => c.name)
          .sort(),
      },
    ];
  });
  return sortedRecord(shape);
}

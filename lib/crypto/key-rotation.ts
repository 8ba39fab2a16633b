import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, type AppConfig } from "@/lib/config";
import type { Db } from "@/db/client";
import type { PgDb } from "@/db/pg-client";
import { decryptWith, encryptWith } from "./field-encryption";
import { loadKeyMaterial, type KeyRing } from "./key-material";

/**
 * Key rotation: a new active key first in the ring, then every stored value re-encrypted under it
 * in small transactions (safe to interrupt: run it again and it carries on), then old keys retire
 * once no value uses them.
 */

/** Every encrypted column, with the associated data each value is bound to. */
const ENCRYPTED = [
  { table: "intakes", column: "reference_enc", aad: (id: string) => `intakes.${id}.reference` },
  { table: "intakes", column: "contact_enc", aad: (id: string) => `intakes.${id}.contact` },
  { table: "intakes", column: "answers_enc", aad: (id: string) => `intakes.${id}.answers` },
  { table: "intakes", column: "assessment_enc", aad: (id: string) => `intakes.${id}.assessment` },
  { table: "drafts", column: "state_enc", aad: (id: string) => `drafts.${id}.state` },
  { table: "intake_notes", column: "body_enc", aad: (id: string) => `intake_notes.${id}.body` },
  { table: "course_sessions", column: "record_enc", aad: (id: string) => `course_sessions.${id}.record` },
  { table: "course_sessions", column: "flags_enc", aad: (id: string) => `course_sessions.${id}.flags` },
  { table: "course_sessions", column: "correction_reason_enc", aad: (id: string) => `course_sessions.${id}.correction_reason` },
  { table: "checkins", column: "answers_enc", aad: (id: string) => `checkins.${id}.answers` },
  { table: "checkins", column: "flags_enc", aad: (id: string) => `checkins.${id}.flags` },
  { table: "checkin_drafts", column: "state_enc", aad: (id: string) => `checkin_drafts.${id}.state` },
  { table: "courses", column: "outcome_facts_enc", aad: (id: string) => `courses.${id}.outcome_facts` },
] as const;

const keyFile = (config: AppConfig) => path.join(config.keysDir, "encryption-keys");

export function addActiveKey(config: AppConfig): string {
  if (config.externalKeys.encryptionKeys)
    throw new ConfigError([
      "ENCRYPTION_KEYS: the key ring comes from the environment; put a new key first there (id:base64key,…), restart, then run npm run keys -- reencrypt",
    ]);
  const ring = loadKeyMaterial(config).material.keyRing;
  const id = `k${Date.now().toString(36)}`;
  const entries = [`${id}:${randomBytes(32).toString("base64")}`, ...[...ring.keys].map(([k, v]) => `${k}:${v.toString("base64")}`)];
  const tmp = `${keyFile(config)}.new`;
  fs.writeFileSync(tmp, `${entries.join(",")}\n`, { mode: 0o600 });
  fs.renameSync(tmp, keyFile(config));
  return id;
}

const notUnder = (column: string) => `${column} is not null and substr(${column}, 1, ?) != ?`;
const activePrefix = (ring: KeyRing) => `v1.${ring.activeId}.`;

/** How many stored values are not under the active key (what reencryptAll has left to do). */
export function countToReencrypt(db: Db, ring: KeyRing): number {
  const prefix = activePrefix(ring);
  return ENCRYPTED.reduce(
    (sum, { table, column }) => sum + (db.$client.prepare(`select count(*) as n from ${table} where ${notUnder(column)}`).get(prefix.length, prefix) as { n: number }).n,
    0,
  );
}

/** Re-encrypts, batch by batch, every value not under the active key. Returns how many. */
export function reencryptAll(db: Db, ring: KeyRing, batchSize = 200, onBatch?: (done: number) => void): number {
  const prefix = activePrefix(ring);
  let total = 0;
  for (const { table, column, aad } of ENCRYPTED) {
    for (;;) {
      const rows = db.$client
        .prepare(`select id, ${column} as value from ${table} where ${notUnder(column)} limit ?`)
        .all(prefix.length, prefix, batchSize) as { id: string; value: string }[];
      if (rows.length === 0) break;
      const update = db.$client.prepare(`update ${table} set ${column} = ? where id = ? and ${column} = ?`);
      db.$client.transaction(() => {
        for (const row of rows) update.run(encryptWith(ring, decryptWith(ring, row.value, aad(row.id)), aad(row.id)), row.id, row.value);
      }).immediate();
      total += rows.length;
      onBatch?.(total);
    }
  }
  return total;
}

/** How many stored values each key encrypts. */
export function keyUsage(db: Db): Map<string, number> {
  const usage = new Map<string, number>();
  for (const { table, column } of ENCRYPTED) {
    const rows = db.$client
      .prepare(`select substr(${column}, 4, instr(substr(${column}, 4), '.') - 1) as key_id, count(*) as n from ${table} where ${column} is not null group by key_id`)
      .all() as { key_id: string; n: number }[];
    for (const r of rows) usage.set(r.key_id, (usage.get(r.key_id) ?? 0) + r.n);
  }
  return usage;
}

/** Removes from the key file every key that is neither active nor used. Returns the removed ids. */
export function retireUnusedKeys(config: AppConfig, db: Db): string[] {
  assertFileRing(config);
  return retireKeys(config, keyUsage(db));
}

function assertFileRing(config: AppConfig): void {
  if (config.externalKeys.encryptionKeys) throw new ConfigError(["ENCRYPTION_KEYS: the key ring comes from the environment; remove unused keys there"]);
}

function retireKeys(config: AppConfig, usage: Map<string, number>): string[] {
  const ring = loadKeyMaterial(config).material.keyRing;
  const keep = [...ring.keys].filter(([id]) => id === ring.activeId || (usage.get(id) ?? 0) > 0);
  const removed = [...ring.keys.keys()].filter((id) => !keep.some(([k]) => k === id));
  if (removed.length === 0) return [];
  const ordered = [keep.find(([id]) => id === ring.activeId)!, ...keep.filter(([id]) => id !== ring.activeId)];
  const tmp = `${keyFile(config)}.new`;
  fs.writeFileSync(tmp, `${ordered.map(([k, v]) => `${k}:${v.toString("base64")}`).join(",")}\n`, { mode: 0o600 });
  fs.renameSync(tmp, keyFile(config));
  return removed;
}

/*
 * The same on PostgreSQL (DATABASE_URL): the same columns, associated data and batches; each batch
 * in its own transaction, each row updated only if it still holds the value read (a value the app
 * rewrote meanwhile is already under the active key, or is picked up by the next run).
 */

const pgNotUnder = (column: string) => `${column} is not null and substr(${column}, 1, $1) <> $2`;

export async function countToReencryptPg(db: PgDb, ring: KeyRing): Promise<number> {
  const prefix = activePrefix(ring);
  let sum = 0;
  for (const { table, column } of ENCRYPTED) {
    const { rows } = await db.$client.query<{ n: number }>(`select count(*)::int as n from ${table} where ${pgNotUnder(column)}`, [prefix.length, prefix]);
    sum += rows[0]?.n ?? 0;
  }
  return sum;
}

export async function reencryptAllPg(db: PgDb, ring: KeyRing, batchSize = 200, onBatch?: (done: number) => void): Promise<number> {
  const prefix = activePrefix(ring);
  let total = 0;
  for (const { table, column, aad } of ENCRYPTED) {
    for (;;) {
      const { rows } = await db.$client.query<{ id: string; value: string }>(`select id, ${column} as value from ${table} where ${pgNotUnder(column)} limit $3`, [
        prefix.length,
        prefix,
        batchSize,
      ]);
      if (rows.length === 0) break;
      const client = await db.$client.connect();
      try {
        await client.query("begin");
        for (const row of rows)
          await client.query(`update ${table} set ${column} = $1 where id = $2 and ${column} = $3`, [encryptWith(ring, decryptWith(ring, row.value, aad(row.id)), aad(row.id)), row.id, row.value]);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      total += rows.length;
      onBatch?.(total);
    }
  }
  return total;
}

export async function keyUsagePg(db: PgDb): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  for (const { table, column } of ENCRYPTED) {
    const { rows } = await db.$client.query<{ key_id: string; n: number }>(
      `select split_part(${column}, '.', 2) as key_id, count(*)::int as n from ${table} where ${column} is not null group by key_id`,
    );
    for (const r of rows) usage.set(r.key_id, (usage.get(r.key_id) ?? 0) + r.n);
  }
  return usage;
}

export async function retireUnusedKeysPg(config: AppConfig, db: PgDb): Promise<string[]> {
  assertFileRing(config);
  return retireKeys(config, await keyUsagePg(db));
}

import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { and, eq, lt, sql } from "drizzle-orm";
import { currentDialect } from "@/db/dialect";
import { getPgDb, type PgDb } from "@/db/pg-client";
import { rateLimitCounters, rateLimitKnownAddresses } from "@/db/schema-pg";
import { getConfig } from "@/lib/config";
import { getKeyMaterial } from "@/lib/crypto/key-material";

/**
 * Abuse counters. Fixed windows with backoff: going over the limit blocks until the window ends,
 * and each repeat offence within a day doubles the block (up to a day). Keys are hashed, so no
 * store holds addresses or e-mails.
 *
 * Where they live follows the database (db/dialect.ts):
 * - SQLite: a small SQLite file of their own next to the database (synchronous=NORMAL: losing a
 *   counter in a power cut costs nothing, and the intake database keeps its fsyncs to itself);
 * - PostgreSQL: the tables rate_limit_counters and rate_limit_known_addresses of that database, so
 *   every instance sharing it shares the counters. Each attempt is one `insert … on conflict do
 *   update … returning` statement (the row is locked for its duration), so two instances counting
 *   the same key never both take the last attempt.
 */

const holder = globalThis as unknown as { __limiter?: { file: string; db: Database.Database } };
const MAX_BLOCK_MS = 24 * 60 * 60 * 1000;

function sqliteDb(): Database.Database {
  const file = path.join(path.dirname(getConfig().databasePath), "rate-limits.db");
  if (!holder.__limiter || holder.__limiter.file !== file) {
    holder.__limiter?.db.close();
    const sqlite = new Database(file);
    // Like the database: readable by the server's user only (the keys are hashed, but still).
    fs.chmodSync(file, 0o600);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.exec(`create table if not exists counters (
      key text primary key, window_start integer not null, count integer not null,
      blocked_until integer not null default 0, strikes integer not null default 0, last_strike integer not null default 0
    ) without rowid`);
    sqlite.exec("create table if not exists known_addresses (key text primary key, seen_at integer not null) without rowid");
    holder.__limiter = { file, db: sqlite };
  }
  return holder.__limiter.db;
}

const hashed = (key: string) => createHash("sha256").update(getKeyMaterial().blindIndexKey).update(key).digest("base64url").slice(0, 32);

export interface LimitResult {
  allowed: boolean;
  /** Seconds until trying again makes sense (for Retry-After). */
  retryAfter: number;
}

/** The counters of one store; `createLimiter` gives the process's, `pgLimiter` one over a given pool (tests: two instances). */
export interface Limiter {
  spend(key: string, amount: number, limit: number, windowMs: number, now?: number): Promise<LimitResult>;
  isSpent(key: string, limit: number, windowMs: number, now?: number): Promise<boolean>;
  purgeStaleCounters(now?: number): Promise<number>;
  markKnownAddress(account: string, address: string, now?: number): Promise<void>;
  isKnownAddress(account: string, address: string, maxAgeMs?: number, now?: number): Promise<boolean>;
}

interface Row {
  window_start: number;
  count: number;
  blocked_until: number;
  strikes: number;
  last_strike: number;
}

/** The block after an offence: to the window's end, or longer for repeat offences (doubling, at most a day). */
const blockEnd = (windowStart: number, windowMs: number, now: number, strikes: number) =>
  Math.max(windowStart + windowMs, now + Math.min(MAX_BLOCK_MS, windowMs * 2 ** (strikes - 1)));

const retryAfterOf = (blockedUntil: number, now: number): LimitResult => ({ allowed: false, retryAfter: Math.ceil((blockedUntil - now) / 1000) });

// The window a row ages out of, the day strikes count within: the same rules in both stores.
const DAY_MS = MAX_BLOCK_MS;
const KNOWN_ADDRESS_MAX_AGE_MS = 30 * DAY_MS;

const sqliteLimiter: Limiter = {
  async spend(key, amount, limit, windowMs, now = Date.now()) {
    const k = hashed(key);
    const sqlite = sqliteDb();
    return sqlite.transaction((): LimitResult => {
      const row = sqlite.prepare("select window_start, count, blocked_until, strikes, last_strike from counters where key = ?").get(k) as Row | undefined;
      if (row && row.blocked_until > now) return retryAfterOf(row.blocked_until, now);
      const fresh = !row || now - row.window_start >= windowMs;
      const count = (fresh ? 0 : row.count) + amount;
      const windowStart = fresh ? now : row.window_start;
      if (count <= limit) {
        sqlite
          .prepare("insert into counters (key, window_start, count) values (?, ?, ?) on conflict(key) do update set window_start = excluded.window_start, count = excluded.count")
          .run(k, windowStart, count);
        return { allowed: true, retryAfter: 0 };
      }
      const strikes = row && now - row.last_strike < DAY_MS ? row.strikes + 1 : 1;
      const blockedUntil = blockEnd(windowStart, windowMs, now, strikes);
      sqlite
        .prepare(
          "insert into counters (key, window_start, count, blocked_until, strikes, last_strike) values (?, ?, ?, ?, ?, ?) on conflict(key) do update set window_start = excluded.window_start, count = excluded.count, blocked_until = excluded.blocked_until, strikes = excluded.strikes, last_strike = excluded.last_strike",
        )
        .run(k, windowStart, count, blockedUntil, strikes, now);
      return retryAfterOf(blockedUntil, now);
    }).immediate();
  },
  async purgeStaleCounters(now = Date.now()) {
    return sqliteDb().prepare("delete from counters where window_start < ? and blocked_until < ? and last_strike < ?").run(now - 2 * DAY_MS, now, now - DAY_MS).changes;
  },
  async isSpent(key, limit, windowMs, now = Date.now()) {
    const row = sqliteDb().prepare("select window_start, count, blocked_until from counters where key = ?").get(hashed(key)) as Row | undefined;
    if (!row) return false;
    return row.blocked_until > now || (now - row.window_start < windowMs && row.count >= limit);
  },
  async markKnownAddress(account, address, now = Date.now()) {
    sqliteDb().prepare("insert into known_addresses (key, seen_at) values (?, ?) on conflict(key) do update set seen_at = excluded.seen_at").run(hashed(`${account}|${address}`), now);
  },
  async isKnownAddress(account, address, maxAgeMs = KNOWN_ADDRESS_MAX_AGE_MS, now = Date.now()) {
    const row = sqliteDb().prepare("select seen_at from known_addresses where key = ?").get(hashed(`${account}|${address}`)) as { seen_at: number } | undefined;
    return !!row && now - row.seen_at < maxAgeMs;
  },
};

/** The counters in a PostgreSQL database (shared by every instance using it). */
export function pgLimiter(db: PgDb): Limiter {
  const c = rateLimitCounters;
  return {
    async spend(key, amount, limit, windowMs, now = Date.now()) {
      // A new key: counted from now, blocked at once only when one attempt is already over the limit.
      const over = amount > limit;
      const inserted = { key: hashed(key), windowStart: now, count: amount, blockedUntil: over ? blockEnd(now, windowMs, now, 1) : 0, strikes: over ? 1 : 0, lastStrike: over ? now : 0 };
      // An existing key, in SQL on the locked row (the same rules as the SQLite store above):
      // blocked → unchanged; else the window restarts if it ended, the amount is added, and going
      // over the limit blocks until blockEnd(), a strike counted (strikes older than a day forgotten).
      const n = sql`${now}::bigint`;
      const w = sql`${windowMs}::bigint`;
      const day = sql`${DAY_MS}::bigint`;
      const blocked = sql`${c.blockedUntil} > ${n}`;
      const fresh = sql`${n} - ${c.windowStart} >= ${w}`;
      const start = sql`(case when ${fresh} then ${n} else ${c.windowStart} end)`;
      const count = sql`((case when ${fresh} then 0 else ${c.count} end) + ${amount}::bigint)`;
      const strikes = sql`(case when ${n} - ${c.lastStrike} < ${day} then ${c.strikes} + 1 else 1 end)`;
      const block = sql`greatest(${start} + ${w}, ${n} + least(${day}::float8, ${w}::float8 * power(2::float8, least(${strikes} - 1, 60)))::bigint)`;
      const keep = sql`(${blocked} or ${count} <= ${limit}::bigint)`;
      const [row] = await db
        .insert(c)
        .values(inserted)
        .onConflictDoUpdate({
          target: c.key,
          set: {
            windowStart: sql`case when ${blocked} then ${c.windowStart} else ${start} end`,
            count: sql`case when ${blocked} then ${c.count} else ${count} end`,
            blockedUntil: sql`case when ${keep} then ${c.blockedUntil} else ${block} end`,
            strikes: sql`case when ${keep} then ${c.strikes} else ${strikes} end`,
            lastStrike: sql`case when ${keep} then ${c.lastStrike} else ${n} end`,
          },
        })
        .returning({ blockedUntil: c.blockedUntil });
      // Allowed exactly when the row is not blocked after the statement (an offence always blocks past now).
      return row!.blockedUntil > now ? retryAfterOf(row!.blockedUntil, now) : { allowed: true, retryAfter: 0 };
    },
    async purgeStaleCounters(now = Date.now()) {
      const deleted = await db
        .delete(c)
        .where(and(lt(c.windowStart, now - 2 * DAY_MS), lt(c.blockedUntil, now), lt(c.lastStrike, now - DAY_MS)))
        .returning({ key: c.key });
      return deleted.length;
    },
    async isSpent(key, limit, windowMs, now = Date.now()) {
      const [row] = await db.select({ windowStart: c.windowStart, count: c.count, blockedUntil: c.blockedUntil }).from(c).where(eq(c.key, hashed(key)));
      if (!row) return false;
      return row.blockedUntil > now || (now - row.windowStart < windowMs && row.count >= limit);
    },
    async markKnownAddress(account, address, now = Date.now()) {
      const k = rateLimitKnownAddresses;
      await db
        .insert(k)
        .values({ key: hashed(`${account}|${address}`), seenAt: now })
        .onConflictDoUpdate({ target: k.key, set: { seenAt: now } });
    },
    async isKnownAddress(account, address, maxAgeMs = KNOWN_ADDRESS_MAX_AGE_MS, now = Date.now()) {
      const k = rateLimitKnownAddresses;
      const [row] = await db.select({ seenAt: k.seenAt }).from(k).where(eq(k.key, hashed(`${account}|${address}`)));
      return !!row && now - row.seenAt < maxAgeMs;
    },
  };
}

/** The process's counters: in PostgreSQL when DATABASE_URL is set, else in rate-limits.db. */
function limiter(): Limiter {
  return currentDialect() === "postgres" ? pgLimiter(getPgDb()) : sqliteLimiter;
}

/** Counts one attempt for `key`; refuses past `limit` per `windowMs`. */
export function consume(key: string, limit: number, windowMs: number, now = Date.now()): Promise<LimitResult> {
  return limiter().spend(key, 1, limit, windowMs, now);
}

/** Counts `amount` (bytes, say) against `key`'s budget of `limit` per `windowMs`; going over blocks as `consume` does. */
export function spend(key: string, amount: number, limit: number, windowMs: number, now = Date.now()): Promise<LimitResult> {
  return limiter().spend(key, amount, limit, windowMs, now);
}

/**
 * Forgets counters nothing can still use: no window is longer than a day, and back-off strikes count
 * only within a day, so a row untouched for two days and not blocked is noise. Known addresses are
 * kept (they expire by age when read).
 */
export function purgeStaleCounters(now = Date.now()): Promise<number> {
  return limiter().purgeStaleCounters(now);
}

/** True when `key` is blocked or has spent its `limit` in the current window (nothing is counted). */
export function isSpent(key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  return limiter().isSpent(key, limit, windowMs, now);
}

/** better-auth's own per-address limiter, kept with these counters too (its `customStorage`). */
export const authRateLimitStorage = {
  consume: async (key: string, rule: { window: number; max: number }) => {
    const result = await consume(`auth:${key}`, rule.max, rule.window * 1000);
    return { allowed: result.allowed, retryAfter: result.allowed ? null : result.retryAfter };
  },
};

/** Remembers that an account signed in from an address (its own failures limit never applies there). */
export function markKnownAddress(account: string, address: string, now = Date.now()): Promise<void> {
  return limiter().markKnownAddress(account, address, now);
}

export function isKnownAddress(account: string, address: string, maxAgeMs = KNOWN_ADDRESS_MAX_AGE_MS, now = Date.now()): Promise<boolean> {
  return limiter().isKnownAddress(account, address, maxAgeMs, now);
}

export const HOUR_MS = 60 * 60 * 1000;
export const FIFTEEN_MIN_MS = 15 * 60 * 1000;

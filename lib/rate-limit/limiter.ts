import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { getKeyMaterial } from "@/lib/crypto/key-material";

/**
 * Abuse counters, in a small SQLite file of their own next to the database (synchronous=NORMAL:
 * losing a counter in a power cut costs nothing, and the intake database keeps its fsyncs to
 * itself). Fixed windows with backoff: going over the limit blocks until the window ends, and each
 * repeat offence within a day doubles the block (up to a day). Keys are hashed, so the file holds
 * no addresses or e-mails.
 */

const holder = globalThis as unknown as { __limiter?: { file: string; db: Database.Database } };
const MAX_BLOCK_MS = 24 * 60 * 60 * 1000;

function db(): Database.Database {
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

interface Row {
  window_start: number;
  count: number;
  blocked_until: number;
  strikes: number;
  last_strike: number;
}

/** Counts one attempt for `key`; refuses past `limit` per `windowMs`. */
export function consume(key: string, limit: number, windowMs: number, now = Date.now()): LimitResult {
  return spend(key, 1, limit, windowMs, now);
}

/** Counts `amount` (bytes, say) against `key`'s budget of `limit` per `windowMs`; going over blocks as `consume` does. */
export function spend(key: string, amount: number, limit: number, windowMs: number, now = Date.now()): LimitResult {
  const k = hashed(key);
  const sqlite = db();
  return sqlite.transaction((): LimitResult => {
    const row = sqlite.prepare("select window_start, count, blocked_until, strikes, last_strike from counters where key = ?").get(k) as Row | undefined;
    if (row && row.blocked_until > now) return { allowed: false, retryAfter: Math.ceil((row.blocked_until - now) / 1000) };
    const fresh = !row || now - row.window_start >= windowMs;
    const count = (fresh ? 0 : row.count) + amount;
    const windowStart = fresh ? now : row.window_start;
    if (count <= limit) {
      sqlite
        .prepare("insert into counters (key, window_start, count) values (?, ?, ?) on conflict(key) do update set window_start = excluded.window_start, count = excluded.count")
        .run(k, windowStart, count);
      return { allowed: true, retryAfter: 0 };
    }
    const strikes = row && now - row.last_strike < MAX_BLOCK_MS ? row.strikes + 1 : 1;
    const blockedUntil = Math.max(windowStart + windowMs, now + Math.min(MAX_BLOCK_MS, windowMs * 2 ** (strikes - 1)));
    sqlite
      .prepare(
        "insert into counters (key, window_start, count, blocked_until, strikes, last_strike) values (?, ?, ?, ?, ?, ?) on conflict(key) do update set window_start = excluded.window_start, count = excluded.count, blocked_until = excluded.blocked_until, strikes = excluded.strikes, last_strike = excluded.last_strike",
      )
      .run(k, windowStart, count, blockedUntil, strikes, now);
    return { allowed: false, retryAfter: Math.ceil((blockedUntil - now) / 1000) };
  }).immediate();
}

/**
 * Forgets counters nothing can still use: no window is longer than a day, and back-off strikes count
 * only within a day, so a row untouched for two days and not blocked is noise. Known addresses are
 * kept (they expire by age when read).
 */
export function purgeStaleCounters(now = Date.now()): number {
  return db().prepare("delete from counters where window_start < ? and blocked_until < ? and last_strike < ?").run(now - 2 * MAX_BLOCK_MS, now, now - MAX_BLOCK_MS).changes;
}

/** True when `key` is blocked or has spent its `limit` in the current window (nothing is counted). */
export function isSpent(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const row = db().prepare("select window_start, count, blocked_until from counters where key = ?").get(hashed(key)) as Row | undefined;
  if (!row) return false;
  return row.blocked_until > now || (now - row.window_start < windowMs && row.count >= limit);
}

/** better-auth's own per-address limiter, kept in this file too (its `customStorage`). */
export const authRateLimitStorage = {
  consume: async (key: string, rule: { window: number; max: number }) => {
    const result = consume(`auth:${key}`, rule.max, rule.window * 1000);
    return { allowed: result.allowed, retryAfter: result.allowed ? null : result.retryAfter };
  },
};

/** Remembers that an account signed in from an address (its own failures limit never applies there). */
export function markKnownAddress(account: string, address: string, now = Date.now()): void {
  db().prepare("insert into known_addresses (key, seen_at) values (?, ?) on conflict(key) do update set seen_at = excluded.seen_at").run(hashed(`${account}|${address}`), now);
}

export function isKnownAddress(account: string, address: string, maxAgeMs = 30 * 24 * HOUR_MS, now = Date.now()): boolean {
  const row = db().prepare("select seen_at from known_addresses where key = ?").get(hashed(`${account}|${address}`)) as { seen_at: number } | undefined;
  return !!row && now - row.seen_at < maxAgeMs;
}

export const HOUR_MS = 60 * 60 * 1000;
export const FIFTEEN_MIN_MS = 15 * 60 * 1000;

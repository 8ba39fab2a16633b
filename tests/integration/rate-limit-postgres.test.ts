import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgres, type PostgresConnection } from "@/db/pg-client";
import * as limiter from "@/lib/rate-limit/limiter";
import { usePostgresDatabase } from "../support/postgres-database";
import { limiterCases } from "../support/limiter-cases";

// Issue 14: with DATABASE_URL the abuse counters live in PostgreSQL, shared by every instance.

const cluster = usePostgresDatabase();


// The same rules as on SQLite, through the process's limiter (DATABASE_URL set: PostgreSQL).
describe("abuse counters (PostgreSQL)", () => limiterCases(() => limiter));

describe("abuse counters shared by two instances", () => {
  let one: PostgresConnection;
  let two: PostgresConnection;
  beforeAll(() => {
    one = createPostgres(cluster().url, { max: 8 });
    two = createPostgres(cluster().url, { max: 8 });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it("keeps the counters in PostgreSQL, hashed", async () => {
    await limiter.consume("login-account:someone@clinic.example", 5, limiter.FIFTEEN_MIN_MS);
    const { rows } = await one.pool.query<{ key: string }>("select key from rate_limit_counters");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.key).join(" ")).not.toMatch(/someone|clinic/);
  });

  it("never lets two instances consuming one key at once exceed the limit together", async () => {
    const a = limiter.pgLimiter(one.db);
    const b = limiter.pgLimiter(two.db);
    const limit = 25;
    const hour = limiter.HOUR_MS;
    for (let round = 0; round < 3; round++) {
      const key = `race-${round}`;
      const now = Date.now();
      // 40 attempts from each instance, all in flight at once over 16 connections.
      const results = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).spend(key, 1, limit, hour, now)));
      expect(results.filter((r) => r.allowed)).toHaveLength(limit);
      // Every refusal names the same block (the window's end), and the key stays spent for both.
      expect(new Set(results.filter((r) => !r.allowed).map((r) => r.retryAfter))).toEqual(new Set([3600]));
      expect(await a.isSpent(key, limit, hour, now)).toBe(true);
      expect((await b.spend(key, 1, limit, hour, now)).allowed).toBe(false);
    }
  });
});

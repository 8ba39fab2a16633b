import { expect, it } from "vitest";
import type { LimitResult } from "@/lib/rate-limit/limiter";

/** The limiter's rules, as tests that run against either store (SQLite's rate-limits.db or PostgreSQL). */
export interface LimiterUnderTest {
  consume(key: string, limit: number, windowMs: number, now?: number): Promise<LimitResult>;
  spend(key: string, amount: number, limit: number, windowMs: number, now?: number): Promise<LimitResult>;
  isSpent(key: string, limit: number, windowMs: number, now?: number): Promise<boolean>;
  purgeStaleCounters(now?: number): Promise<number>;
  markKnownAddress(account: string, address: string, now?: number): Promise<void>;
  isKnownAddress(account: string, address: string, maxAgeMs?: number, now?: number): Promise<boolean>;
}

export function limiterCases(limiter: () => LimiterUnderTest): void {
  it("backs off: each repeat offence doubles the wait", async () => {
    const { consume } = limiter();
    const start = 1_000_000_000_000;
    const hour = 3_600_000;
    for (let i = 0; i < 2; i++) expect((await consume("backoff-test", 2, hour, start)).allowed).toBe(true);
    const first = await consume("backoff-test", 2, hour, start + 1000);
    expect(first.allowed).toBe(false);
    expect(first.retryAfter).toBeLessThanOrEqual(3600);
    const later = start + hour + 1000;
    expect((await consume("backoff-test", 2, hour, later)).allowed).toBe(true);
    await consume("backoff-test", 2, hour, later);
    const second = await consume("backoff-test", 2, hour, later + 1);
    expect(second.allowed).toBe(false);
    expect(second.retryAfter).toBeGreaterThan(3600); // two hours, not one
  });

  it("forgets counters nothing can use any more, and keeps blocks and back-off strikes that still count", async () => {
    const { consume, purgeStaleCounters } = limiter();
    const start = 2_000_000_000_000;
    const hour = 3_600_000;
    await consume("stale-test", 5, hour, start);
    for (let i = 0; i < 3; i++) await consume("blocked-test", 2, hour, start + 47 * hour);
    expect(await purgeStaleCounters(start + 47.5 * hour)).toBeGreaterThanOrEqual(1); // stale-test, untouched for two days
    expect((await consume("blocked-test", 2, hour, start + 47.5 * hour)).allowed).toBe(false); // still blocked
    const after = start + 48 * hour + 1000;
    for (let i = 0; i < 2; i++) expect((await consume("blocked-test", 2, hour, after)).allowed).toBe(true);
    expect((await consume("blocked-test", 2, hour, after)).retryAfter).toBeGreaterThan(3600); // the strike was kept: the wait doubled
  });

  it("counts amounts against a budget, blocks at once when one amount is over it, and a blocked key stays blocked", async () => {
    const { spend } = limiter();
    const start = 3_000_000_000_000;
    const hour = 3_600_000;
    expect(await spend("bytes-test", 600, 1000, hour, start)).toEqual({ allowed: true, retryAfter: 0 });
    expect(await spend("bytes-test", 400, 1000, hour, start + 1)).toEqual({ allowed: true, retryAfter: 0 });
    expect((await spend("bytes-test", 1, 1000, hour, start + 2)).allowed).toBe(false);
    // Blocked for a window from the offence (start + 2): even a tiny amount is refused, the wait only shrinks.
    const blocked = await spend("bytes-test", 1, 1000, hour, start + 30 * 60_000);
    expect(blocked.allowed).toBe(false);
    expect(blocked.retryAfter).toBe(30 * 60 + 1);
    expect((await spend("bytes-test", 1, 1000, hour, start + hour + 1)).allowed).toBe(false);
    expect(await spend("bytes-test", 1, 1000, hour, start + hour + 2)).toEqual({ allowed: true, retryAfter: 0 });
    const huge = await spend("huge-test", 5000, 1000, hour, start);
    expect(huge).toEqual({ allowed: false, retryAfter: 3600 });
  });

  it("strikes older than a day are forgotten, and a block never exceeds a day", async () => {
    const { consume } = limiter();
    const start = 4_000_000_000_000;
    const window = 10 * 3_600_000;
    let now = start;
    const waits: number[] = [];
    for (let offence = 0; offence < 4; offence++) {
      expect((await consume("cap-test", 1, window, now)).allowed).toBe(true);
      const refused = await consume("cap-test", 1, window, now + 1);
      expect(refused.allowed).toBe(false);
      waits.push(refused.retryAfter / 3600);
      now += refused.retryAfter * 1000 + 1000;
    }
    // 10 h, then doubled to 20 h, then 40 h capped at a day; the next offence comes more than a day
    // after that strike, so the back-off starts again.
    expect(waits).toEqual([10, 20, 24, 10]);
  });

  it("says whether a key is spent without counting, and remembers known addresses for 30 days", async () => {
    const { consume, isSpent, markKnownAddress, isKnownAddress } = limiter();
    const start = 5_000_000_000_000;
    const hour = 3_600_000;
    expect(await isSpent("spent-test", 2, hour, start)).toBe(false);
    await consume("spent-test", 2, hour, start);
    expect(await isSpent("spent-test", 2, hour, start)).toBe(false);
    expect(await isSpent("spent-test", 2, hour, start)).toBe(false); // asking counted nothing
    await consume("spent-test", 2, hour, start);
    expect(await isSpent("spent-test", 2, hour, start)).toBe(true);
    expect(await isSpent("spent-test", 2, hour, start + hour)).toBe(false);

    expect(await isKnownAddress("a@clinic.example", "192.0.2.1", undefined, start)).toBe(false);
    await markKnownAddress("a@clinic.example", "192.0.2.1", start);
    expect(await isKnownAddress("a@clinic.example", "192.0.2.1", undefined, start + 29 * 24 * hour)).toBe(true);
    expect(await isKnownAddress("a@clinic.example", "192.0.2.1", undefined, start + 31 * 24 * hour)).toBe(false);
    expect(await isKnownAddress("b@clinic.example", "192.0.2.1", undefined, start)).toBe(false);
    await markKnownAddress("a@clinic.example", "192.0.2.1", start + 31 * 24 * hour);
    expect(await isKnownAddress("a@clinic.example", "192.0.2.1", undefined, start + 31 * 24 * hour)).toBe(true);
  });
}

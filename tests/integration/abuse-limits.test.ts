import { beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { consume, purgeStaleCounters } from "@/lib/rate-limit/limiter";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";

beforeAll(() => {
  process.env.RATE_LIMIT_SUBMIT_PER_HOUR = "3";
  process.env.INTAKE_API_KEY = "k".repeat(40);
  resetConfigForTests();
});
useMigratedDatabase();

const from = (address: string) => ({ headers: { "x-forwarded-for": address } });

describe("submission limits", () => {
  it("answers 429 with Retry-After past RATE_LIMIT_SUBMIT_PER_HOUR per address, storing nothing", async () => {
    for (let i = 0; i < 3; i++) expect((await postIntake(fullIntake({}, { submittedAt: undefined }), from("198.51.100.1"))).status).toBe(201);
    const refused = await postIntake(fullIntake({}, { submittedAt: undefined }), from("198.51.100.1"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body.errors[0].item).toBe("$");
    // Another address is not affected; an integration with the clinic's key is not limited per address.
    expect((await postIntake(fullIntake({}, { submittedAt: undefined }), from("198.51.100.2"))).status).toBe(201);
    const integration = await postIntake(fullIntake({}, { submittedAt: undefined }), { headers: { "x-forwarded-for": "198.51.100.1", authorization: `Bearer ${"k".repeat(40)}` } });
    expect(integration.status).toBe(201);
  });

  it("backs off: each repeat offence doubles the wait", () => {
    const start = 1_000_000_000_000;
    const hour = 3_600_000;
    for (let i = 0; i < 2; i++) expect(consume("backoff-test", 2, hour, start).allowed).toBe(true);
    const first = consume("backoff-test", 2, hour, start + 1000);
    expect(first.allowed).toBe(false);
    expect(first.retryAfter).toBeLessThanOrEqual(3600);
    const later = start + hour + 1000;
    expect(consume("backoff-test", 2, hour, later).allowed).toBe(true);
    consume("backoff-test", 2, hour, later);
    const second = consume("backoff-test", 2, hour, later + 1);
    expect(second.allowed).toBe(false);
    expect(second.retryAfter).toBeGreaterThan(3600); // two hours, not one
  });

  it("forgets counters nothing can use any more, and keeps blocks and back-off strikes that still count", () => {
    const start = 2_000_000_000_000;
    const hour = 3_600_000;
    consume("stale-test", 5, hour, start);
    for (let i = 0; i < 3; i++) consume("blocked-test", 2, hour, start + 47 * hour);
    expect(purgeStaleCounters(start + 47.5 * hour)).toBeGreaterThanOrEqual(1); // stale-test, untouched for two days
    expect(consume("blocked-test", 2, hour, start + 47.5 * hour).allowed).toBe(false); // still blocked
    const after = start + 48 * hour + 1000;
    for (let i = 0; i < 2; i++) expect(consume("blocked-test", 2, hour, after).allowed).toBe(true);
    expect(consume("blocked-test", 2, hour, after).retryAfter).toBeGreaterThan(3600); // the strike was kept: the wait doubled
  });
});

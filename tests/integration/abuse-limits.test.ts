import { beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import * as limiter from "@/lib/rate-limit/limiter";
import { limiterCases } from "../support/limiter-cases";
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
});

// The limiter's rules on SQLite (rate-limits.db); tests/integration/rate-limit-postgres.test.ts runs them on PostgreSQL.
describe("abuse counters (SQLite)", () => limiterCases(() => limiter));

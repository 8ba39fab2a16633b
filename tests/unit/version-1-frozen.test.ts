import fs from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIntake } from "@/lib/questionnaire";
import { assess, ruleSetFor } from "@/lib/assessment";

/**
 * Version 1 keeps working exactly as it did (intake-v2.md): 332 v1 intakes — the fixtures, 250
 * random schema-valid ones and 80 random ones, some invalid — with what the assess CLI printed for
 * each (full text for the first cases, SHA-256 for the rest) or the errors it gave, captured before
 * version 2 existed. Nothing here may be regenerated to make a change pass.
 */
interface Case {
  intake: Record<string, unknown>;
  warnings: unknown[];
  errors?: unknown[];
  stdout?: string;
  stdoutSha256?: string;
}
const cases = JSON.parse(fs.readFileSync(new URL("../fixtures/v1-assessments.json", import.meta.url), "utf8")) as Case[];
const receivedAt = new Date("2026-11-20T16:00:00Z");

describe("version 1, frozen", () => {
  it("holds the whole corpus", () => expect(cases.length).toBe(332));

  it.each(cases.map((c, i) => [i, c] as const))("intake %i validates and assesses byte for byte as before", (_i, c) => {
    const result = parseIntake(c.intake, { receivedAt, timeZone: "America/Toronto", submittedAtPolicy: "not_future" });
    expect(result.warnings).toEqual(c.warnings);
    if (c.errors) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors).toEqual(c.errors);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stdout = `${JSON.stringify(assess(result.intake.answers, result.intake.referenceDate, ruleSetFor("1")), null, 2)}\n`;
    if (c.stdout !== undefined) expect(stdout).toBe(c.stdout);
    else expect(createHash("sha256").update(stdout).digest("hex")).toBe(c.stdoutSha256);
  });
});

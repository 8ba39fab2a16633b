import { expect } from "vitest";
import { assess, DEFAULT_RULE_SET, type Assessment } from "@/lib/assessment";
import { validateAnswers } from "@/lib/questionnaire";

export const REFERENCE_DATE = "2026-11-20";

/** Validates answers with the real schema (failing the test if invalid), then assesses them. */
export function assessValid(answers: Record<string, unknown>, referenceDate = REFERENCE_DATE, ruleSet = DEFAULT_RULE_SET): Assessment {
  const result = validateAnswers(answers, { referenceDate });
  expect(result.errors, "test input must be schema-valid").toEqual([]);
  return assess(result.answers, referenceDate, ruleSet);
}

export const idsOf = (a: Assessment) => a.considerations.map((c) => c.id);

/** A date `days` before the reference date. */
export function daysBefore(days: number, referenceDate = REFERENCE_DATE): string {
  return new Date(Date.parse(`${referenceDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

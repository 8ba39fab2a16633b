import { expect } from "vitest";
import { assess, ruleSetFor, type Assessment, type RuleSet } from "@/lib/assessment";
import { validateAnswers } from "@/lib/questionnaire";

export const REFERENCE_DATE = "2026-11-20";

/** Validates answers with the real schema (failing the test if invalid), then assesses them. */
export function assessValid(answers: Record<string, unknown>, referenceDate = REFERENCE_DATE, ruleSet: RuleSet = ruleSetFor("1")): Assessment {
  const result = validateAnswers(answers, { referenceDate }, ruleSet.questionnaireVersion);
  expect(result.errors, "test input must be schema-valid").toEqual([]);
  return assess(result.answers, referenceDate, ruleSet);
}

export const idsOf = (a: Assessment) => a.considerations.map((c) => c.id);

/** A date `days` before the reference date. */
export function daysBefore(days: number, referenceDate = REFERENCE_DATE): string {
  return new Date(Date.parse(`${referenceDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** PHQ-9 items 1–8 summing to `total` (item 9 stays as the fixture has it). */
export const phq = (total: number) =>
  Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`phq9_${i + 1}`, Math.max(0, Math.min(3, total - i * 3))]));

/** Current mood medications by name (other_name filled where the name needs one). */
export const meds = (...names: string[]) => ({
  on_mood_medication: "yes",
  current_mood_medications: names.map((name) => ({ name, ...(name.startsWith("other") ? { other_name: "Other" } : {}) })),
});

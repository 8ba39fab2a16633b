import type { ItemId } from "@/lib/questionnaire/definition";
import { AUDITC_ITEMS, PHQ9_ITEMS } from "@/lib/questionnaire/scales";
import type { ThresholdName } from "./thresholds";

/**
 * The small declarative language rules are written in. The engine evaluates it and the rules page
 * is generated from it, so what clinicians read is what runs.
 *
 * Absent items never satisfy `eq`, `in`, `has`, comparisons or `olderThanDays`; `hasNoneOf` treats an
 * absent list as empty; `absent` is true when the item is absent.
 */
export type Value = number | { readonly threshold: ThresholdName };

export type ScoreKey = "phq9.total" | "auditc.total" | "auditc.positive" | "mania_symptoms" | "adequate_failed_trials" | "age";

export type RuleCondition =
  | { readonly item: ItemId; readonly eq: string }
  | { readonly item: ItemId; readonly in: readonly string[] }
  | { readonly item: ItemId; readonly field?: string; readonly has: readonly string[] }
  | { readonly item: ItemId; readonly field?: string; readonly hasNoneOf: readonly string[] }
  | { readonly item: ItemId; readonly gte: Value }
  | { readonly item: ItemId; readonly gt: Value }
  | { readonly item: ItemId; readonly olderThanDays: Value }
  | { readonly absent: ItemId }
  | { readonly score: ScoreKey; readonly gte: Value }
  | { readonly score: ScoreKey; readonly lt: Value }
  | { readonly score: ScoreKey; readonly isTrue: true }
  | { readonly fired: string }
  | { readonly any: readonly RuleCondition[] }
  | { readonly all: readonly RuleCondition[] }
  | { readonly not: RuleCondition };

/** The answer items each score is computed from (for evidence). */
export const SCORE_ITEMS: Record<ScoreKey, readonly ItemId[]> = {
  "phq9.total": PHQ9_ITEMS,
  "auditc.total": AUDITC_ITEMS,
  "auditc.positive": [...AUDITC_ITEMS, "sex_at_birth"],
  mania_symptoms: ["mania_symptoms_past_week"],
  adequate_failed_trials: ["past_treatment_trials"],
  age: ["date_of_birth"],
};

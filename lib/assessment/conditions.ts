import type { ItemId } from "@/lib/questionnaire/definition";
import type { ItemIdOfType, OptionOf, RowFieldId, RowFieldOptionOf } from "@/lib/questionnaire/answers";
import { AUDITC_ITEMS, PHQ9_ITEMS } from "@/lib/questionnaire/scales";
import type { ThresholdName } from "./thresholds";

/**
 * The small declarative language rules are written in. The engine evaluates it and the rules page
 * is generated from it, so what clinicians read is what runs.
 *
 * Absent items never satisfy `eq`, `in`, `has`, `countOf`, comparisons or `olderThanDays`; `hasNoneOf`
 * treats an absent list as empty; `absent` is true when the item is absent. `countOf … gte` counts
 * how many of the listed options were chosen.
 */
export type Value = number | { readonly threshold: ThresholdName };

export type ScoreKey = "phq9.total" | "auditc.total" | "auditc.positive" | "mania_symptoms" | "adequate_failed_trials" | "age";

/** An item compared with its own options: a value the item does not offer fails to compile. */
type OptionCondition = {
  [I in ItemIdOfType<"enum">]: { readonly item: I; readonly eq: OptionOf<I> } | { readonly item: I; readonly in: readonly OptionOf<I>[] };
}[ItemIdOfType<"enum">];
type ListCondition = {
  [I in ItemIdOfType<"multi">]:
    | { readonly item: I; readonly has: readonly OptionOf<I>[] }
    | { readonly item: I; readonly hasNoneOf: readonly OptionOf<I>[] }
    | { readonly item: I; readonly countOf: readonly OptionOf<I>[]; readonly gte: Value };
}[ItemIdOfType<"multi">];
type RowsCondition = {
  [I in ItemIdOfType<"rows">]: {
    [F in RowFieldId<I>]:
      | { readonly item: I; readonly field: F; readonly has: readonly RowFieldOptionOf<I, F>[] }
      | { readonly item: I; readonly field: F; readonly hasNoneOf: readonly RowFieldOptionOf<I, F>[] };
  }[RowFieldId<I>];
}[ItemIdOfType<"rows">];
type NumberItemId = ItemIdOfType<"int" | "num">;

/** A rule's condition as written in the rules table, checked against the definition. */
export type RuleCondition =
  | OptionCondition
  | ListCondition
  | RowsCondition
  | { readonly item: NumberItemId; readonly gte: Value }
  | { readonly item: NumberItemId; readonly gt: Value }
  | { readonly item: ItemIdOfType<"date">; readonly olderThanDays: Value }
  | { readonly absent: ItemId }
  | { readonly score: ScoreKey; readonly gte: Value }
  | { readonly score: ScoreKey; readonly lt: Value }
  | { readonly score: ScoreKey; readonly isTrue: true }
  | { readonly fired: string }
  | { readonly any: readonly RuleCondition[] }
  | { readonly all: readonly RuleCondition[] }
  | { readonly not: RuleCondition };

/** The same conditions with plain strings, as the engine evaluates them and the rules page describes them. */
export type EvaluatedCondition =
  | { readonly item: ItemId; readonly eq: string }
  | { readonly item: ItemId; readonly in: readonly string[] }
  | { readonly item: ItemId; readonly field?: string; readonly has: readonly string[] }
  | { readonly item: ItemId; readonly field?: string; readonly hasNoneOf: readonly string[] }
  | { readonly item: ItemId; readonly countOf: readonly string[]; readonly gte: Value }
  | { readonly item: ItemId; readonly gte: Value }
  | { readonly item: ItemId; readonly gt: Value }
  | { readonly item: ItemId; readonly olderThanDays: Value }
  | { readonly absent: ItemId }
  | { readonly score: ScoreKey; readonly gte: Value }
  | { readonly score: ScoreKey; readonly lt: Value }
  | { readonly score: ScoreKey; readonly isTrue: true }
  | { readonly fired: string }
  | { readonly any: readonly EvaluatedCondition[] }
  | { readonly all: readonly EvaluatedCondition[] }
  | { readonly not: EvaluatedCondition };

/** The answer items each score is computed from (for evidence). */
export const SCORE_ITEMS: Record<ScoreKey, readonly ItemId[]> = {
  "phq9.total": PHQ9_ITEMS,
  "auditc.total": AUDITC_ITEMS,
  "auditc.positive": [...AUDITC_ITEMS, "sex_at_birth"],
  mania_symptoms: ["mania_symptoms_past_week"],
  adequate_failed_trials: ["past_treatment_trials"],
  age: ["date_of_birth"],
};

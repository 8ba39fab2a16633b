import { questionnaireFor, type ItemId } from "@/lib/questionnaire/definition";
import type { ItemById } from "@/lib/questionnaire/answers";
import type { Condition, ItemDef, SectionDef } from "@/lib/questionnaire/types";
import { computeScores, RULE_SET_2_THRESHOLDS, RULES_2, type Scores } from "@/lib/assessment";
import type { RuleCondition } from "@/lib/assessment/conditions";

/**
 * What the course takes from the intake, by reference (treatment-course.md: "as in the intake"):
 * items with their wording as questionnaire version 2 asks them, the mania screen's symptom groups
 * and criteria as rule set 2 writes them, the PHQ-9 score and band. Nothing here is a second copy.
 */

/** The intake version the check-in's shared items follow (its si_safe_now wording). */
const INTAKE_VERSION = "2";

const INTAKE_ITEMS: readonly ItemDef[] = (questionnaireFor(INTAKE_VERSION).sections as readonly SectionDef[]).flatMap((s) => s.items);

/** One intake item exactly as version 2 defines it (wording, options, choices), with its literal type. */
export function intakeItem<Id extends ItemId>(id: Id): ItemById<Id> {
  const item = INTAKE_ITEMS.find((i) => i.id === id);
  if (!item) throw new Error(`Intake version ${INTAKE_VERSION} has no item ${id}`);
  return item as unknown as ItemById<Id>;
}

/** A condition with item ids renamed (the check-in's counterparts of intake items). */
export function renameItems(condition: Condition, names: Readonly<Record<string, string>>): Condition {
  if ("any" in condition) return { any: condition.any.map((c) => renameItems(c, names)) };
  if ("all" in condition) return { all: condition.all.map((c) => renameItems(c, names)) };
  if ("not" in condition) return { not: renameItems(condition.not, names) };
  return { ...condition, item: names[condition.item] ?? condition.item } as Condition;
}

function ruleCondition(id: string): RuleCondition {
  const rule = RULES_2.find((r) => r.id === id);
  if (!rule) throw new Error(`Rule set 2 has no rule ${id}`);
  return rule.when;
}

/** Rule set 2's MANIA_CURRENT criteria (the course's SWITCH_SIGNS fires on exactly these). */
export const MANIA_CRITERIA: RuleCondition = ruleCondition("MANIA_CURRENT");

/**
 * The "≥ 3 non-overlapping symptoms" test of rule set 2's MIXED_FEATURES (its threshold by name).
 * Taken from the rule rather than restated, so the DSM-5 list lives in one place.
 */
export const NON_OVERLAPPING_TEST = (() => {
  const when = ruleCondition("MIXED_FEATURES");
  const parts = "all" in when ? when.all : [];
  const test = parts.find((c) => "countOf" in c);
  if (!test || !("countOf" in test)) throw new Error("MIXED_FEATURES has no symptom count");
  return test;
})();

/** PHQ-9 total, band and item 9 as the intake's assessment computes them (no other item counts). */
export function phq9Of(answers: Readonly<Record<string, unknown>>): Scores["phq9"] {
  // computeScores reads only the items it finds; the reference date matters to age alone.
  return computeScores(answers, "2000-01-01", RULE_SET_2_THRESHOLDS).phq9;
}

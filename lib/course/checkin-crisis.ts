import type { Condition } from "@/lib/questionnaire/types";
import { evaluateCondition } from "@/lib/questionnaire/conditions";
import { CRISIS_TRIGGER } from "@/lib/intake-wizard/crisis-trigger";
import { CHECKIN_COUNTERPARTS, CHECKIN_ITEM_IDS } from "./checkin-definition";
import { renameItems } from "./intake-parts";

/**
 * When the check-in brings up the crisis numbers (treatment-course.md: "exactly as in the intake …
 * plus si_attempt_since_last = yes and self_harm_since_last = yes"): the intake's tests on items
 * the check-in asks, with si_thoughts_since_last standing in for si_thoughts_past_month (its
 * counterpart, the safer reading), plus the two new tests.
 */
const INTAKE_TESTS: readonly Condition[] = "any" in CRISIS_TRIGGER ? CRISIS_TRIGGER.any : [CRISIS_TRIGGER];

const ADDED: readonly Condition[] = [
  { item: "si_attempt_since_last", eq: "yes" },
  { item: "self_harm_since_last", eq: "yes" },
];

const asked = new Set<string>(CHECKIN_ITEM_IDS);
const CARRIED: readonly Condition[] = INTAKE_TESTS.map((c) => renameItems(c, CHECKIN_COUNTERPARTS)).filter(
  (c) => "item" in c && asked.has(c.item),
);

export const CHECKIN_CRISIS_TRIGGER: Condition = { any: [...CARRIED, ...ADDED] };
export const CHECKIN_CRISIS_TRIGGER_ITEMS: readonly string[] = [...new Set([...CARRIED, ...ADDED].map((c) => ("item" in c ? c.item : "")))];

export function isCheckinCrisisTriggered(answers: Readonly<Record<string, unknown>>): boolean {
  return evaluateCondition(CHECKIN_CRISIS_TRIGGER, answers);
}

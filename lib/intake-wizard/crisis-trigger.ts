import type { Condition } from "@/lib/questionnaire/types";
import { evaluateCondition } from "@/lib/questionnaire/conditions";

/**
 * Answers that must bring up the crisis numbers at once (intake-spec, "Crisis panel"). The
 * assessment flags more; these are the ones a person should never have to finish the form to see help for.
 */
const CRISIS_TESTS = [
  { item: "phq9_9", gte: 1 },
  { item: "si_thoughts_past_month", in: ["yes", "prefer_to_discuss"] },
  { item: "si_intent", in: ["yes", "unsure"] },
  { item: "si_plan", eq: "yes" },
  { item: "si_attempt_history", in: ["within_3_months", "prefer_to_discuss"] },
  { item: "si_safe_now", in: ["no", "unsure"] },
  // Version 2 (intake-v2.md: its only new trigger); a version-1 draft never holds it.
  { item: "si_self_harm_past_month", eq: "yes" },
] as const satisfies readonly Condition[];

export const CRISIS_TRIGGER: Condition = { any: CRISIS_TESTS };
export const CRISIS_TRIGGER_ITEMS: readonly string[] = CRISIS_TESTS.map((c) => c.item);

export function isCrisisTriggered(answers: Readonly<Record<string, unknown>>): boolean {
  return evaluateCondition(CRISIS_TRIGGER, answers);
}

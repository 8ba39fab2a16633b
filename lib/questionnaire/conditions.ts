import type { Condition } from "./types";

type AnswerLookup = Readonly<Record<string, unknown>>;

/**
 * Evaluates a branching condition. An absent item never satisfies `eq`, `in`, `has`, `gte` or
 * `gt`; `not` of such a test is therefore true.
 */
export function evaluateCondition(condition: Condition, answers: AnswerLookup): boolean {
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, answers));
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, answers));
  if ("not" in condition) return !evaluateCondition(condition.not, answers);
  const value = answers[condition.item];
  if (value === undefined) return false;
  if ("eq" in condition) return value === condition.eq;
  if ("in" in condition) return typeof value === "string" && condition.in.includes(value);
  if ("has" in condition) return Array.isArray(value) && value.some((v) => condition.has.includes(v as string));
  if ("gte" in condition) return typeof value === "number" && value >= condition.gte;
  return typeof value === "number" && value > condition.gt;
}

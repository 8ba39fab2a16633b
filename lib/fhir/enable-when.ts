import type { Condition } from "@/lib/questionnaire/types";
import { EXT, type EnableWhen, type QuestionnaireItem } from "./types";

/**
 * Our branching conditions (lib/questionnaire/conditions.ts) as FHIR enableWhen. Every condition
 * the questionnaires use today is a flat any/all of simple tests, which enableWhen + enableBehavior
 * say exactly; anything else (an all inside an any, a not of a range) falls back to the SDC
 * enableWhenExpression extension with the same test in FHIRPath.
 *
 * Semantics match evaluateCondition(): an absent answer never satisfies =, in, has, > or >=; FHIR's
 * "=" is false for an absent answer, and "!=" (true when no answer equals the value) is true for
 * one, as our `not` of an equality is.
 */

/** What the translation needs to know of the question a condition tests. */
export interface Question {
  readonly type: "coded" | "boolean" | "integer" | "decimal";
  /** For integer scale items asked as labelled choices: the values, coded as their decimal strings. */
  readonly choiceValues?: readonly number[];
  /** FHIRPath from %resource to the question's response item, for the expression fallback. */
  readonly path?: string;
}

type Flat = { behavior: "any" | "all"; terms: EnableWhen[] };

const answer = (q: Question, value: string | number | boolean): Omit<EnableWhen, "question" | "operator"> => {
  if (q.type === "coded") return { answerCoding: { code: String(value) } };
  if (q.type === "boolean") return { answerBoolean: value as boolean };
  return q.type === "integer" ? { answerInteger: value as number } : { answerDecimal: value as number };
};

function simple(c: Condition, questionOf: (id: string) => Question): Flat | undefined {
  if ("any" in c || "all" in c) return undefined;
  if ("not" in c) {
    const inner = simple(c.not, questionOf);
    // Only an equality negates exactly (see above): "=" a or b or c becomes "!=" a and b and c.
    if (!inner || inner.behavior === "all" && inner.terms.length > 1 || inner.terms.some((t) => t.operator !== "=")) return undefined;
    return { behavior: "all", terms: inner.terms.map((t) => ({ ...t, operator: "!=" })) };
  }
  const q = questionOf(c.item);
  const eq = (values: readonly (string | number | boolean)[]): Flat => ({ behavior: "any", terms: values.map((v) => ({ question: c.item, operator: "=", ...answer(q, v) })) });
  if ("eq" in c) return eq([c.eq]);
  if ("in" in c) return eq(c.in);
  if ("has" in c) return eq(c.has);
  const [bound, strict] = "gte" in c ? [c.gte, false] : [c.gt, true];
  // A scale item is coded: its range is the codes in it.
  if (q.choiceValues) return eq(q.choiceValues.filter((v) => (strict ? v > bound : v >= bound)));
  return { behavior: "any", terms: [{ question: c.item, operator: strict ? ">" : ">=", ...answer(q, bound) }] };
}

function flatten(c: Condition, questionOf: (id: string) => Question): Flat | undefined {
  const own = simple(c, questionOf);
  if (own) return own;
  if (!("any" in c) && !("all" in c)) return undefined;
  const behavior = "any" in c ? "any" : "all";
  const terms: EnableWhen[] = [];
  for (const part of "any" in c ? c.any : c.all) {
    const flat = flatten(part, questionOf);
    if (!flat || (flat.terms.length > 1 && flat.behavior !== behavior)) return undefined;
    terms.push(...flat.terms);
  }
  return { behavior, terms };
}

const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** The condition in FHIRPath over the response (%resource), for the SDC enableWhenExpression extension. */
export function conditionFhirPath(c: Condition, questionOf: (id: string) => Question): string {
  if ("any" in c) return c.any.map((p) => `(${conditionFhirPath(p, questionOf)})`).join(" or ");
  if ("all" in c) return c.all.map((p) => `(${conditionFhirPath(p, questionOf)})`).join(" and ");
  if ("not" in c) return `(${conditionFhirPath(c.not, questionOf)}).not()`;
  const q = questionOf(c.item);
  if (!q.path) throw new Error(`No FHIRPath to ${c.item}: its condition needs enableWhen or a path`);
  const values = `${q.path}.answer.value${q.type === "coded" ? ".code" : ""}`;
  const literal = (v: string | number | boolean) => (q.type === "coded" ? quote(String(v)) : String(v));
  const where = (test: string) => `${values}.where(${test}).exists()`;
  if ("eq" in c) return where(`$this = ${literal(c.eq)}`);
  if ("in" in c) return where(`$this in (${c.in.map(literal).join(" | ")})`);
  if ("has" in c) return where(`$this in (${c.has.map(literal).join(" | ")})`);
  const [op, bound] = "gte" in c ? [">=", c.gte] : [">", c.gt];
  return q.type === "coded" ? where(`$this.toInteger() ${op} ${bound}`) : where(`$this ${op} ${bound}`);
}

/** The item properties that make an item appear only when the condition holds. */
export function enableWhenOf(c: Condition, questionOf: (id: string) => Question): Pick<QuestionnaireItem, "enableWhen" | "enableBehavior" | "extension"> {
  const flat = flatten(c, questionOf);
  if (flat) return { enableWhen: flat.terms, ...(flat.terms.length > 1 ? { enableBehavior: flat.behavior } : {}) };
  return { extension: [{ url: EXT.enableWhenExpression, valueExpression: { language: "text/fhirpath", expression: conditionFhirPath(c, questionOf) } }] };
}

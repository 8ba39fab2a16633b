import { SEVERITIES, type Severity } from "@/lib/assessment/rules";
import type { CourseThresholdName, CourseThresholds } from "./thresholds";

/**
 * The small declarative language course flags are written in: the intake's rule conditions
 * (lib/assessment/conditions.ts) over one record — a check-in's answers, a session record or the
 * course — and the record's computed scores. The engine evaluates it and docs/course-rules.md is
 * generated from it. An absent field or a null score satisfies no test; `not` of one is true.
 */
export type Value = number | { readonly threshold: CourseThresholdName };

export type FlagCondition<F extends string = string, S extends string = string> =
  | { readonly item: F; readonly eq: string | number | boolean }
  | { readonly item: F; readonly in: readonly string[] }
  | { readonly item: F; readonly has: readonly string[] }
  | { readonly item: F; readonly countOf: readonly string[]; readonly gte: Value }
  | { readonly item: F; readonly gte: Value }
  | { readonly item: F; readonly gt: Value }
  | { readonly item: F; readonly lt: Value }
  | { readonly score: S; readonly gte: Value }
  | { readonly score: S; readonly gt: Value }
  | { readonly score: S; readonly isTrue: true }
  | { readonly fired: string }
  | { readonly any: readonly FlagCondition<F, S>[] }
  | { readonly all: readonly FlagCondition<F, S>[] }
  | { readonly not: FlagCondition<F, S> };

export interface Evidence {
  /** A field of the record, or of the course or previous check-in the flag compared with. */
  readonly item: string;
  readonly answer: unknown;
}

/** A flag as computed and stored (the CLI prints exactly these keys). */
export interface Flag {
  readonly id: string;
  readonly severity: Severity;
  readonly source: string | null;
  readonly title: string;
  readonly evidence: Evidence[];
}

export interface FlagRule<F extends string, S extends string, Facts> {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly rationale: string;
  /** As in assessment-rules.md ("SPR, SEED"); null where none. */
  readonly source: string | null;
  readonly when: FlagCondition<F, S>;
  /** Fields shown as context when present, besides those that fired it. */
  readonly context?: readonly string[];
  /** A title citing the numbers that fired it. */
  readonly describe?: (facts: Facts, t: Required<CourseThresholds>) => string;
}

/** A computed score, with the fields it is computed from (its evidence) and its wording for the rules page. */
export interface ScoreDef<Facts> {
  readonly fields: readonly string[];
  readonly describe: string;
  readonly compute: (facts: Facts) => number | boolean | null;
}

export interface Evaluation<Facts> {
  readonly facts: Facts;
  /** The record's fields by name (absent = not given). */
  readonly record: Readonly<Record<string, unknown>>;
  /** Fields outside the record that evidence may cite (baseline, previous check-in). */
  readonly outside: Readonly<Record<string, unknown>>;
  /** Evidence order: the record's definition order, then the outside fields. */
  readonly order: readonly string[];
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** Most severe first, then id (plain string comparison), as `assess` orders considerations. */
export function compareFlags(a: Flag, b: Flag): number {
  return severityRank(a.severity) - severityRank(b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function resolve(value: Value, thresholds: CourseThresholds): number {
  if (typeof value === "number") return value;
  const t = thresholds[value.threshold];
  if (t === undefined) throw new Error(`The course rule set has no threshold ${value.threshold}`);
  return t;
}

interface Run<Facts> {
  readonly ev: Evaluation<Facts>;
  readonly scores: Readonly<Record<string, ScoreDef<Facts>>>;
  readonly thresholds: CourseThresholds;
  readonly fired: Set<string>;
}

function test(c: FlagCondition, run: Run<unknown>, evidence: Set<string>): boolean {
  if ("any" in c) {
    let result = false;
    for (const part of c.any) if (test(part, run, evidence)) result = true;
    return result;
  }
  if ("all" in c) {
    const local = new Set<string>();
    const result = c.all.every((part) => test(part, run, local));
    if (result) for (const f of local) evidence.add(f);
    return result;
  }
  if ("not" in c) return !test(c.not, run, new Set());
  if ("fired" in c) return run.fired.has(c.fired);
  const t = run.thresholds;
  if ("score" in c) {
    const def = run.scores[c.score];
    if (!def) throw new Error(`No score ${c.score}`);
    const value = def.compute(run.ev.facts);
    const result =
      value === null ? false : "isTrue" in c ? value === true : "gte" in c ? (value as number) >= resolve(c.gte, t) : (value as number) > resolve(c.gt, t);
    if (result) for (const f of def.fields) evidence.add(f);
    return result;
  }
  const value = run.ev.record[c.item];
  if (value === undefined) return false;
  let result: boolean;
  if ("eq" in c) result = value === c.eq;
  else if ("in" in c) result = c.in.includes(value as string);
  else if ("has" in c) result = Array.isArray(value) && value.some((v) => c.has.includes(v as string));
  else if ("countOf" in c) result = Array.isArray(value) && value.filter((v) => c.countOf.includes(v as string)).length >= resolve(c.gte, t);
  else if ("gte" in c) result = (value as number) >= resolve(c.gte, t);
  else if ("gt" in c) result = (value as number) > resolve(c.gt, t);
  else result = (value as number) < resolve(c.lt, t);
  if (result) evidence.add(c.item);
  return result;
}

/** Evaluates rules in order (`fired` reads earlier ones); flags sorted most severe first, then id. */
export function evaluateFlags<F extends string, S extends string, Facts>(
  rules: readonly FlagRule<F, S, Facts>[],
  scores: Readonly<Record<S, ScoreDef<Facts>>>,
  ev: Evaluation<Facts>,
  thresholds: Required<CourseThresholds>,
): Flag[] {
  const run: Run<unknown> = { ev, scores: scores as Record<string, ScoreDef<unknown>>, thresholds, fired: new Set() };
  const flags: Flag[] = [];
  for (const rule of rules) {
    const triggered = new Set<string>();
    if (!test(rule.when as FlagCondition, run, triggered)) continue;
    run.fired.add(rule.id);
    for (const f of rule.context ?? []) triggered.add(f);
    const value = (f: string) => (f in ev.record ? ev.record[f] : ev.outside[f]);
    const evidence = ev.order.filter((f) => triggered.has(f) && value(f) !== undefined && value(f) !== null).map((item) => ({ item, answer: value(item) }));
    flags.push({ id: rule.id, severity: rule.severity, source: rule.source, title: rule.describe?.(ev.facts, thresholds) ?? rule.title, evidence });
  }
  return flags.sort(compareFlags);
}

import { DEFINED_ITEMS, QUESTIONNAIRE_ID, type ItemId } from "@/lib/questionnaire/definition";
import type { Answers } from "@/lib/questionnaire/answers";
import { daysBetween } from "@/lib/questionnaire/dates";
import { SCORE_ITEMS, type EvaluatedCondition, type ScoreKey, type Value } from "./conditions";
import { SEVERITIES, type Rule, type Severity } from "./rules";
import { RULES_2 } from "./rule-set-2";
import type { RuleSet } from "./rule-sets";
import { computeScores, type Scores } from "./scores";
import { threshold, type ThresholdName, type Thresholds } from "./thresholds";
import { triageFor, type Triage } from "./triage";

/**
 * The assessment engine: pure and deterministic. Input is a validated intake's answers and its
 * reference date; output is scores, considerations with their evidence, triage and TRBD status.
 */

export interface Evidence {
  item: ItemId;
  answer: unknown;
}

export interface Consideration {
  id: string;
  severity: Severity;
  title: string;
  rationale: string;
  source: string | null;
  evidence: Evidence[];
}

export interface Assessment {
  questionnaire: string;
  questionnaireVersion: string;
  ruleSetVersion: string;
  referenceDate: string;
  triage: Triage;
  trbd: "met" | "not_met";
  scores: Scores;
  considerations: Consideration[];
}

export const SEVERITY_WORDING: Record<Severity, string> = {
  urgent_safety: "Urgent safety",
  likely_contraindication: "Likely contraindication",
  needs_medical_clearance: "Needs medical clearance",
  caution: "Caution",
  info: "Information",
};

export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

interface Context {
  answers: Answers;
  record: Record<string, unknown>;
  scores: Scores;
  thresholds: Thresholds;
  referenceDate: string;
  fired: Set<string>;
}

function resolve(value: Value, thresholds: Thresholds): number {
  return typeof value === "number" ? value : threshold(thresholds, value.threshold);
}

function scoreValue(scores: Scores, key: ScoreKey): number | boolean {
  switch (key) {
    case "phq9.total":
      return scores.phq9.total;
    case "auditc.total":
      return scores.auditc.total;
    case "auditc.positive":
      return scores.auditc.positive;
    default:
      return scores[key];
  }
}

function listValues(value: unknown, field: string | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return field ? value.map((row) => (row as Record<string, unknown>)[field]).filter((v): v is string => typeof v === "string") : (value as string[]);
}

/** Evaluates a condition; collects the items behind each positive test that made it true. */
function evaluate(c: EvaluatedCondition, ctx: Context, evidence: Set<ItemId>): boolean {
  if ("any" in c) {
    let result = false;
    for (const part of c.any) if (evaluate(part, ctx, evidence)) result = true;
    return result;
  }
  if ("all" in c) {
    const local = new Set<ItemId>();
    const result = c.all.every((part) => evaluate(part, ctx, local));
    if (result) for (const item of local) evidence.add(item);
    return result;
  }
  if ("not" in c) return !evaluate(c.not, ctx, new Set());
  if ("fired" in c) return ctx.fired.has(c.fired);
  if ("absent" in c) return ctx.record[c.absent] === undefined;
  if ("score" in c) {
    const value = scoreValue(ctx.scores, c.score);
    const result =
      "isTrue" in c ? value === true : "gte" in c ? (value as number) >= resolve(c.gte, ctx.thresholds) : (value as number) < resolve(c.lt, ctx.thresholds);
    if (result) for (const item of SCORE_ITEMS[c.score]) evidence.add(item);
    return result;
  }
  const value = ctx.record[c.item];
  let result: boolean;
  if ("hasNoneOf" in c) {
    result = !listValues(value, c.field).some((v) => c.hasNoneOf.includes(v));
  } else if (value === undefined) {
    result = false;
  } else if ("eq" in c) result = value === c.eq;
  else if ("in" in c) result = c.in.includes(value as string);
  else if ("has" in c) result = listValues(value, c.field).some((v) => c.has.includes(v));
  else if ("countOf" in c) result = listValues(value, undefined).filter((v) => c.countOf.includes(v)).length >= resolve(c.gte, ctx.thresholds);
  else if ("gte" in c) result = (value as number) >= resolve(c.gte, ctx.thresholds);
  else if ("gt" in c) result = (value as number) > resolve(c.gt, ctx.thresholds);
  // A month alone counts from its first day: the reading may be that old.
  else result = daysBetween((value as string).length === 7 ? `${value as string}-01` : (value as string), ctx.referenceDate) > resolve(c.olderThanDays, ctx.thresholds);
  if (result) evidence.add(c.item);
  return result;
}

// Every version's items in one order (later versions only insert items), so evidence keeps each version's order.
const ITEM_ORDER: ItemId[] = DEFINED_ITEMS.map((i) => i.id);

function considerationFor(rule: Rule, triggered: Set<ItemId>, ctx: Context): Consideration {
  for (const item of rule.context ?? []) triggered.add(item);
  const evidence = ITEM_ORDER.filter((id) => triggered.has(id) && ctx.record[id] !== undefined).map((item) => ({
    item,
    answer: ctx.record[item],
  }));
  const described = rule.describe?.(ctx.answers, ctx.thresholds);
  return {
    id: rule.id,
    severity: rule.severity,
    title: described?.title ?? describeTitle(rule, ctx),
    rationale: described?.rationale ?? rule.rationale,
    source: rule.source,
    evidence,
  };
}

/** Titles that cite the answer where one number tells the story. */
function describeTitle(rule: Rule, ctx: Context): string {
  const a = ctx.answers;
  const t = (name: ThresholdName) => threshold(ctx.thresholds, name);
  const reading = a.bp_recent_systolic !== undefined ? `${a.bp_recent_systolic}/${a.bp_recent_diastolic} on ${a.bp_recent_date}` : undefined;
  switch (rule.id) {
    case "BP_SEVERE":
      return `Blood pressure ${reading} is at or above ${t("bpSevereSystolic")}/${t("bpSevereDiastolic")}`;
    case "BP_ELEVATED":
      return reading && (a.bp_recent_systolic! > t("bpElevatedSystolic") || a.bp_recent_diastolic! > t("bpElevatedDiastolic"))
        ? `Blood pressure ${reading} is above ${t("bpElevatedSystolic")}/${t("bpElevatedDiastolic")}`
        : `Blood pressure reported as ${a.bp_controlled === "no" ? "not controlled" : "possibly not controlled"}`;
    case "BP_READING_NEEDED":
      return reading ? `Last blood-pressure reading (${a.bp_recent_date}) is more than ${t("bpReadingMaxAgeDays")} days old` : rule.title;
    case "AGE_UNDER_18":
    case "AGE_65_PLUS":
      return `Age ${ctx.scores.age} on the reference date`;
    case "ALCOHOL_HIGH":
      return `AUDIT-C ${ctx.scores.auditc.total} (${t("auditcHigh")} or more)`;
    case "LOW_CURRENT_DEPRESSION":
      return `PHQ-9 total ${ctx.scores.phq9.total}, below the mild range`;
    case "TRBD_NOT_MET":
      return `${ctx.scores.adequate_failed_trials} adequate failed trial${ctx.scores.adequate_failed_trials === 1 ? "" : "s"} of recommended treatments reported (TRBD needs ${t("trbdAdequateTrials")})`;
    case "MANIA_CURRENT":
    case "MIXED_FEATURES":
      return `${rule.title}: ${ctx.scores.mania_symptoms} elevation symptoms this week`;
    default:
      return rule.title;
  }
}

/** Most severe first, then id ascending (plain string comparison). */
export function compareConsiderations(a: Consideration, b: Consideration): number {
  return severityRank(a.severity) - severityRank(b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Assesses answers to the rule set's questionnaire version. */
export function assess(answers: Answers, referenceDate: string, ruleSet: RuleSet): Assessment {
  const scores = computeScores(answers, referenceDate, ruleSet.thresholds);
  const ctx: Context = {
    answers,
    record: answers as Record<string, unknown>,
    scores,
    thresholds: ruleSet.thresholds,
    referenceDate,
    fired: new Set(),
  };
  const considerations: Consideration[] = [];
  for (const rule of ruleSet.rules) {
    const triggered = new Set<ItemId>();
    if (!evaluate(rule.when, ctx, triggered)) continue;
    ctx.fired.add(rule.id);
    considerations.push(considerationFor(rule, triggered, ctx));
  }
  considerations.sort(compareConsiderations);
  const top = considerations.find((c) => c.severity !== "info");
  return {
    questionnaire: QUESTIONNAIRE_ID,
    questionnaireVersion: ruleSet.questionnaireVersion,
    ruleSetVersion: ruleSet.version,
    referenceDate,
    triage: triageFor(top?.severity),
    trbd: scores.adequate_failed_trials >= threshold(ruleSet.thresholds, "trbdAdequateTrials") ? "met" : "not_met",
    scores,
    considerations,
  };
}

// Rule set 2 holds every rule id of rule set 1, with the same safety flags.
const SAFETY_RULE_IDS = new Set(RULES_2.filter((r) => r.safety).map((r) => r.id));

/** For display (dashboard, PDF): safety considerations first within their severity. */
export function forDisplay(considerations: readonly Consideration[]): Consideration[] {
  const safety = SAFETY_RULE_IDS;
  return [...considerations].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || Number(safety.has(b.id)) - Number(safety.has(a.id)) || compareConsiderations(a, b),
  );
}

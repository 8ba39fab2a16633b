import type { EvaluatedCondition, Value } from "./conditions";
import { SEVERITIES, type Rule } from "./rules";
import { RULE_SET_2_CHANGES } from "./rule-set-2";
import { ruleSetFor, type RuleSet } from "./rule-sets";
import type { ThresholdName, Thresholds } from "./thresholds";
import { TRIAGE_LEVELS } from "./triage";

/** Renders docs/assessment-rules.md — the page clinicians review — from the rule definitions of both rule sets. */

const ONE = ruleSetFor("1");
const TWO = ruleSetFor("2");
// Conditions are described with the defaults of the rule set being described.
let described: Thresholds = ONE.thresholds;
const value = (v: Value) => (typeof v === "number" ? String(v) : `${described[v.threshold]} (\`${v.threshold}\`)`);
const list = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(", ");

function describe(c: EvaluatedCondition): string {
  if ("any" in c) return `(${c.any.map(describe).join(" **or** ")})`;
  if ("all" in c) return c.all.map(describe).join(" **and** ");
  if ("not" in c) return `not ${describe(c.not)}`;
  if ("fired" in c) return `${c.fired} fired`;
  if ("absent" in c) return `\`${c.absent}\` not answered`;
  if ("score" in c) {
    if ("isTrue" in c) return `score ${c.score}`;
    return "gte" in c ? `score ${c.score} ≥ ${value(c.gte)}` : `score ${c.score} < ${value(c.lt)}`;
  }
  const target = "field" in c && c.field ? `\`${c.item}\` (${c.field})` : `\`${c.item}\``;
  if ("eq" in c) return `${target} = \`${c.eq}\``;
  if ("in" in c) return `${target} ∈ {${list(c.in)}}`;
  if ("has" in c) return `${target} has any of ${list(c.has)}`;
  if ("hasNoneOf" in c) return `${target} has none of ${list(c.hasNoneOf)} (not answered counts as none)`;
  if ("countOf" in c) return `${target} has at least ${value(c.gte)} of ${list(c.countOf)}`;
  if ("gte" in c) return `${target} ≥ ${value(c.gte)}`;
  if ("gt" in c) return `${target} > ${value(c.gt)}`;
  return `${target} more than ${value(c.olderThanDays)} days before the reference date`;
}

function ruleRows(set: RuleSet, rules: readonly Rule[]): string[] {
  described = set.thresholds;
  return [
    "| id | severity | fires when | consideration | why | source |",
    "|---|---|---|---|---|---|",
    ...rules.map((r) => `| \`${r.id}\` | ${r.severity} | ${describe(r.when)} | ${r.title}${r.describe ? " (the title and rationale name the answers that fired it)" : ""} | ${r.rationale} | ${r.source ?? "—"} |`),
  ];
}

function thresholdRows(set: RuleSet): string[] {
  return ["| name | default |", "|---|---|", ...(Object.keys(set.thresholds) as ThresholdName[]).map((k) => `| \`${k}\` | ${set.thresholds[k]} |`)];
}

export function renderAssessmentRulesDoc(): string {
  const t = ONE.thresholds as Required<Thresholds>;
  const byId = (ids: readonly string[]) => ids.map((id) => TWO.rules.find((r) => r.id === id)!);
  const dropped = (Object.keys(ONE.thresholds) as ThresholdName[]).filter((k) => !(k in TWO.thresholds));
  const gained = (Object.keys(TWO.thresholds) as ThresholdName[]).filter((k) => !(k in ONE.thresholds));
  const lines = [
    "# Assessment rules — rule sets `1` and `2`",
    "",
    "<!-- Generated from lib/assessment/rules.ts by `npm run docs:generate`. Do not edit by hand. -->",
    "",
    "Decision support for the clinician, never a verdict: each consideration says what to look at and why, with the answers that triggered it. The client never sees considerations or triage.",
    "",
    "Each questionnaire version has its own rule set: version `1` intakes are assessed with rule set `1`, exactly as before version 2 existed; version `2` intakes (what the form sends) with rule set `2`. A stored assessment keeps the rule set it was made with; the intake page shows a re-assessment under the current rules of the same version when it differs.",
    "",
    "An item that is absent (hidden by branching or not answered) never satisfies `=`, `∈`, `has` or a comparison; \"has none of\" treats an absent list as empty. Considerations are ordered most severe first, then by id; on the dashboard and PDF, safety considerations come first within their severity.",
    "",
    "## Readings chosen where the spec left room",
    "",
    "- `SAFETY_IDEATION` fires for PHQ-9 item 9 ≥ 1 when `SAFETY_ACTIVE_RISK` has not fired; with the default threshold that is exactly item 9 = 1. If a clinic raises `phq9SuicideItemUrgent`, lower non-zero answers still raise this caution (the safer reading).",
    `- \`BP_READING_NEEDED\` counts calendar days: a reading ${t.bpReadingMaxAgeDays} days before the reference date is recent enough, ${t.bpReadingMaxAgeDays + 1} days is not.`,
    "- Age uses whole years on the reference date; someone born on 29 February turns a year older on 1 March in other years.",
    `- AUDIT-C hidden items (drinking never) count 0; the cut-off is ${t.auditcPositiveMale} for people whose sex at birth is male and ${t.auditcPositiveOther} for everyone else (including prefer not to say — the safer reading).`,
    "",
    "## Severity and triage",
    "",
    `Severity order: ${SEVERITIES.map((s) => `\`${s}\``).join(" > ")}.`,
    "",
    "| triage | when | wording |",
    "|---|---|---|",
    ...TRIAGE_LEVELS.map(
      (l, i) => `| \`${l.id}\` | ${l.from === null ? "otherwise (info may be present)" : `${i === 0 ? "any" : "else any"} ${l.from}${i === 0 ? " consideration" : ""}`} | ${l.wording} |`,
    ),
    "",
    "TRBD status: `met` when adequate failed trials ≥ `trbdAdequateTrials` (shown as \"criteria self-reported as met\"), else `not_met`.",
    "",
    "## Rule set 2: what changes from rule set 1",
    "",
    "Every rule of rule set 1, with these changes. No new rule suppresses an old one (`DISSOCIATIVE_USE_CURRENT` fires beside `SUBSTANCE_RECENT`). The mania screen's **mood** symptoms are `elevated_mood` and `irritability`; the **other** seven are the rest; the DSM-5 mixed-features (**non-overlapping**) symptoms leave out `distractibility` and `irritability`. The `mania_symptoms` score is unchanged.",
    "",
    "### Changed",
    "",
    ...ruleRows(TWO, byId(RULE_SET_2_CHANGES.changed)),
    "",
    "### Added",
    "",
    ...ruleRows(TWO, byId(RULE_SET_2_CHANGES.added)),
    "",
    `Thresholds: rule set 2 drops ${dropped.map((k) => `\`${k}\``).join(", ")} and adds ${gained.map((k) => `\`${k}\` = ${TWO.thresholds[k]}`).join(", ")}. A lamotrigine trial counts toward TRBD only after \`adequateTrialMinWeeksLamotrigine\` weeks (its titration takes about six); other treatments keep \`adequateTrialMinWeeks\`.`,
    "",
    "## Rule set 1 (questionnaire version 1)",
    "",
    ...ruleRows(ONE, ONE.rules),
    "",
    "### Thresholds of rule set 1",
    "",
    ...thresholdRows(ONE),
    "",
    "## Rule set 2 (questionnaire version 2)",
    "",
    ...ruleRows(TWO, TWO.rules),
    "",
    "### Thresholds of rule set 2",
    "",
    ...thresholdRows(TWO),
    "",
    "## Overriding thresholds",
    "",
    "Override any of them with `ASSESSMENT_THRESHOLDS` (JSON); a name applies to each rule set that has it. That rule set's version then becomes `1-custom-` (or `2-custom-`) and the first 8 hex digits of the SHA-256 of the canonical JSON (keys sorted) of its effective thresholds.",
    "",
    "Sources: SAN17 = Sanacora et al., JAMA Psychiatry 2017; SPR = esketamine (Spravato) labelling, approved for major depressive disorder, not bipolar depression; TKC = published ketamine-clinic criteria; TRBD = Hidalgo-Mazzei et al., Br J Psychiatry 2019; DIAZ10 = Diazgranados et al. 2010 and Zarate et al. 2012; SEED = clinical article supplied with the project.",
    "",
  ];
  return lines.join("\n");
}

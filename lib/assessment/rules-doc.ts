import type { EvaluatedCondition, Value } from "./conditions";
import { RULES, SEVERITIES } from "./rules";
import { DEFAULT_THRESHOLDS, type ThresholdName } from "./thresholds";
import { TRIAGE_LEVELS } from "./triage";

/** Renders docs/assessment-rules.md — the page clinicians review — from the rule definitions. */

const value = (v: Value) => (typeof v === "number" ? String(v) : `${DEFAULT_THRESHOLDS[v.threshold]} (\`${v.threshold}\`)`);
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
  if ("gte" in c) return `${target} ≥ ${value(c.gte)}`;
  if ("gt" in c) return `${target} > ${value(c.gt)}`;
  return `${target} more than ${value(c.olderThanDays)} days before the reference date`;
}

export function renderAssessmentRulesDoc(): string {
  const t = DEFAULT_THRESHOLDS;
  const lines = [
    "# Assessment rules — rule set `1`",
    "",
    "<!-- Generated from lib/assessment/rules.ts by `npm run docs:generate`. Do not edit by hand. -->",
    "",
    "Decision support for the clinician, never a verdict: each consideration says what to look at and why, with the answers that triggered it. The client never sees considerations or triage.",
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
    "## Rules",
    "",
    "| id | severity | fires when | consideration | why | source |",
    "|---|---|---|---|---|---|",
    ...RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${describe(r.when)} | ${r.title} | ${r.rationale} | ${r.source ?? "—"} |`),
    "",
    "## Thresholds",
    "",
    "Override any of them with `ASSESSMENT_THRESHOLDS` (JSON); the rule set version then becomes `1-custom-` and the first 8 hex digits of the SHA-256 of the canonical JSON (keys sorted) of the effective thresholds.",
    "",
    "| name | default |",
    "|---|---|",
    ...(Object.keys(DEFAULT_THRESHOLDS) as ThresholdName[]).map((k) => `| \`${k}\` | ${DEFAULT_THRESHOLDS[k]} |`),
    "",
    "Sources: SAN17 = Sanacora et al., JAMA Psychiatry 2017; SPR = esketamine (Spravato) labelling, approved for major depressive disorder, not bipolar depression; TKC = published ketamine-clinic criteria; TRBD = Hidalgo-Mazzei et al., Br J Psychiatry 2019; DIAZ10 = Diazgranados et al. 2010 and Zarate et al. 2012; SEED = clinical article supplied with the project.",
    "",
  ];
  return lines.join("\n");
}

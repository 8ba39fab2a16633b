import { SEVERITIES } from "@/lib/assessment/rules";
import type { ItemDef } from "@/lib/questionnaire/types";
import { CHECKIN_ITEMS } from "./checkin-definition";
import { CHECKIN_CRISIS_TRIGGER } from "./checkin-crisis";
import { END_REASONS } from "./course-fields";
import type { FlagCondition, FlagRule, ScoreDef, Value } from "./flag-language";
import { OUTCOMES } from "./outcome";
import { COURSE_RULE_SET_1 } from "./rule-set";
import { CHECKIN_SCORES } from "./rules-checkin";
import { COURSE_SCORES } from "./rules-course";
import { SESSION_SCORES } from "./rules-session";
import { SESSION_FIELDS } from "./session-record";
import { COURSE_1_THRESHOLDS, type CourseThresholdName } from "./thresholds";

/** Renders docs/course-rules.md — what clinicians review — from the course-1 definitions. */

const T = COURSE_1_THRESHOLDS;
const value = (v: Value) => (typeof v === "number" ? String(v) : `${T[v.threshold]} (\`${v.threshold}\`)`);
const list = (values: readonly unknown[]) => values.map((v) => `\`${String(v)}\``).join(", ");

function describe(c: FlagCondition, scores: Readonly<Record<string, ScoreDef<never>>>): string {
  const d = (x: FlagCondition) => describe(x, scores);
  if ("any" in c) return `(${c.any.map(d).join(" **or** ")})`;
  if ("all" in c) return c.all.map(d).join(" **and** ");
  if ("not" in c) return `not ${d(c.not)}`;
  if ("fired" in c) return `${c.fired} fired`;
  if ("score" in c) {
    const what = scores[c.score]!.describe;
    if ("isTrue" in c) return what;
    return "gte" in c ? `${what} ≥ ${value(c.gte)}` : `${what} > ${value(c.gt)}`;
  }
  const target = `\`${c.item}\``;
  if ("eq" in c) return `${target} = \`${String(c.eq)}\``;
  if ("in" in c) return `${target} ∈ {${list(c.in)}}`;
  if ("has" in c) return `${target} has any of ${list(c.has)}`;
  if ("countOf" in c) return `${target} has at least ${value(c.gte)} of ${list(c.countOf)}`;
  if ("gte" in c) return `${target} ≥ ${value(c.gte)}`;
  if ("gt" in c) return `${target} > ${value(c.gt)}`;
  return `${target} < ${value(c.lt)}`;
}

function ruleRows(rules: readonly FlagRule<string, string, never>[], scores: Readonly<Record<string, ScoreDef<never>>>): string[] {
  return [
    "| id | severity | fires when | flag | why | source |",
    "|---|---|---|---|---|---|",
    ...rules.map((r) => `| \`${r.id}\` | ${r.severity} | ${describe(r.when as FlagCondition, scores)} | ${r.title}${r.describe ? " (the title cites the answers)" : ""} | ${r.rationale} | ${r.source ?? "—"} |`),
  ];
}

function typeOf(item: ItemDef): string {
  switch (item.type) {
    case "int":
    case "num":
      return `${item.type} ${item.min}–${item.max}${item.unit ? ` ${item.unit}` : ""}`;
    case "enum":
      return `enum ${list(item.options.map((o) => o.value))}`;
    case "multi":
      return `multi ${list(item.options.map((o) => o.value))}`;
    case "text":
      return `text ≤ ${item.maxLength}`;
    default:
      return item.type;
  }
}

function fieldRows(items: readonly ItemDef[], shown: boolean): string[] {
  return [
    shown ? "| id | type | required | shown if | question |" : "| field | type | required | label |",
    shown ? "|---|---|---|---|---|" : "|---|---|---|---|",
    ...items.map((i) =>
      shown
        ? `| \`${i.id}\` | ${typeOf(i)} | ${i.required ? "yes" : "no"} | ${i.shownIf ? `\`${JSON.stringify(i.shownIf)}\`` : ""} | ${i.label} |`
        : `| \`${i.id}\` | ${typeOf(i)} | ${i.required ? "yes" : "no"} | ${i.label} |`,
    ),
  ];
}

const EXAMPLE = {
  course: "ketamine-course",
  version: "1",
  bipolarType: "bipolar_2",
  baselinePhq9: 18,
  plannedAcuteSessions: 6,
  phase: "acute",
  startedOn: "2026-10-01",
  sessions: [
    {
      session_date: "2026-10-02", route: "iv", weight_kg: 70, dose_mg: 35, infusion_minutes: 40, bp_pre_systolic: 128, bp_pre_diastolic: 82,
      bp_discharge_systolic: 134, bp_discharge_diastolic: 84, dissociation: "mild", sedation: "none", adverse_events: ["none"], discharged_with_escort: true,
    },
  ],
  checkins: [
    {
      submittedAt: "2026-10-05T14:00:00Z",
      answers: {
        phq9_1: 2, phq9_2: 2, phq9_3: 1, phq9_4: 2, phq9_5: 1, phq9_6: 1, phq9_7: 1, phq9_8: 2, phq9_9: 0, mania_symptoms_past_week: ["none"],
        si_thoughts_since_last: "no", si_safe_now: "yes", si_attempt_since_last: "no", self_harm_since_last: "no", side_effects: ["none"], global_change: "a_little_better",
      },
    },
  ],
};

export function renderCourseRulesDoc(): string {
  const set = COURSE_RULE_SET_1;
  const lines = [
    "# Course rules — course rule set `course-1`",
    "",
    "<!-- Generated from lib/course by `npm run docs:generate`. Do not edit by hand. -->",
    "",
    "Decision support for the clinician during a treatment course (shared/product/treatment-course.md): each flag says what to look at and why, with the answers behind it. The client never sees flags, scores or outcomes. Flags are stored with each check-in and session as computed; a re-assessment under newer rules is shown beside them, never over them.",
    "",
    "A field that is absent (optional, hidden by branching or not given) satisfies no test; a score that cannot be computed (no previous check-in, no 40-minute reading) satisfies none either. Flags in each list are ordered most severe first, then by id.",
    "",
    `Severity order: ${SEVERITIES.map((s) => `\`${s}\``).join(" > ")}. An \`urgent_safety\` flag puts the client at the top of the dashboard's queue until acknowledged.`,
    "",
    "## Readings chosen where the spec left room",
    "",
    "- \"≥ 180/110\" means systolic ≥ 180 **or** diastolic ≥ 110; \"> 140/90\" means systolic > 140 **or** diastolic > 90, as in the intake.",
    "- `BP_RISE`'s +40 is systolic only, at 40 minutes or at discharge, and fires beside `PRE_DOSE_*` without suppressing them.",
    "- `CHECKIN_PREFER_DISCUSS` fires beside `CHECKIN_ACTIVE_RISK`. `CHECKIN_IDEATION` fires for PHQ-9 item 9 ≥ 1 when active risk has not fired: item 9 = 1 at the default threshold, as the intake reads `SAFETY_IDEATION`.",
    "- `SWITCH_SIGNS` uses the intake's rule set 2 `MANIA_CURRENT` criteria and `ELEVATION_RISING` its `MIXED_FEATURES` symptom count (the same conditions, taken from those rules), with the same threshold names.",
    "- \"The previous check-in\" is the one before in the course; the first has none, so `ELEVATION_RISING` can fire on it only through the non-overlapping symptoms.",
    "- `DOSE_ABOVE_CEILING` compares the exact ratio `dose_mg / weight_kg`, not the 2-decimal figure the page shows; exactly the ceiling does not fire.",
    "- `WORSENING` compares with the course's `baselinePhq9`. `NO_RESPONSE_AFTER_ACUTE` counts every session in any phase, needs a baseline of 10 or more and a check-in, and compares as exact integers.",
    "- The crisis panel of the check-in shows on the intake's triggers for the items the check-in asks — with `si_thoughts_since_last` standing in for the intake's `si_thoughts_past_month` — plus `si_attempt_since_last = yes` and `self_harm_since_last = yes`.",
    "",
    "## Check-in flags",
    "",
    ...ruleRows(set.checkinRules, CHECKIN_SCORES as Record<string, ScoreDef<never>>),
    "",
    "## Session flags",
    "",
    ...ruleRows(set.sessionRules, SESSION_SCORES as Record<string, ScoreDef<never>>),
    "",
    "## Course flags",
    "",
    ...ruleRows(set.courseRules, COURSE_SCORES as Record<string, ScoreDef<never>>),
    "",
    "## Thresholds",
    "",
    "| name | default |",
    "|---|---|",
    ...(Object.keys(T) as CourseThresholdName[]).map((k) => `| \`${k}\` | ${T[k]} |`),
    "",
    "Blood pressure, `phq9SuicideItemUrgent` and the mania counts have the intake's names and rule set 2's defaults. Override any threshold with `COURSE_THRESHOLDS` (JSON); the version then becomes `course-1-custom-` and the first 8 hex digits of the SHA-256 of the canonical JSON (keys sorted) of the effective thresholds.",
    "",
    "## Outcome",
    "",
    `\`outcome\` is the first of ${list(OUTCOMES)} that holds: no check-in; baseline < 10; latest ≤ 4; latest ≤ 50% of baseline; latest ≤ 75% of baseline; otherwise. "Latest" is the last check-in's PHQ-9 total. \`percentChange\` = (latest − baseline) ÷ baseline × 100 rounded with \`Math.round(x × 10) / 10\`, null with no check-in or a baseline of 0.`,
    "",
    "## The canonical course JSON (`npm run --silent assess-course -- FILE`)",
    "",
    "```json",
    JSON.stringify(EXAMPLE, null, 2),
    "```",
    "",
    `\`bipolarType\` takes the intake's \`bipolar_type\` values; \`baselinePhq9\` int 0–27; \`plannedAcuteSessions\` int 1–12, 6 when absent; \`phase\` \`acute\`, \`maintenance\` or \`ended\`; \`endReason\` (${list(END_REASONS)}) required when the phase is \`ended\` and absent otherwise. Sessions and check-ins are given in date order; each check-in's \`submittedAt\` is RFC 3339, not in the future. Unknown keys are rejected at any depth. Hidden check-in items are dropped with one stderr line each: \`warning: checkins[N].answers.ID: hidden by branching, ignored\`. Invalid input exits 2 with one \`PATH: message\` line per problem (\`sessions[1].bp_pre_systolic\`, \`checkins[0].answers.phq9_4\`, \`baselinePhq9\`); an unreadable file exits 1.`,
    "",
    "### Session record",
    "",
    ...fieldRows(SESSION_FIELDS, false),
    "",
    "Each blood-pressure pair has systolic above diastolic; the 40-minute pair is given whole or not at all. `none` is exclusive in `adverse_events`. `session_date` is not in the future and not before `startedOn`.",
    "",
    "### Check-in",
    "",
    "PHQ-9 items, the mania checklist and the suicide follow-ups are the intake's (version 2 wording); the home blood-pressure trio follows the intake's rules for its reading (both numbers or neither, systolic above diastolic, a date with a reading).",
    "",
    ...fieldRows(CHECKIN_ITEMS, true),
    "",
    `Crisis panel: \`${JSON.stringify(CHECKIN_CRISIS_TRIGGER)}\`.`,
    "",
    "Sources: SAN17 = Sanacora et al., JAMA Psychiatry 2017; SPR = esketamine (Spravato) labelling, approved for major depressive disorder, not bipolar depression; SEED = clinical article supplied with the project.",
    "",
  ];
  return lines.join("\n");
}

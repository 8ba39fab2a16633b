import type { RuleCondition } from "@/lib/assessment/conditions";
import { PHQ9_ITEMS } from "@/lib/questionnaire/scales";
import type { CheckinAnswers, CheckinItemId } from "./checkin-definition";
import type { FlagCondition, FlagRule, ScoreDef } from "./flag-language";
import { MANIA_CRITERIA, NON_OVERLAPPING_TEST, phq9Of } from "./intake-parts";
import { COURSE_1_THRESHOLDS, type CourseThresholdName } from "./thresholds";

/** Check-in flags of course rule set `course-1` (treatment-course.md, "Flags", `on` = check-in). */

export interface CheckinFacts {
  readonly answers: CheckinAnswers;
  readonly baselinePhq9: number;
  /** The check-in before this one in the course, if any. */
  readonly previous?: CheckinAnswers;
}

/** Fields outside the check-in that its flags compare with (evidence names them so). */
export const PREVIOUS_ELEVATION = "previous_checkin.mania_symptoms_past_week";
export const BASELINE = "baselinePhq9";

/** The "count of elevation symptoms": every chosen symptom except `none` (as the intake's mania_symptoms score). */
export const elevationCount = (answers: CheckinAnswers | undefined) => (answers?.mania_symptoms_past_week ?? []).filter((s) => s !== "none").length;

export type CheckinScore = "phq9_rise_from_baseline" | "elevation_rise";
export const CHECKIN_SCORES: Record<CheckinScore, ScoreDef<CheckinFacts>> = {
  phq9_rise_from_baseline: {
    fields: [...PHQ9_ITEMS, BASELINE],
    describe: "the PHQ-9 total minus `baselinePhq9`",
    compute: (f) => phq9Of(f.answers).total - f.baselinePhq9,
  },
  elevation_rise: {
    fields: ["mania_symptoms_past_week", PREVIOUS_ELEVATION],
    describe: "the count of elevation symptoms (every chosen symptom except `none`) minus the previous check-in's count (none for the first check-in)",
    compute: (f) => (f.previous ? elevationCount(f.answers) - elevationCount(f.previous) : null),
  },
};

type Condition = FlagCondition<CheckinItemId, CheckinScore>;

/**
 * Rule set 2's mania conditions over mania_symptoms_past_week, which the check-in asks as the intake
 * does. Checked here so a later change to those rules that the course language cannot read fails loudly.
 */
function adopt(c: RuleCondition): Condition {
  if ("any" in c) return { any: c.any.map(adopt) };
  if ("all" in c) return { all: c.all.map(adopt) };
  if ("not" in c) return { not: adopt(c.not) };
  const threshold = "gte" in c && typeof c.gte === "object" ? c.gte.threshold : undefined;
  const ok =
    "item" in c && c.item === "mania_symptoms_past_week" && !("field" in c) && ("has" in c || "countOf" in c) && (threshold === undefined || threshold in COURSE_1_THRESHOLDS);
  if (!ok) throw new Error(`The course cannot evaluate the intake condition ${JSON.stringify(c)}`);
  return c as Condition;
}

const threshold = (name: CourseThresholdName) => ({ threshold: name });
const reading = (a: CheckinAnswers) => `${a.home_bp_systolic}/${a.home_bp_diastolic} on ${a.home_bp_date}`;

function activeRiskTriggers(a: CheckinAnswers, urgentItem9: number): string[] {
  const said: string[] = [];
  if (a.si_intent === "yes") said.push("intent to act on thoughts of suicide");
  if (a.si_intent === "unsure") said.push("unsure whether they intend to act on thoughts of suicide");
  if (a.si_plan === "yes") said.push("a plan or method thought about");
  if (a.si_safe_now === "no") said.push("not feeling safe right now");
  if (a.si_safe_now === "unsure") said.push("unsure whether they feel safe right now");
  if ((a.phq9_9 ?? 0) >= urgentItem9) said.push(`thoughts of death or self-harm on more than half the days (PHQ-9 item 9 = ${a.phq9_9})`);
  if (a.si_attempt_since_last === "yes") said.push("a suicide attempt since the last session");
  return said;
}

export const CHECKIN_RULES: readonly FlagRule<CheckinItemId, CheckinScore, CheckinFacts>[] = [
  {
    id: "CHECKIN_ACTIVE_RISK",
    severity: "urgent_safety",
    title: "Active suicide risk reported at check-in — contact the client today",
    rationale: "Intent, a plan, not feeling safe, frequent thoughts of death or an attempt since the last session. Follow the clinic's safety protocol; the next session waits on a safety assessment.",
    source: "SAN17",
    when: {
      any: [
        { item: "si_intent", in: ["yes", "unsure"] },
        { item: "si_plan", eq: "yes" },
        { item: "si_safe_now", in: ["no", "unsure"] },
        { item: "phq9_9", gte: threshold("phq9SuicideItemUrgent") },
        { item: "si_attempt_since_last", eq: "yes" },
      ],
    },
    context: ["si_thoughts_since_last"],
    describe: (f, t) => `Active suicide risk reported at check-in (${activeRiskTriggers(f.answers, t.phq9SuicideItemUrgent).join("; ")}) — contact the client today`,
  },
  {
    id: "CHECKIN_IDEATION",
    severity: "caution",
    title: "Thoughts of suicide or death since the last session, without reported intent or plan",
    rationale: "Review suicide risk and the safety plan before the next session.",
    source: "SAN17",
    // PHQ-9 item 9 ≥ 1 when active risk has not fired: item 9 = 1 at the default threshold (the intake's reading).
    when: { all: [{ not: { fired: "CHECKIN_ACTIVE_RISK" } }, { any: [{ item: "si_thoughts_since_last", eq: "yes" }, { item: "phq9_9", gte: 1 }] }] },
  },
  {
    id: "CHECKIN_PREFER_DISCUSS",
    severity: "caution",
    title: "Prefers to discuss suicidal thoughts, an attempt or self-harm in person",
    rationale: "The client chose not to answer a safety question in the check-in. Ask before the next session.",
    source: null,
    when: {
      any: [
        { item: "si_thoughts_since_last", eq: "prefer_to_discuss" },
        { item: "si_attempt_since_last", eq: "prefer_to_discuss" },
        { item: "self_harm_since_last", eq: "prefer_to_discuss" },
      ],
    },
  },
  {
    id: "CHECKIN_SELF_HARM",
    severity: "caution",
    title: "Self-harm since the last session",
    rationale: "Self-harm raises suicide risk. Ask about it and review the safety plan before the next session.",
    source: "SAN17",
    when: { item: "self_harm_since_last", eq: "yes" },
  },
  {
    id: "SWITCH_SIGNS",
    severity: "likely_contraindication",
    title: "Possible switch to mania or hypomania — hold and review before the next session",
    rationale: "Elevated mood with three or more other symptoms, or irritability alone with four or more, this week (the intake's MANIA_CURRENT criteria). Review mood state before another session.",
    source: "SEED",
    when: adopt(MANIA_CRITERIA),
    describe: (f) => `Possible switch to mania or hypomania (${elevationCount(f.answers)} elevation symptoms this week) — hold and review before the next session`,
  },
  {
    id: "ELEVATION_RISING",
    severity: "caution",
    title: "Mood-elevation symptoms present or rising",
    rationale: "Three or more symptoms that do not overlap with depression, or two more symptoms than at the previous check-in. Watch for a switch; discuss mood-stabilizer cover.",
    source: "SEED",
    when: {
      all: [
        { not: { fired: "SWITCH_SIGNS" } },
        { any: [adopt(NON_OVERLAPPING_TEST), { score: "elevation_rise", gte: threshold("elevationRise") }] },
      ],
    },
    describe: (f) =>
      f.previous
        ? `Mood-elevation symptoms present or rising (${elevationCount(f.answers)} this week, ${elevationCount(f.previous)} at the previous check-in)`
        : `Mood-elevation symptoms present (${elevationCount(f.answers)} this week)`,
  },
  {
    id: "URINARY_SYMPTOMS",
    severity: "needs_medical_clearance",
    title: "Urinary pain, urgency or blood in the urine",
    rationale: "Ketamine can damage the bladder. Medical review (urine test) before the next session.",
    source: "SEED",
    when: { item: "side_effects", has: ["urinary_pain_or_urgency", "blood_in_urine"] },
  },
  {
    id: "CRAVING_OR_MISUSE",
    severity: "needs_medical_clearance",
    title: "Craving, or ketamine or similar drugs used outside treatment",
    rationale: "Ketamine has misuse potential. Discuss dependence risk and whether to continue before the next session.",
    source: "SEED",
    when: { item: "side_effects", has: ["craving_or_use_outside_treatment"] },
  },
  {
    id: "LINGERING_DISSOCIATION",
    severity: "caution",
    title: "Dissociation the day after a session or later",
    rationale: "Dissociation should pass within hours. Discuss dose and timing.",
    source: "SPR",
    when: { item: "side_effects", has: ["dissociation_next_day"] },
  },
  {
    id: "COGNITIVE_COMPLAINT",
    severity: "caution",
    title: "Memory or concentration worse",
    rationale: "Cognitive effects are a concern with repeated ketamine. Ask about them and consider a cognitive check.",
    source: "SEED",
    when: { item: "side_effects", has: ["memory_or_concentration_worse"] },
  },
  {
    id: "HOME_BP_SEVERE",
    severity: "likely_contraindication",
    title: "Home blood pressure at or above 180/110",
    rationale: "Severely raised blood pressure must be treated before another session.",
    source: "SPR",
    when: { any: [{ item: "home_bp_systolic", gte: threshold("bpSevereSystolic") }, { item: "home_bp_diastolic", gte: threshold("bpSevereDiastolic") }] },
    context: ["home_bp_systolic", "home_bp_diastolic", "home_bp_date"],
    describe: (f, t) => `Home blood pressure ${reading(f.answers)} is at or above ${t.bpSevereSystolic}/${t.bpSevereDiastolic}`,
  },
  {
    id: "HOME_BP_ELEVATED",
    severity: "needs_medical_clearance",
    title: "Home blood pressure above 140/90",
    rationale: "Ketamine raises blood pressure during sessions; review blood pressure before the next session.",
    source: "SPR, SEED",
    when: {
      all: [
        { not: { fired: "HOME_BP_SEVERE" } },
        { any: [{ item: "home_bp_systolic", gt: threshold("bpElevatedSystolic") }, { item: "home_bp_diastolic", gt: threshold("bpElevatedDiastolic") }] },
      ],
    },
    context: ["home_bp_systolic", "home_bp_diastolic", "home_bp_date"],
    describe: (f, t) => `Home blood pressure ${reading(f.answers)} is above ${t.bpElevatedSystolic}/${t.bpElevatedDiastolic}`,
  },
  {
    id: "WORSENING",
    severity: "caution",
    title: "PHQ-9 five or more points above baseline",
    rationale: "Depression is worse than before treatment. Review the course, mood state and suicide risk.",
    source: null,
    when: { score: "phq9_rise_from_baseline", gte: threshold("worseningPhq9Rise") },
    describe: (f, t) => `PHQ-9 ${phq9Of(f.answers).total}, ${phq9Of(f.answers).total - f.baselinePhq9} above the baseline of ${f.baselinePhq9} (${t.worseningPhq9Rise} or more)`,
  },
];

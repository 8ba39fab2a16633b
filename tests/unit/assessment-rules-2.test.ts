import { describe, expect, it } from "vitest";
import { forDisplay, judgeTrials, RULE_SET_2_CHANGES, RULES_1, RULES_2, ruleSetFor } from "@/lib/assessment";
import { parseIntake, validateAnswers } from "@/lib/questionnaire";
import { fullAnswersV2, fullIntake, fullIntakeV2, minimalAnswers, minimalAnswersV2 } from "../fixtures/intakes";
import { assessValid, idsOf, meds, phq, REFERENCE_DATE } from "../support/assess-answers";

/** Rule set 2 (intake-v2.md): every new or changed rule, its boundaries, and what stayed as it was. */

const TWO = ruleSetFor("2");
const v2 = (answers: Record<string, unknown>) => assessValid(minimalAnswersV2(answers), REFERENCE_DATE, TWO);
const ids2 = (answers: Record<string, unknown>) => idsOf(v2(answers));
/** The suicide follow-ups answered calmly (version 2 adds means and the safety plan behind the same gate). */
const FOLLOW_UPS = { si_intent: "no", si_plan: "no", lethal_means_access: ["none"], safety_plan: "yes" };
const trial = (treatment: string, weeks: number, outcome = "no_benefit") => ({ treatment, weeks, adequate_dose: "yes", outcome });
const trials = (...rows: unknown[]) => ({ had_past_treatments: "yes", past_treatment_trials: rows });
const mania = (...symptoms: string[]) => ({ mania_symptoms_past_week: symptoms });

// [rule, answers where it fires, near miss where it does not] — every rule rule set 2 adds or changes.
const table: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ["SAFETY_ACTIVE_RISK", { si_safe_now: "no" }, { si_safe_now: "yes" }],
  ["SAFETY_ACTIVE_RISK", { phq9_9: 2, ...FOLLOW_UPS }, { phq9_9: 1, ...FOLLOW_UPS }],
  ["SAFETY_PREFER_DISCUSS", { si_self_harm_past_month: "prefer_to_discuss", lethal_means_access: ["none"], safety_plan: "yes" }, { si_self_harm_past_month: "yes", lethal_means_access: ["none"], safety_plan: "yes" }],
  ["SAFETY_PREFER_DISCUSS", { si_thoughts_past_month: "yes", ...FOLLOW_UPS, lethal_means_access: ["prefer_to_discuss"] }, { si_thoughts_past_month: "yes", ...FOLLOW_UPS }],
  ["SAFETY_PREFER_DISCUSS", { si_attempt_history: "prefer_to_discuss", lethal_means_access: ["none"], safety_plan: "yes" }, {}],
  ["MANIA_CURRENT", mania("elevated_mood", "racing_thoughts", "pressured_speech", "grandiosity"), mania("elevated_mood", "racing_thoughts", "pressured_speech")],
  ["MANIA_CURRENT", mania("irritability", "racing_thoughts", "pressured_speech", "distractibility", "increased_activity"), mania("irritability", "racing_thoughts", "pressured_speech", "distractibility")],
  ["MANIA_CURRENT", mania("elevated_mood", "irritability", "racing_thoughts", "pressured_speech", "grandiosity"), mania("elevated_mood", "irritability", "racing_thoughts", "pressured_speech")],
  ["MIXED_FEATURES", { ...phq(10), ...mania("racing_thoughts", "pressured_speech", "grandiosity") }, { ...phq(9), ...mania("racing_thoughts", "pressured_speech", "grandiosity") }],
  ["MIXED_FEATURES", { ...phq(10), ...mania("racing_thoughts", "pressured_speech", "grandiosity") }, { ...phq(10), ...mania("racing_thoughts", "pressured_speech", "distractibility", "irritability") }],
  ["ANTIDEPRESSANT_NO_ANTIMANIC", { bipolar_type: "bipolar_2", other_medications: ["antidepressant"] }, { bipolar_type: "bipolar_2", other_medications: ["antidepressant"], ...meds("quetiapine") }],
  ["ANTIDEPRESSANT_NO_ANTIMANIC", { bipolar_type: "bipolar_2", other_medications: ["antidepressant"], ...meds("lamotrigine", "other") }, { bipolar_type: "bipolar_2", other_medications: ["antidepressant"], ...meds("lamotrigine", "lithium") }],
  ["ANTIDEPRESSANT_NO_ANTIMANIC", { bipolar_type: "other_specified", other_medications: ["antidepressant", "thyroid"] }, { bipolar_type: "other_specified", other_medications: ["thyroid"] }],
  ["RAPID_CYCLING", { rapid_cycling: "yes" }, { rapid_cycling: "unsure" }],
  ["RECENT_HOSPITALIZATION", { psychiatric_hospitalizations: "one", last_hospitalization: "within_12_months" }, { psychiatric_hospitalizations: "one", last_hospitalization: "more_than_12_months_ago" }],
  ["SELF_HARM", { si_self_harm_past_month: "yes", lethal_means_access: ["none"], safety_plan: "yes" }, { si_self_harm_past_month: "no" }],
  ["LETHAL_MEANS", { si_thoughts_past_month: "yes", ...FOLLOW_UPS, lethal_means_access: ["firearm"] }, { si_thoughts_past_month: "yes", ...FOLLOW_UPS, lethal_means_access: ["other"] }],
  ["LETHAL_MEANS", { si_attempt_history: "more_than_3_months_ago", lethal_means_access: ["stockpiled_medication", "other"], safety_plan: "yes" }, { si_attempt_history: "more_than_3_months_ago", lethal_means_access: ["none"], safety_plan: "yes" }],
  ["NO_SAFETY_PLAN", { si_thoughts_past_month: "yes", ...FOLLOW_UPS, safety_plan: "unsure" }, { si_thoughts_past_month: "yes", ...FOLLOW_UPS }],
  ["NO_SAFETY_PLAN", { si_thoughts_past_month: "yes", ...FOLLOW_UPS, safety_plan: "no" }, {}],
  ["DISSOCIATIVE_USE_CURRENT", { dissociative_use_problem: "current" }, { dissociative_use_problem: "past" }],
  ["DISSOCIATIVE_USE_PAST", { dissociative_use_problem: "past" }, { dissociative_use_problem: "current" }],
  ["SUBSTANCE_PREFER_DISCUSS", { dissociative_use_problem: "prefer_to_discuss" }, { dissociative_use_problem: "never" }],
  ["SUBSTANCE_PREFER_DISCUSS", { cannabis_use: "prefer_to_discuss" }, { cannabis_use: "daily" }],
  ["BENZO_AS_NEEDED", { other_medications: ["benzodiazepine"], benzodiazepine_use: "as_needed" }, { other_medications: ["benzodiazepine"], benzodiazepine_use: "daily" }],
  ["INTERACTING_MEDICATION", { other_medications: ["naltrexone"] }, { other_medications: ["other"] }],
  ["INTERACTING_MEDICATION", { other_medications: ["antidepressant", "memantine_or_dxm"] }, { other_medications: ["none"] }],
  ["INTERACTING_MEDICATION", { other_medications: ["theophylline"] }, { other_medications: ["thyroid"] }],
  ["ANAESTHESIA_PROBLEMS", { anaesthesia_problems: "yes" }, { anaesthesia_problems: "unsure" }],
  ["FAMILY_SUICIDE", { family_history: ["bipolar", "suicide"] }, { family_history: ["bipolar", "substance_use"] }],
];

describe("rule set 2: every new or changed rule fires where it should and not on its near miss", () => {
  it("covers every rule rule set 2 adds or changes", () => {
    expect(new Set(table.map(([id]) => id))).toEqual(new Set([...RULE_SET_2_CHANGES.added, ...RULE_SET_2_CHANGES.changed, "BENZO_AS_NEEDED"]));
  });
  it.each(table)("%s", (id, fire, miss) => {
    expect(ids2(fire)).toContain(id);
    expect(ids2(miss)).not.toContain(id);
  });
  it("keeps every other rule of rule set 1 exactly as it was", () => {
    const changed = new Set(RULE_SET_2_CHANGES.changed);
    for (const rule of RULES_1) if (!changed.has(rule.id)) expect(RULES_2.find((r) => r.id === rule.id), rule.id).toBe(rule);
    expect(RULES_2.map((r) => r.id).filter((id) => !RULES_1.some((r) => r.id === id))).toEqual(expect.arrayContaining(RULE_SET_2_CHANGES.added));
    expect(RULES_2).toHaveLength(RULES_1.length + RULE_SET_2_CHANGES.added.length);
  });
});

describe("rule set 2 boundaries", () => {
  it("irritable mood: 3 other symptoms is not current mania, 4 is", () => {
    const three = ids2({ ...phq(12), ...mania("irritability", "less_need_for_sleep", "racing_thoughts", "increased_activity") });
    expect(three).not.toContain("MANIA_CURRENT");
    // Agitated depression with irritability is a caution to discuss, not "likely not suitable".
    expect(three).toContain("MIXED_FEATURES");
    expect(ids2({ ...phq(12), ...mania("irritability", "less_need_for_sleep", "racing_thoughts", "increased_activity", "distractibility") })).toContain("MANIA_CURRENT");
  });
  it("irritable + 3 was current mania under rule set 1, and still is for a v1 intake", () => {
    const answers = minimalAnswers(mania("irritability", "racing_thoughts", "pressured_speech", "distractibility"));
    expect(idsOf(assessValid(answers))).toContain("MANIA_CURRENT");
  });
  it("elevated mood: 2 other symptoms is not current mania, 3 is", () => {
    expect(ids2(mania("elevated_mood", "grandiosity", "racing_thoughts"))).not.toContain("MANIA_CURRENT");
    expect(ids2(mania("elevated_mood", "grandiosity", "racing_thoughts", "risky_behaviour"))).toContain("MANIA_CURRENT");
  });
  it("mixed features: 3 non-overlapping symptoms fire, 2 do not; distractibility and irritability do not count", () => {
    expect(ids2({ ...phq(10), ...mania("grandiosity", "racing_thoughts", "less_need_for_sleep") })).toContain("MIXED_FEATURES");
    expect(ids2({ ...phq(10), ...mania("grandiosity", "racing_thoughts") })).not.toContain("MIXED_FEATURES");
    expect(ids2({ ...phq(10), ...mania("grandiosity", "racing_thoughts", "distractibility", "irritability") })).not.toContain("MIXED_FEATURES");
  });
  it("a lamotrigine trial counts from 8 weeks in rule set 2 (7 is too short), from 6 in rule set 1", () => {
    const seven = trials(trial("lithium", 12), trial("lamotrigine", 7));
    const eight = trials(trial("lithium", 12), trial("lamotrigine", 8));
    expect(v2(seven).scores.adequate_failed_trials).toBe(1);
    expect(v2(seven).trbd).toBe("not_met");
    expect(v2(eight).scores.adequate_failed_trials).toBe(2);
    expect(v2(eight).trbd).toBe("met");
    expect(assessValid(minimalAnswers(seven)).scores.adequate_failed_trials).toBe(2);
    // Other treatments keep 6 weeks.
    expect(v2(trials(trial("lithium", 6), trial("quetiapine", 6))).trbd).toBe("met");
  });
});

describe("rule set 2 readings", () => {
  it("names in SAFETY_ACTIVE_RISK only the triggers that fired", () => {
    const c = v2({ si_thoughts_past_month: "yes", ...FOLLOW_UPS, si_plan: "yes" }).considerations.find((x) => x.id === "SAFETY_ACTIVE_RISK")!;
    expect(c.title).toContain("a plan");
    expect(c.rationale).toContain("a plan");
    expect(c.rationale).not.toMatch(/intent|attempt|safe right now|PHQ-9/);
    expect(c.severity).toBe("urgent_safety");
    // Rule set 1 keeps its fixed wording.
    const one = assessValid(minimalAnswers({ si_thoughts_past_month: "yes", si_intent: "no", si_plan: "yes" })).considerations.find((x) => x.id === "SAFETY_ACTIVE_RISK")!;
    expect(one.rationale).toBe(RULES_1.find((r) => r.id === "SAFETY_ACTIVE_RISK")!.rationale);
  });
  it("names in LETHAL_MEANS what was reported", () => {
    const title = (means: string[]) => v2({ si_attempt_history: "more_than_3_months_ago", lethal_means_access: means, safety_plan: "yes" }).considerations.find((c) => c.id === "LETHAL_MEANS")!.title;
    expect(title(["stockpiled_medication"])).toBe("Access to saved-up medicines at home");
    expect(title(["firearm", "other"])).toBe("Access to a firearm at home");
    expect(title(["firearm", "stockpiled_medication"])).toBe("Access to a firearm and saved-up medicines at home");
  });
  it("fires nothing for unsure rapid cycling, anaesthesia problems or family history, nor for 'other' means alone", () => {
    const calm = ids2({});
    const unsure = ids2({ rapid_cycling: "unsure", anaesthesia_problems: "unsure", family_history: ["unsure"], si_self_harm_past_month: "no" });
    expect(unsure).toEqual(calm);
    expect(ids2({ si_attempt_history: "more_than_3_months_ago", lethal_means_access: ["other"], safety_plan: "yes" })).toEqual(ids2({ si_attempt_history: "more_than_3_months_ago", lethal_means_access: ["none"], safety_plan: "yes" }));
  });
  it("lets DISSOCIATIVE_USE_CURRENT fire beside SUBSTANCE_RECENT", () => {
    expect(ids2({ dissociative_use_problem: "current", drugs_past_12_months: ["dissociatives"] })).toEqual(expect.arrayContaining(["DISSOCIATIVE_USE_CURRENT", "SUBSTANCE_RECENT"]));
  });
  it("gives bipolar I without antimanic cover NO_ANTIMANIC_BP1, not the antidepressant caution too", () => {
    const ids = ids2({ bipolar_type: "bipolar_1", other_medications: ["antidepressant"] });
    expect(ids).toContain("NO_ANTIMANIC_BP1");
    expect(ids).not.toContain("ANTIDEPRESSANT_NO_ANTIMANIC");
  });
  it("orders the CLI's list most severe first then by id, and lists safety (LETHAL_MEANS included) first for people", () => {
    const a = v2({ si_attempt_history: "more_than_3_months_ago", lethal_means_access: ["firearm"], safety_plan: "yes", rapid_cycling: "yes", cannabis_use: "daily" });
    const cautions = (ids: string[]) => ids.filter((id) => a.considerations.find((c) => c.id === id)!.severity === "caution");
    expect(cautions(idsOf(a))).toEqual(["LETHAL_MEANS", "RAPID_CYCLING", "SAFETY_PAST_ATTEMPT", "SUBSTANCE_HISTORY"]);
    expect(cautions(forDisplay(a.considerations).map((c) => c.id))).toEqual(["LETHAL_MEANS", "SAFETY_PAST_ATTEMPT", "RAPID_CYCLING", "SUBSTANCE_HISTORY"]);
  });
  it("judges each past trial: counted, or why not", () => {
    const answers = minimalAnswersV2(trials(
      trial("lithium", 12), trial("lamotrigine", 7), { ...trial("quetiapine", 10), adequate_dose: "unsure" }, trial("valproate", 10, "stopped_side_effects"),
      trial("lurasidone", 9, "remission"), trial("lithium", 20), trial("psychotherapy", 30),
    ));
    const parsed = validateAnswers(answers, { referenceDate: REFERENCE_DATE }, "2");
    expect(parsed.errors).toEqual([]);
    expect(judgeTrials(parsed.answers, TWO.thresholds).map((j) => [j.reason, j.minWeeks])).toEqual([
      ["counted", 6], ["too_short", 8], ["dose_not_adequate", 6], ["stopped_side_effects", 6], ["remission", 6], ["duplicate", 6], ["not_recommended", 6],
    ]);
  });
});

// Whole realistic version-2 intakes with what a clinician would expect.
const vignettes: [string, Record<string, unknown>, string, string[]][] = [
  ["agitated depression, irritable, on an antidepressant alone", fullAnswersV2({ bipolar_type: "bipolar_2", on_mood_medication: "no", current_mood_medications: undefined, other_medications: ["antidepressant"], benzodiazepine_use: undefined,
    mania_symptoms_past_week: ["irritability", "pressured_speech", "racing_thoughts", "less_need_for_sleep"] }), "needs_clearance",
    ["ANTIDEPRESSANT_NO_ANTIMANIC", "MIXED_FEATURES", "BP_ELEVATED"]],
  ["passive thoughts, a gun at home, no safety plan, rapid cycling", fullAnswersV2({ phq9_9: 1, si_intent: "no", si_plan: "no", lethal_means_access: ["firearm"], safety_plan: "no", rapid_cycling: "yes" }),
    "needs_clearance", ["LETHAL_MEANS", "SAFETY_IDEATION", "RAPID_CYCLING", "NO_SAFETY_PLAN"]],
  ["self-harm this month and not feeling safe", minimalAnswersV2({ ...meds("lithium"), ...phq(16), si_self_harm_past_month: "yes", lethal_means_access: ["stockpiled_medication"], safety_plan: "unsure", si_safe_now: "no" }),
    "urgent", ["SAFETY_ACTIVE_RISK", "LETHAL_MEANS", "SELF_HARM", "NO_SAFETY_PLAN"]],
  ["current dissociative-use problem, recent admission", minimalAnswersV2({ ...meds("quetiapine"), ...phq(14), psychiatric_hospitalizations: "two_or_more", last_hospitalization: "within_12_months", dissociative_use_problem: "current" }),
    "not_suitable_now", ["DISSOCIATIVE_USE_CURRENT", "RECENT_HOSPITALIZATION"]],
  ["lamotrigine 7 weeks, naltrexone, anaesthetic problem in the family", minimalAnswersV2({ bipolar_type: "bipolar_2", ...meds("lamotrigine"), ...phq(13), other_medications: ["naltrexone"], anaesthesia_problems: "yes", family_history: ["suicide"],
    ...trials(trial("quetiapine", 10), trial("lamotrigine", 7)) }), "needs_clearance", ["ANAESTHESIA_PROBLEMS", "INTERACTING_MEDICATION", "FAMILY_SUICIDE", "LAMOTRIGINE", "TRBD_NOT_MET"]],
];

describe("rule set 2 golden vignettes", () => {
  it("the agitated-depression vignette was 'likely not suitable' under rule set 1", () => {
    const { rapid_cycling: _r, family_history: _f, si_self_harm_past_month: _s, dissociative_use_problem: _d, anaesthesia_problems: _a, age_at_onset: _o, last_hospitalization: _l, ...v1 } = vignettes[0]![1];
    expect(idsOf(assessValid(v1))).toContain("MANIA_CURRENT");
    expect(idsOf(assessValid(vignettes[0]![1], REFERENCE_DATE, TWO))).not.toContain("MANIA_CURRENT");
  });
  it.each(vignettes)("%s", (_name, answers, triage, ids) => {
    const a = assessValid(answers, REFERENCE_DATE, TWO);
    expect(a.triage).toBe(triage);
    expect(idsOf(a)).toEqual(expect.arrayContaining(ids));
    // Only what the vignette names, plus the fixture's own considerations.
    for (const id of idsOf(a)) expect([...ids, "BP_ELEVATED", "HISTORY_UNSURE", "LAMOTRIGINE", "TRBD_NOT_MET", "BENZO_AS_NEEDED", "NO_MOOD_STABILIZER"], `${id} was not expected`).toContain(id);
  });
});

describe("versions at the boundary", () => {
  const options = { receivedAt: new Date("2026-11-20T16:00:00Z"), timeZone: "America/Toronto", submittedAtPolicy: "recent" as const };
  it("accepts version 2 and assesses it with rule set 2", () => {
    const parsed = parseIntake(fullIntakeV2(), options);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.intake.version).toBe("2");
  });
  it("refuses an unknown version, naming version", () => {
    const parsed = parseIntake({ ...fullIntakeV2(), version: "3" }, options);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.item)).toEqual(["version"]);
  });
  it("names a version-2 item sent with version 1 as an unknown key", () => {
    const parsed = parseIntake(fullIntake({ rapid_cycling: "no" }), options);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual([{ item: "rapid_cycling", message: "Unknown item in version 1; it was added in version 2" }]);
  });
  it("requires version 2's questions of a version-2 intake, naming each", () => {
    const parsed = parseIntake({ ...fullIntake(), version: "2" }, options);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.item).sort()).toEqual(["anaesthesia_problems", "dissociative_use_problem", "family_history", "last_hospitalization", "rapid_cycling", "si_self_harm_past_month"]);
  });
  it("accepts an age at onset equal to the person's age, not above it", () => {
    const age = 41; // fullAnswers: born 1985-03-14, reference 2026-11-20
    expect(parseIntake(fullIntakeV2({ age_at_onset: age }), options).ok).toBe(true);
    const over = parseIntake(fullIntakeV2({ age_at_onset: age + 1 }), options);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.errors).toEqual([{ item: "age_at_onset", message: "Enter an age no higher than your age now" }]);
  });
  it("takes a blood-pressure reading dated by month alone in version 2 (not in version 1), counting from the month's first day", () => {
    const reading = { hypertension_diagnosed: "yes", bp_controlled: "yes", bp_recent_systolic: 130, bp_recent_diastolic: 80 };
    const month = parseIntake(fullIntakeV2({ ...reading, bp_recent_date: "2026-05" }), options);
    expect(month.ok).toBe(true);
    if (month.ok) expect(month.intake.answers.bp_recent_date).toBe("2026-05");
    const one = parseIntake(fullIntake({ ...reading, bp_recent_date: "2026-05" }), options);
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.errors.map((e) => e.item)).toEqual(["bp_recent_date"]);
    const future = parseIntake(fullIntakeV2({ ...reading, bp_recent_date: "2026-12" }), options);
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.errors).toEqual([{ item: "bp_recent_date", message: "Enter a month that is not in the future" }]);
    // 2026-05-01 is 203 days before 2026-11-20 (> 183): a new reading is needed; June 2026's first day is 172 days before.
    expect(ids2({ ...reading, bp_recent_date: "2026-05" })).toContain("BP_READING_NEEDED");
    expect(ids2({ ...reading, bp_recent_date: "2026-06" })).not.toContain("BP_READING_NEEDED");
  });
  it("does not need the adequate-dose answer for talk therapy, ECT or rTMS in version 2; still does for medicines, and in version 1", () => {
    const rows = (treatment: string) => ({ had_past_treatments: "yes", past_treatment_trials: [{ treatment, weeks: 20, outcome: "partial" }] });
    for (const t of ["psychotherapy", "ect", "rtms"]) expect(parseIntake(fullIntakeV2(rows(t)), options).ok, t).toBe(true);
    const medicine = parseIntake(fullIntakeV2(rows("lithium")), options);
    expect(medicine.ok).toBe(false);
    if (!medicine.ok) expect(medicine.errors).toEqual([{ item: "past_treatment_trials[0].adequate_dose", message: "Choose one of the options" }]);
    const one = parseIntake(fullIntake(rows("psychotherapy")), options);
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.errors.map((e) => e.item)).toEqual(["past_treatment_trials[0].adequate_dose"]);
  });
  it("keeps none and unsure of family_history exclusive, with each other and every other option", () => {
    for (const bad of [["none", "unsure"], ["unsure", "bipolar"], ["none", "suicide"]]) {
      const parsed = parseIntake(fullIntakeV2({ family_history: bad }), options);
      expect(parsed.ok, bad.join("+")).toBe(false);
      if (!parsed.ok) expect(parsed.errors.map((e) => e.item)).toEqual(["family_history"]);
    }
    const unsure = parseIntake(fullIntakeV2({ family_history: ["unsure", "bipolar"] }), options);
    if (!unsure.ok) expect(unsure.errors[0]!.message).toBe('"I\'m not sure" cannot be combined with other options');
  });
});

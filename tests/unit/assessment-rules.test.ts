import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RULES_1, ruleSetFor, ruleSetsWith, RULE_SET_1_THRESHOLDS, ageOn, forDisplay } from "@/lib/assessment";
import { parseIntake } from "@/lib/questionnaire";
import { minimalAnswers } from "../fixtures/intakes";
import { assessValid, daysBefore, idsOf, meds, phq } from "../support/assess-answers";

const NO_SI = { si_intent: "no", si_plan: "no" };
const trial = (treatment: string, weeks = 8, adequate_dose = "yes", outcome = "no_benefit") => ({ treatment, weeks, adequate_dose, outcome, ...(treatment === "other" || treatment === "other_antipsychotic" ? { other_name: "X" } : {}) });
const trials = (...rows: unknown[]) => ({ had_past_treatments: "yes", past_treatment_trials: rows });
const reading = (s: number, d: number, date = "2026-11-01") => ({ bp_recent_systolic: s, bp_recent_diastolic: d, bp_recent_date: date });
const female = { sex_at_birth: "female", pregnancy_status: "not_pregnant" };
const bp2 = { bipolar_type: "bipolar_2" };

// [rule, answers where it fires, near miss where it does not]
const table: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ["SAFETY_ACTIVE_RISK", { phq9_9: 2, ...NO_SI }, { phq9_9: 1, ...NO_SI }],
  ["SAFETY_ACTIVE_RISK", { si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no" }, { si_thoughts_past_month: "yes", ...NO_SI }],
  ["SAFETY_ACTIVE_RISK", { si_thoughts_past_month: "yes", si_intent: "no", si_plan: "yes" }, { si_thoughts_past_month: "yes", ...NO_SI }],
  ["SAFETY_ACTIVE_RISK", { si_attempt_history: "within_3_months" }, { si_attempt_history: "more_than_3_months_ago" }],
  ["SAFETY_ACTIVE_RISK", { si_safe_now: "unsure" }, { si_safe_now: "yes" }],
  ["SAFETY_ACTIVE_RISK", { si_safe_now: "no" }, {}],
  ["SAFETY_IDEATION", { phq9_9: 1, ...NO_SI }, {}],
  ["SAFETY_IDEATION", { si_thoughts_past_month: "yes", ...NO_SI }, { si_thoughts_past_month: "yes", si_intent: "yes", si_plan: "no" }],
  ["SAFETY_PAST_ATTEMPT", { si_attempt_history: "more_than_3_months_ago" }, {}],
  ["SAFETY_PREFER_DISCUSS", { si_attempt_history: "prefer_to_discuss" }, {}],
  ["SAFETY_PREFER_DISCUSS", { si_thoughts_past_month: "prefer_to_discuss", ...NO_SI }, {}],
  ["MANIA_CURRENT", { mania_symptoms_past_week: ["irritability", "racing_thoughts", "pressured_speech", "distractibility"] }, { mania_symptoms_past_week: ["irritability", "racing_thoughts", "pressured_speech"] }],
  ["MANIA_CURRENT", { mania_symptoms_past_week: ["elevated_mood", "grandiosity", "risky_behaviour", "increased_activity"] }, { mania_symptoms_past_week: ["less_need_for_sleep", "grandiosity", "risky_behaviour", "increased_activity"] }],
  ["MIXED_FEATURES", { ...phq(10), mania_symptoms_past_week: ["racing_thoughts", "distractibility"] }, { ...phq(9), mania_symptoms_past_week: ["racing_thoughts", "distractibility"] }],
  ["MIXED_FEATURES", { ...phq(10), mania_symptoms_past_week: ["racing_thoughts", "distractibility"] }, { ...phq(10), mania_symptoms_past_week: ["racing_thoughts"] }],
  ["RECENT_MANIA", { mania_last_12_months: "yes" }, { mania_last_12_months: "unsure" }],
  ["ANTIDEPRESSANT_SWITCH", { antidepressant_switch_history: "yes" }, { antidepressant_switch_history: "unsure" }],
  ["HISTORY_UNSURE", { antidepressant_switch_history: "unsure" }, { antidepressant_switch_history: "yes" }],
  ["PSYCHOSIS_CURRENT", { psychosis_history: "current_episode" }, { psychosis_history: "past_only" }],
  ["PSYCHOSIS_PAST", { psychosis_history: "prefer_to_discuss" }, { psychosis_history: "current_episode" }],
  ["NO_ANTIMANIC_BP1", meds("lamotrigine"), meds("lamotrigine", "lithium")],
  ["NO_ANTIMANIC_BP1", {}, meds("other_antipsychotic")],
  ["NO_MOOD_STABILIZER", bp2, { ...bp2, ...meds("lamotrigine") }],
  ["LAMOTRIGINE", meds("lamotrigine"), meds("lithium")],
  ["DIAGNOSIS_UNCONFIRMED", { diagnosed_by: "not_formally_diagnosed" }, { diagnosed_by: "family_doctor" }],
  ["DIAGNOSIS_UNCONFIRMED", { bipolar_type: "unsure" }, {}],
  ["TRBD_NOT_MET", trials(trial("lithium"), trial("lithium")), trials(trial("lithium"), trial("quetiapine"))],
  ["TRBD_NOT_MET", trials(trial("lithium"), trial("quetiapine", 5)), trials(trial("lithium"), trial("quetiapine", 6))],
  ["TRBD_NOT_MET", trials(trial("lithium"), trial("antidepressant"), trial("ect"), trial("other_antipsychotic")), trials(trial("lithium", 6, "yes", "partial"), trial("olanzapine_fluoxetine"))],
  ["TRBD_NOT_MET", trials(trial("lithium"), trial("quetiapine", 10, "unsure")), trials(trial("lithium"), trial("lumateperone"))],
  ["TRBD_NOT_MET", trials(trial("lithium"), trial("quetiapine", 10, "yes", "remission")), trials(trial("lithium"), trial("cariprazine"))],
  ["LOW_CURRENT_DEPRESSION", phq(4), phq(5)],
  ["VASCULAR_ANEURYSM", { cardiovascular_history: ["av_malformation"] }, { cardiovascular_history: ["angina"] }],
  ["CARDIO_RECENT_EVENT", { cardiovascular_history: ["stroke"], cardio_event_past_6_weeks: "yes" }, { cardiovascular_history: ["stroke"], cardio_event_past_6_weeks: "no" }],
  ["CARDIAC_OTHER", { cardiovascular_history: ["heart_attack"], cardio_event_past_6_weeks: "no" }, { cardiovascular_history: ["heart_attack"], cardio_event_past_6_weeks: "yes" }],
  ["CARDIAC_OTHER", { cardiovascular_history: ["arrhythmia"] }, { cardiovascular_history: ["none"] }],
  ["RAISED_ICP", { neuro_history: ["raised_intracranial_pressure"] }, { neuro_history: ["seizures"] }],
  ["NEURO_COGNITIVE", { neuro_history: ["brain_injury_ongoing"] }, { neuro_history: ["seizures"] }],
  ["SEIZURES", { neuro_history: ["seizures"] }, { neuro_history: ["none"] }],
  ["BP_SEVERE", reading(180, 100), reading(179, 109)],
  ["BP_SEVERE", reading(150, 110), reading(179, 109)],
  ["BP_ELEVATED", reading(141, 90), reading(140, 90)],
  ["BP_ELEVATED", reading(140, 91), reading(180, 110)],
  ["BP_ELEVATED", { hypertension_diagnosed: "yes", bp_controlled: "unsure" }, { hypertension_diagnosed: "yes", bp_controlled: "yes" }],
  ["BP_READING_NEEDED", { hypertension_diagnosed: "yes", bp_controlled: "yes", ...reading(130, 80, daysBefore(184)) }, { hypertension_diagnosed: "yes", bp_controlled: "yes", ...reading(130, 80, daysBefore(183)) }],
  ["BP_READING_NEEDED", { hypertension_diagnosed: "unsure" }, { hypertension_diagnosed: "no" }],
  ["MAOI_OR_STIMULANT", { other_medications: ["maoi"] }, { other_medications: ["antidepressant"] }],
  ["BENZO_DAILY", { other_medications: ["benzodiazepine"], benzodiazepine_use: "daily" }, { other_medications: ["benzodiazepine"], benzodiazepine_use: "as_needed" }],
  ["SEDATIVE_LOAD", { other_medications: ["z_drug_sleep"] }, { other_medications: ["benzodiazepine"], benzodiazepine_use: "as_needed" }],
  ["SEDATIVE_LOAD", { ...female, auditc_1: 1, auditc_2: 1, auditc_3: 1 }, { auditc_1: 1, auditc_2: 1, auditc_3: 1 }],
  ["SEDATIVE_LOAD", { auditc_1: 2, auditc_2: 1, auditc_3: 1 }, { ...female, auditc_1: 1, auditc_2: 1, auditc_3: 0 }],
  ["ALCOHOL_HIGH", { auditc_1: 4, auditc_2: 2, auditc_3: 2 }, { auditc_1: 4, auditc_2: 2, auditc_3: 1 }],
  ["MEDICAL_CLEARANCE_OTHER", { other_conditions: ["sleep_apnea"] }, { other_conditions: ["bladder_urinary"] }],
  ["BLADDER", { prior_ketamine: "medical", prior_ketamine_routes: ["iv"], prior_ketamine_response: "helpful", prior_ketamine_adverse: ["bladder_problems"] }, { other_conditions: ["glaucoma"] }],
  ["PREGNANCY", { ...female, pregnancy_status: "breastfeeding" }, { ...female, pregnancy_status: "planning" }],
  ["PREGNANCY_POSSIBLE", { ...female, pregnancy_status: "possibly_pregnant" }, female],
  ["PREGNANCY_PLANNING", { ...female, pregnancy_status: "planning" }, female],
  ["PREGNANCY_PREFER_DISCUSS", { ...female, pregnancy_status: "prefer_to_discuss" }, female],
  ["SUBSTANCE_RECENT", { drugs_past_12_months: ["dissociatives"] }, { drugs_past_12_months: ["hallucinogens"] }],
  ["SUBSTANCE_RECENT", { substance_problems: "past_3_months" }, { substance_problems: "past_resolved" }],
  ["SUBSTANCE_HISTORY", { cannabis_use: "daily" }, { cannabis_use: "weekly" }],
  ["SUBSTANCE_HISTORY", { prior_ketamine: "non_medical", prior_ketamine_adverse: ["none"] }, { cannabis_use: "daily", substance_problems: "past_3_months" }],
  ["SUBSTANCE_PREFER_DISCUSS", { drugs_past_12_months: ["prefer_to_discuss"] }, { drugs_past_12_months: ["none"] }],
  ["KETAMINE_ALLERGY", { ketamine_allergy: "yes" }, { ketamine_allergy: "unsure" }],
  ["KETAMINE_ALLERGY_UNSURE", { ketamine_allergy: "unsure" }, { ketamine_allergy: "yes" }],
  ["PRIOR_KETAMINE_ADVERSE", { prior_ketamine: "non_medical", prior_ketamine_adverse: ["severe_dissociation"] }, { prior_ketamine: "non_medical", prior_ketamine_adverse: ["other"] }],
  ["AGE_UNDER_18", { date_of_birth: "2008-11-21" }, { date_of_birth: "2008-11-20" }],
  ["AGE_65_PLUS", { date_of_birth: "1961-11-20" }, { date_of_birth: "1961-11-21" }],
  ["NO_ESCORT", { has_escort: "unsure" }, { has_escort: "yes" }],
];

describe("every rule fires where it should and not on its near miss", () => {
  it("covers every rule in the rule set", () => {
    expect(new Set(table.map(([id]) => id))).toEqual(new Set(RULES_1.map((r) => r.id)));
  });
  it.each(table)("%s", (id, fire, miss) => {
    expect(idsOf(assessValid(minimalAnswers(fire)))).toContain(id);
    expect(idsOf(assessValid(minimalAnswers(miss)))).not.toContain(id);
  });
});

describe("scores", () => {
  it("computes PHQ-9 bands at their edges", () => {
    for (const [total, band] of [[4, "none"], [5, "mild"], [9, "mild"], [10, "moderate"], [15, "moderately_severe"], [20, "severe"]] as const)
      expect(assessValid(minimalAnswers(phq(total))).scores.phq9).toMatchObject({ total, band });
  });
  it("computes GAD-7 bands, AUDIT-C with hidden items as 0, mania count without none, and BMI", () => {
    const a = assessValid(minimalAnswers({ gad7_1: 3, gad7_2: 2, height_cm: 168, weight_kg: 77.5, mania_symptoms_past_week: ["none"] }));
    expect(a.scores.gad7).toEqual({ total: 5, band: "mild" });
    expect(a.scores.auditc).toEqual({ total: 0, positive: false });
    expect(a.scores.mania_symptoms).toBe(0);
    expect(a.scores.bmi).toBe(27.5);
    expect(assessValid(minimalAnswers({ height_cm: 180, weight_kg: 80 })).scores.bmi).toBe(24.7);
  });
  it("counts ages in whole years, with 29 February birthdays on 1 March", () => {
    expect(ageOn("2000-02-29", "2026-02-28")).toBe(25);
    expect(ageOn("2000-02-29", "2026-03-01")).toBe(26);
    expect(ageOn("2000-02-29", "2028-02-29")).toBe(28);
    expect(ageOn("1985-03-14", "2026-03-13")).toBe(40);
    expect(ageOn("1985-03-14", "2026-03-14")).toBe(41);
  });
});

describe("triage, TRBD and ordering", () => {
  it("triages by the most severe consideration, and info alone means proceed", () => {
    const base = { ...bp2, ...meds("lithium"), ...phq(12) };
    expect(assessValid(minimalAnswers(base)).triage).toBe("proceed");
    expect(assessValid(minimalAnswers({ ...base, has_escort: "no" })).triage).toBe("proceed");
    expect(assessValid(minimalAnswers({ ...base, cannabis_use: "daily" })).triage).toBe("proceed_with_cautions");
    expect(assessValid(minimalAnswers({ ...base, ketamine_allergy: "unsure" })).triage).toBe("needs_clearance");
    expect(assessValid(minimalAnswers({ ...base, ketamine_allergy: "yes" })).triage).toBe("not_suitable_now");
    expect(assessValid(minimalAnswers({ ...base, ketamine_allergy: "yes", si_safe_now: "no" })).triage).toBe("urgent");
  });
  it("reports TRBD met with two distinct adequate failed recommended trials", () => {
    expect(assessValid(minimalAnswers(trials(trial("lithium"), trial("lamotrigine", 6, "yes", "partial")))).trbd).toBe("met");
    expect(assessValid(minimalAnswers(trials(trial("lithium"), trial("lithium", 20)))).trbd).toBe("not_met");
  });
  it("orders considerations most severe first, then by id", () => {
    const a = assessValid(minimalAnswers({ has_escort: "no", cannabis_use: "daily", ketamine_allergy: "yes", neuro_history: ["seizures", "dementia"] }));
    expect(a.considerations.map((c) => `${c.severity}:${c.id}`)).toEqual([
      "likely_contraindication:KETAMINE_ALLERGY",
      "likely_contraindication:NEURO_COGNITIVE",
      "needs_medical_clearance:NO_ANTIMANIC_BP1",
      "caution:SUBSTANCE_HISTORY",
      "info:LOW_CURRENT_DEPRESSION",
      "info:NO_ESCORT",
      "info:SEIZURES",
      "info:TRBD_NOT_MET",
    ]);
  });
  it("cites the answers behind a consideration", () => {
    const a = assessValid(minimalAnswers({ hypertension_diagnosed: "yes", bp_controlled: "yes", ...reading(152, 88, "2026-09-02") }));
    const bp = a.considerations.find((c) => c.id === "BP_ELEVATED")!;
    expect(bp.title).toBe("Blood pressure 152/88 on 2026-09-02 is above 140/90");
    expect(bp.evidence).toEqual([{ item: "bp_recent_systolic", answer: 152 }, { item: "bp_recent_date", answer: "2026-09-02" }]);
    expect(bp.source).toBe("SPR, SEED");
  });
});

describe("reference date in the clinic's time zone", () => {
  const options = (iso: string) => ({ receivedAt: new Date(iso), timeZone: "America/Toronto", submittedAtPolicy: "recent" as const });
  const body = (submittedAt: string) => ({ questionnaire: "ketamine-trbd-intake", version: "1", submittedAt, answers: minimalAnswers({ date_of_birth: "2008-11-21" }) });
  it("uses the Toronto calendar date near midnight UTC for ages", () => {
    const before = parseIntake(body("2026-11-21T04:59:59Z"), options("2026-11-21T04:59:59Z"));
    const after = parseIntake(body("2026-11-21T05:00:00Z"), options("2026-11-21T05:00:00Z"));
    if (!before.ok || !after.ok) throw new Error("expected valid intakes");
    expect(before.intake.referenceDate).toBe("2026-11-20");
    expect(after.intake.referenceDate).toBe("2026-11-21");
    expect(idsOf(assessValid(before.intake.answers as Record<string, unknown>, before.intake.referenceDate))).toContain("AGE_UNDER_18");
    expect(idsOf(assessValid(after.intake.answers as Record<string, unknown>, after.intake.referenceDate))).not.toContain("AGE_UNDER_18");
  });
});

describe("rule set versions", () => {
  const sha = (t: string) => createHash("sha256").update(t).digest("hex");
  it("is 1 for the default thresholds and 1-custom-<8 hex> for overrides", () => {
    expect(ruleSetsWith({}, sha)["1"].version).toBe("1");
    const version = ruleSetsWith({ bpElevatedSystolic: 150 }, sha)["1"].version;
    expect(version).toMatch(/^1-custom-[0-9a-f]{8}$/);
    expect(version).toBe(ruleSetsWith({ bpElevatedSystolic: 150 }, sha)["1"].version);
    // The hash is of the canonical JSON of the effective thresholds, as before version 2.
    const canonical = `{${Object.entries({ ...RULE_SET_1_THRESHOLDS, bpElevatedSystolic: 150 }).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `"${k}":${v}`).join(",")}}`;
    expect(version).toBe(`1-custom-${sha(canonical).slice(0, 8)}`);
  });
  it("applies overridden thresholds", () => {
    const custom = { ...ruleSetFor("1"), version: "1-custom-x", thresholds: { ...RULE_SET_1_THRESHOLDS, bpElevatedSystolic: 150 } };
    expect(idsOf(assessValid(minimalAnswers(reading(145, 80)), undefined, custom))).not.toContain("BP_ELEVATED");
    expect(idsOf(assessValid(minimalAnswers(reading(151, 80)), undefined, custom))).toContain("BP_ELEVATED");
  });
});

describe("display order for people (dashboard, PDF)", () => {
  it("lists safety considerations first within their severity", () => {
    const a = assessValid(minimalAnswers({ si_attempt_history: "more_than_3_months_ago", cannabis_use: "daily", antidepressant_switch_history: "yes" }));
    expect(idsOf(a).filter((id) => a.considerations.find((c) => c.id === id)!.severity === "caution")).toEqual(["ANTIDEPRESSANT_SWITCH", "SAFETY_PAST_ATTEMPT", "SUBSTANCE_HISTORY"]);
    expect(forDisplay(a.considerations).filter((c) => c.severity === "caution").map((c) => c.id)).toEqual(["SAFETY_PAST_ATTEMPT", "ANTIDEPRESSANT_SWITCH", "SUBSTANCE_HISTORY"]);
  });
});

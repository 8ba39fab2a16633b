import { describe, expect, it } from "vitest";
import { fullAnswers, minimalAnswers } from "../fixtures/intakes";
import { assessValid, meds, phq } from "../support/assess-answers";


// Whole realistic intakes with the triage, TRBD status and ordered considerations a clinician would expect.
const vignettes: [string, Record<string, unknown>, string, string, string[]][] = [
  ["bipolar II on lamotrigine with raised blood pressure", fullAnswers(), "needs_clearance", "not_met",
    ["BP_ELEVATED", "HISTORY_UNSURE", "LAMOTRIGINE", "TRBD_NOT_MET"]],
  ["the same person reporting a plan and frequent thoughts of death", fullAnswers({ phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "no", si_plan: "yes" }), "urgent", "not_met",
    ["SAFETY_ACTIVE_RISK", "BP_ELEVATED", "HISTORY_UNSURE", "LAMOTRIGINE", "TRBD_NOT_MET"]],
  ["bipolar II on lithium, two failed adequate trials", minimalAnswers({ bipolar_type: "bipolar_2", ...meds("lithium"), ...phq(14), had_past_treatments: "yes", past_treatment_trials: [
    { treatment: "lithium", weeks: 12, adequate_dose: "yes", outcome: "no_benefit" }, { treatment: "quetiapine", weeks: 8, adequate_dose: "yes", outcome: "partial" }] }), "proceed", "met", []],
  ["bipolar I on lithium with current elevated mood", minimalAnswers({ ...meds("lithium"), ...phq(6), mania_last_12_months: "yes",
    mania_symptoms_past_week: ["elevated_mood", "less_need_for_sleep", "racing_thoughts", "pressured_speech"] }), "not_suitable_now", "not_met",
    ["MANIA_CURRENT", "RECENT_MANIA", "TRBD_NOT_MET"]],
  ["pregnant, 68, bipolar I without medication", minimalAnswers({ sex_at_birth: "female", pregnancy_status: "pregnant", date_of_birth: "1958-05-01" }), "not_suitable_now", "not_met",
    ["PREGNANCY", "NO_ANTIMANIC_BP1", "AGE_65_PLUS", "LOW_CURRENT_DEPRESSION", "TRBD_NOT_MET"]],
  ["heavy drinking, daily cannabis and stimulants", minimalAnswers({ bipolar_type: "bipolar_2", ...phq(12), cannabis_use: "daily", drugs_past_12_months: ["stimulants"], auditc_1: 4, auditc_2: 2, auditc_3: 2 }),
    "needs_clearance", "not_met", ["ALCOHOL_HIGH", "SEDATIVE_LOAD", "SUBSTANCE_HISTORY", "NO_MOOD_STABILIZER", "TRBD_NOT_MET"]],
  ["past heart attack, arrhythmia, uncontrolled blood pressure, sleep apnea", minimalAnswers({ ...meds("quetiapine"), ...phq(15), cardiovascular_history: ["heart_attack", "arrhythmia"], cardio_event_past_6_weeks: "no",
    hypertension_diagnosed: "yes", bp_controlled: "no", other_conditions: ["sleep_apnea"] }), "needs_clearance", "not_met",
    ["BP_ELEVATED", "CARDIAC_OTHER", "MEDICAL_CLEARANCE_OTHER", "BP_READING_NEEDED", "TRBD_NOT_MET"]],
  ["medical and non-medical ketamine with side effects, no escort", minimalAnswers({ ...meds("lithium"), ...phq(18), prior_ketamine: "both", prior_ketamine_routes: ["iv"], prior_ketamine_response: "helpful",
    prior_ketamine_adverse: ["high_blood_pressure", "bladder_problems"], drugs_past_12_months: ["dissociatives"], has_escort: "no" }), "not_suitable_now", "not_met",
    ["SUBSTANCE_RECENT", "BLADDER", "PRIOR_KETAMINE_ADVERSE", "NO_ESCORT", "TRBD_NOT_MET"]],
  ["17, not formally diagnosed, prefers to discuss suicidal thoughts", minimalAnswers({ date_of_birth: "2009-01-10", bipolar_type: "unsure", diagnosed_by: "not_formally_diagnosed", ...phq(20),
    si_thoughts_past_month: "prefer_to_discuss", si_intent: "no", si_plan: "no" }), "not_suitable_now", "not_met",
    ["AGE_UNDER_18", "DIAGNOSIS_UNCONFIRMED", "SAFETY_PREFER_DISCUSS", "NO_MOOD_STABILIZER", "TRBD_NOT_MET"]],
  ["mixed features with passive ideation and past psychosis", minimalAnswers({ ...meds("lithium"), ...phq(14), phq9_9: 1, si_intent: "no", si_plan: "no", mania_symptoms_past_week: ["racing_thoughts", "irritability"],
    antidepressant_switch_history: "yes", psychosis_history: "past_only" }), "proceed_with_cautions", "not_met",
    ["ANTIDEPRESSANT_SWITCH", "MIXED_FEATURES", "PSYCHOSIS_PAST", "SAFETY_IDEATION", "TRBD_NOT_MET"]],
  ["severe blood pressure, seizures, unsure about ketamine allergy", fullAnswers({ bp_recent_systolic: 182, bp_recent_diastolic: 104, bp_recent_date: "2026-11-10", neuro_history: ["seizures"], ketamine_allergy: "unsure" }),
    "not_suitable_now", "not_met", ["BP_SEVERE", "KETAMINE_ALLERGY_UNSURE", "HISTORY_UNSURE", "LAMOTRIGINE", "SEIZURES", "TRBD_NOT_MET"]],
];

describe("golden vignettes", () => {
  it.each(vignettes)("%s", (_name, answers, triage, trbd, ids) => {
    const a = assessValid(answers);
    expect({ triage: a.triage, trbd: a.trbd, ids: a.considerations.map((c) => c.id) }).toEqual({ triage, trbd, ids });
  });
});

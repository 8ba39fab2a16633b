import { describe, expect, it } from "vitest";
import { COURSE_RULE_IDS, COURSE_RULE_SET_1, courseFlags, courseRuleSetWith } from "@/lib/course";
import { calmAnswers, calmSession, checkinFlagsOf, checkinIds, phq, sessionFlagsOf, sessionIds } from "../support/course-cases";

/** Every flag of course rule set course-1 (treatment-course.md, "Flags"): where it fires, its near miss, its boundaries. */

const mania = (...symptoms: string[]) => ({ mania_symptoms_past_week: symptoms });
const FOLLOW_UPS = { si_intent: "no", si_plan: "no" };
const bp = (systolic: number, diastolic: number) => ({ home_bp_systolic: systolic, home_bp_diastolic: diastolic, home_bp_date: "2026-10-04" });
const pre = (s: number, d: number) => ({ bp_pre_systolic: s, bp_pre_diastolic: d });

// [flag, check-in where it fires, near miss where it does not, previous check-in?]
const checkinTable: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ["CHECKIN_ACTIVE_RISK", { si_thoughts_since_last: "yes", si_intent: "yes", si_plan: "no" }, { si_thoughts_since_last: "yes", ...FOLLOW_UPS }],
  ["CHECKIN_ACTIVE_RISK", { si_thoughts_since_last: "yes", si_intent: "unsure", si_plan: "no" }, { si_thoughts_since_last: "no" }],
  ["CHECKIN_ACTIVE_RISK", { si_thoughts_since_last: "yes", si_intent: "no", si_plan: "yes" }, { si_thoughts_since_last: "yes", ...FOLLOW_UPS }],
  ["CHECKIN_ACTIVE_RISK", { si_safe_now: "no" }, { si_safe_now: "yes" }],
  ["CHECKIN_ACTIVE_RISK", { si_safe_now: "unsure" }, {}],
  ["CHECKIN_ACTIVE_RISK", { ...phq(8, 2), ...FOLLOW_UPS }, { ...phq(8, 1), ...FOLLOW_UPS }],
  ["CHECKIN_ACTIVE_RISK", { si_attempt_since_last: "yes" }, { si_attempt_since_last: "prefer_to_discuss" }],
  ["CHECKIN_IDEATION", { si_thoughts_since_last: "yes", ...FOLLOW_UPS }, { si_thoughts_since_last: "prefer_to_discuss", ...FOLLOW_UPS }],
  ["CHECKIN_IDEATION", { ...phq(8, 1), ...FOLLOW_UPS }, { ...phq(8, 0) }],
  ["CHECKIN_PREFER_DISCUSS", { si_thoughts_since_last: "prefer_to_discuss", ...FOLLOW_UPS }, { si_thoughts_since_last: "yes", ...FOLLOW_UPS }],
  ["CHECKIN_PREFER_DISCUSS", { si_attempt_since_last: "prefer_to_discuss" }, { si_attempt_since_last: "yes" }],
  ["CHECKIN_PREFER_DISCUSS", { self_harm_since_last: "prefer_to_discuss" }, { self_harm_since_last: "yes" }],
  ["CHECKIN_SELF_HARM", { self_harm_since_last: "yes" }, { self_harm_since_last: "prefer_to_discuss" }],
  ["SWITCH_SIGNS", mania("elevated_mood", "racing_thoughts", "pressured_speech", "grandiosity"), mania("elevated_mood", "racing_thoughts", "pressured_speech")],
  ["SWITCH_SIGNS", mania("irritability", "racing_thoughts", "pressured_speech", "distractibility", "increased_activity"), mania("irritability", "racing_thoughts", "pressured_speech", "distractibility")],
  ["SWITCH_SIGNS", mania("elevated_mood", "irritability", "racing_thoughts", "pressured_speech", "grandiosity"), mania("elevated_mood", "irritability", "racing_thoughts", "pressured_speech")],
  ["ELEVATION_RISING", mania("racing_thoughts", "pressured_speech", "grandiosity"), mania("racing_thoughts", "pressured_speech", "distractibility", "irritability")],
  ["URINARY_SYMPTOMS", { side_effects: ["urinary_pain_or_urgency"] }, { side_effects: ["headache", "nausea"] }],
  ["URINARY_SYMPTOMS", { side_effects: ["blood_in_urine", "headache"] }, { side_effects: ["none"] }],
  ["CRAVING_OR_MISUSE", { side_effects: ["craving_or_use_outside_treatment"] }, { side_effects: ["dissociation_next_day"] }],
  ["LINGERING_DISSOCIATION", { side_effects: ["dissociation_next_day"] }, { side_effects: ["memory_or_concentration_worse"] }],
  ["COGNITIVE_COMPLAINT", { side_effects: ["memory_or_concentration_worse"] }, { side_effects: ["dissociation_next_day"] }],
  ["HOME_BP_SEVERE", bp(180, 100), bp(179, 109)],
  ["HOME_BP_SEVERE", bp(170, 110), bp(179, 109)],
  ["HOME_BP_ELEVATED", bp(141, 80), bp(140, 90)],
  ["HOME_BP_ELEVATED", bp(130, 91), bp(140, 90)],
  ["HOME_BP_ELEVATED", bp(179, 109), bp(180, 80)],
  ["WORSENING", phq(23), phq(22)],
];

const sessionTable: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ["PRE_DOSE_BP_SEVERE", pre(180, 100), pre(179, 109)],
  ["PRE_DOSE_BP_SEVERE", pre(150, 110), pre(179, 109)],
  ["PRE_DOSE_BP_ELEVATED", pre(141, 80), pre(140, 90)],
  ["PRE_DOSE_BP_ELEVATED", pre(130, 91), pre(140, 90)],
  ["PRE_DOSE_BP_ELEVATED", pre(179, 109), pre(180, 109)],
  ["BP_RISE", { bp_40min_systolic: 180, bp_40min_diastolic: 90 }, { bp_40min_systolic: 167, bp_40min_diastolic: 109 }],
  ["BP_RISE", { bp_40min_systolic: 150, bp_40min_diastolic: 110 }, { bp_40min_systolic: 167, bp_40min_diastolic: 109 }],
  ["BP_RISE", { bp_discharge_systolic: 180, bp_discharge_diastolic: 90 }, { bp_discharge_systolic: 167, bp_discharge_diastolic: 109 }],
  ["BP_RISE", { bp_discharge_systolic: 150, bp_discharge_diastolic: 110 }, {}],
  // +40 systolic over pre-dose (128): 168 fires, 167 does not; diastolic rises do not count.
  ["BP_RISE", { bp_40min_systolic: 168, bp_40min_diastolic: 90 }, { bp_40min_systolic: 167, bp_40min_diastolic: 105 }],
  ["BP_RISE", { bp_discharge_systolic: 168, bp_discharge_diastolic: 90 }, { bp_discharge_systolic: 167, bp_discharge_diastolic: 109 }],
  ["SPO2_LOW", { spo2_lowest: 91 }, { spo2_lowest: 92 }],
  ["SEVERE_DISSOCIATION_OR_SEDATION", { dissociation: "severe" }, { dissociation: "moderate" }],
  ["SEVERE_DISSOCIATION_OR_SEDATION", { sedation: "severe" }, { sedation: "moderate" }],
  ["ELEVATED_MOOD_AT_SESSION", { adverse_events: ["elevated_mood_signs"] }, { adverse_events: ["anxiety_agitation"] }],
  ["NO_ESCORT_AT_DISCHARGE", { discharged_with_escort: false }, { discharged_with_escort: true }],
  ["RESPIRATORY_DEPRESSION", { adverse_events: ["respiratory_depression", "headache"] }, { adverse_events: ["nausea_vomiting"] }],
  ["HEMODYNAMIC_EVENT", { adverse_events: ["hypotension"] }, { adverse_events: ["other"] }],
  ["HEMODYNAMIC_EVENT", { adverse_events: ["hypertension_treated"] }, { adverse_events: ["none"] }],
  ["DOSE_ABOVE_CEILING", { dose_mg: 70.5, weight_kg: 70 }, { dose_mg: 70, weight_kg: 70 }],
  ["DOSE_ABOVE_CEILING", { route: "im", dose_mg: 71, weight_kg: 70 }, { route: "intranasal_esketamine", dose_mg: 84, weight_kg: 70 }],
  ["DOSE_ABOVE_CEILING", { dose_mg: 70.1, weight_kg: 70 }, { route: "other", dose_mg: 200, weight_kg: 70 }],
];

describe("course-1 flags: each fires where it should and not on its near miss", () => {
  it("covers every flag of the rule set", () => {
    expect(new Set([...checkinTable, ...sessionTable].map(([id]) => id).concat("NO_RESPONSE_AFTER_ACUTE"))).toEqual(new Set(COURSE_RULE_IDS));
  });
  it.each(checkinTable)("check-in %s", (id, fire, miss) => {
    expect(checkinIds(calmAnswers(fire))).toContain(id);
    expect(checkinIds(calmAnswers(miss))).not.toContain(id);
  });
  it.each(sessionTable)("session %s", (id, fire, miss) => {
    expect(sessionIds(calmSession(fire))).toContain(id);
    expect(sessionIds(calmSession(miss))).not.toContain(id);
  });
  it("a calm check-in and a calm session raise nothing", () => {
    expect(checkinIds(calmAnswers())).toEqual([]);
    expect(sessionIds(calmSession())).toEqual([]);
  });
});

describe("readings fixed by the spec", () => {
  it("CHECKIN_IDEATION does not fire beside CHECKIN_ACTIVE_RISK; CHECKIN_PREFER_DISCUSS does", () => {
    const ids = checkinIds(calmAnswers({ si_thoughts_since_last: "yes", si_intent: "yes", si_plan: "yes", self_harm_since_last: "prefer_to_discuss" }));
    expect(ids).toEqual(["CHECKIN_ACTIVE_RISK", "CHECKIN_PREFER_DISCUSS"]);
  });
  it("the active-risk title names the answers that fired it, and only those", () => {
    const [flag] = checkinFlagsOf(calmAnswers({ si_safe_now: "unsure", si_attempt_since_last: "yes" }));
    expect(flag!.title).toBe("Active suicide risk reported at check-in (unsure whether they feel safe right now; a suicide attempt since the last session) — contact the client today");
    expect(flag!.evidence).toEqual([{ item: "si_thoughts_since_last", answer: "no" }, { item: "si_safe_now", answer: "unsure" }, { item: "si_attempt_since_last", answer: "yes" }]);
  });
  it("ELEVATION_RISING: a rise of 2 since the previous check-in fires, a rise of 1 does not; the first check-in only by ≥ 3 non-overlapping", () => {
    const previous = calmAnswers(mania("distractibility"));
    expect(checkinIds(calmAnswers(mania("distractibility", "irritability", "racing_thoughts")), { previous })).toContain("ELEVATION_RISING");
    expect(checkinIds(calmAnswers(mania("distractibility", "irritability")), { previous })).not.toContain("ELEVATION_RISING");
    // The same two symptoms with no previous check-in: no rise to measure, and only 1 non-overlapping.
    expect(checkinIds(calmAnswers(mania("distractibility", "irritability", "racing_thoughts")))).not.toContain("ELEVATION_RISING");
    // From none (count 0) to two: a rise of 2.
    expect(checkinIds(calmAnswers(mania("distractibility", "irritability")), { previous: calmAnswers() })).toContain("ELEVATION_RISING");
    const [flag] = checkinFlagsOf(calmAnswers(mania("distractibility", "irritability", "racing_thoughts")), { previous });
    expect(flag!.title).toBe("Mood-elevation symptoms present or rising (3 this week, 1 at the previous check-in)");
    expect(flag!.evidence).toEqual([
      { item: "mania_symptoms_past_week", answer: ["distractibility", "irritability", "racing_thoughts"] },
      { item: "previous_checkin.mania_symptoms_past_week", answer: ["distractibility"] },
    ]);
  });
  it("ELEVATION_RISING does not fire beside SWITCH_SIGNS", () => {
    const ids = checkinIds(calmAnswers(mania("elevated_mood", "racing_thoughts", "pressured_speech", "grandiosity")), { previous: calmAnswers() });
    expect(ids).toContain("SWITCH_SIGNS");
    expect(ids).not.toContain("ELEVATION_RISING");
  });
  it("WORSENING compares the PHQ-9 total with baselinePhq9: baseline + 5 fires, + 4 does not", () => {
    expect(checkinIds(calmAnswers(phq(15)), { baseline: 10 })).toContain("WORSENING");
    expect(checkinIds(calmAnswers(phq(14)), { baseline: 10 })).not.toContain("WORSENING");
    const flag = checkinFlagsOf(calmAnswers(phq(15)), { baseline: 10 }).find((f) => f.id === "WORSENING")!;
    expect(flag.title).toBe("PHQ-9 15, 5 above the baseline of 10 (5 or more)");
    expect(flag.evidence.at(-1)).toEqual({ item: "baselinePhq9", answer: 10 });
  });
  it("HOME_BP_ELEVATED does not fire beside HOME_BP_SEVERE; the title cites the reading", () => {
    const flags = checkinFlagsOf(calmAnswers(bp(182, 104)));
    expect(flags.map((f) => f.id)).toEqual(["HOME_BP_SEVERE"]);
    expect(flags[0]!.title).toBe("Home blood pressure 182/104 on 2026-10-04 is at or above 180/110");
    expect(flags[0]!.evidence.map((e) => e.item)).toEqual(["home_bp_systolic", "home_bp_diastolic", "home_bp_date"]);
  });
  it("BP_RISE fires beside PRE_DOSE_* without suppressing them", () => {
    expect(sessionIds(calmSession({ ...pre(182, 104), bp_discharge_systolic: 185, bp_discharge_diastolic: 100 }))).toEqual(["PRE_DOSE_BP_SEVERE", "BP_RISE"]);
    expect(sessionIds(calmSession({ ...pre(145, 85), bp_40min_systolic: 186, bp_40min_diastolic: 100 }))).toEqual(["BP_RISE", "PRE_DOSE_BP_ELEVATED"]);
  });
  it("PRE_DOSE_BP_SEVERE cites the pre-dose pair (the journey's 182/104)", () => {
    const [flag] = sessionFlagsOf(calmSession(pre(182, 104)));
    expect(flag).toEqual({
      id: "PRE_DOSE_BP_SEVERE",
      severity: "likely_contraindication",
      source: "SPR, SEED",
      title: "Pre-dose blood pressure 182/104 at or above 180/110 — review before the next session",
      evidence: [{ item: "bp_pre_systolic", answer: 182 }, { item: "bp_pre_diastolic", answer: 104 }],
    });
  });
  it("BP_RISE by +40 systolic cites the readings compared", () => {
    const [flag] = sessionFlagsOf(calmSession({ bp_40min_systolic: 168, bp_40min_diastolic: 90 }));
    expect(flag!.evidence).toEqual([{ item: "bp_pre_systolic", answer: 128 }, { item: "bp_40min_systolic", answer: 168 }]);
  });
  it("DOSE_ABOVE_CEILING uses the exact ratio: exactly 1.0 does not fire, just above does, shown with the decimals that tell them apart", () => {
    expect(sessionIds(calmSession({ dose_mg: 85, weight_kg: 85 }))).not.toContain("DOSE_ABOVE_CEILING");
    const flag = sessionFlagsOf(calmSession({ dose_mg: 70.1, weight_kg: 70 })).find((f) => f.id === "DOSE_ABOVE_CEILING")!;
    // 70.1 / 70 = 1.00142…: the page's 2-decimal figure would read 1.00.
    expect(flag.title).toBe("IV dose 70.1 mg for 70 kg = 1.001 mg/kg, above 1 mg/kg");
    expect(flag.evidence).toEqual([{ item: "route", answer: "iv" }, { item: "weight_kg", answer: 70 }, { item: "dose_mg", answer: 70.1 }]);
  });
  it("SPO2_LOW: 91 fires, 92 does not, absent does not", () => {
    expect(sessionIds(calmSession({ spo2_lowest: 91 }))).toEqual(["SPO2_LOW"]);
    expect(sessionIds(calmSession({ spo2_lowest: 92 }))).toEqual([]);
  });
  it("orders flags most severe first, then id", () => {
    const ids = sessionIds(calmSession({ ...pre(182, 104), adverse_events: ["respiratory_depression", "hypotension"], discharged_with_escort: false, sedation: "severe" }));
    expect(ids).toEqual(["PRE_DOSE_BP_SEVERE", "RESPIRATORY_DEPRESSION", "HEMODYNAMIC_EVENT", "NO_ESCORT_AT_DISCHARGE", "SEVERE_DISSOCIATION_OR_SEDATION"]);
  });
});

describe("NO_RESPONSE_AFTER_ACUTE", () => {
  const facts = (over: Partial<Parameters<typeof courseFlags>[0]> = {}) => ({ baselinePhq9: 20, plannedAcuteSessions: 6, sessionsRecorded: 6, checkinsRecorded: 3, latestPhq9: 16, ...over });
  const fires = (over: Partial<Parameters<typeof courseFlags>[0]> = {}) => courseFlags(facts(over), COURSE_RULE_SET_1).some((f) => f.id === "NO_RESPONSE_AFTER_ACUTE");
  it("fires when 4 × latest > 3 × baseline, not at equality", () => {
    expect(fires({ latestPhq9: 16 })).toBe(true); // 64 > 60
    expect(fires({ latestPhq9: 15 })).toBe(false); // 60 = 60: exactly 25% below
    expect(fires({ baselinePhq9: 11, latestPhq9: 9 })).toBe(true); // 36 > 33
    expect(fires({ baselinePhq9: 12, latestPhq9: 9 })).toBe(false); // 36 = 36
  });
  it("needs the planned sessions recorded, a baseline of 10 or more and a check-in", () => {
    expect(fires({ sessionsRecorded: 5 })).toBe(false);
    expect(fires({ sessionsRecorded: 9 })).toBe(true);
    expect(fires({ plannedAcuteSessions: 4, sessionsRecorded: 4 })).toBe(true);
    expect(fires({ baselinePhq9: 9, latestPhq9: 9 })).toBe(false);
    expect(fires({ baselinePhq9: 10, latestPhq9: 8 })).toBe(true);
    expect(fires({ checkinsRecorded: 0, latestPhq9: null })).toBe(false);
  });
  it("says what to discuss and cites the numbers", () => {
    const [flag] = courseFlags(facts(), COURSE_RULE_SET_1);
    expect(flag).toEqual({
      id: "NO_RESPONSE_AFTER_ACUTE",
      severity: "info",
      source: null,
      title: "No response after 6 sessions (PHQ-9 16, baseline 20) — discuss whether to continue",
      evidence: [
        { item: "baselinePhq9", answer: 20 },
        { item: "plannedAcuteSessions", answer: 6 },
        { item: "sessionsRecorded", answer: 6 },
        { item: "checkinsRecorded", answer: 3 },
        { item: "latestPhq9", answer: 16 },
      ],
    });
  });
});

describe("thresholds are named and overridable", () => {
  const sha = (text: string) => `${text.length.toString(16).padStart(8, "0")}ffff`;
  it("the defaults are version course-1; an override becomes course-1-custom-<8 hex of the hash of the canonical JSON>", () => {
    expect(courseRuleSetWith({}, sha).version).toBe("course-1");
    expect(courseRuleSetWith({ doseCeilingMgPerKg: 1 }, sha).version).toBe("course-1");
    const custom = courseRuleSetWith({ doseCeilingMgPerKg: 1.2 }, (text) => {
      expect(text.startsWith('{"bpElevatedDiastolic":90,"bpElevatedSystolic":140,')).toBe(true);
      expect(text).toContain('"doseCeilingMgPerKg":1.2');
      return "0123456789abcdef";
    });
    expect(custom.version).toBe("course-1-custom-01234567");
  });
  it("an overridden threshold moves the boundary", () => {
    const ruleSet = courseRuleSetWith({ doseCeilingMgPerKg: 0.5, spo2Low: 90, bpRiseSystolic: 30, worseningPhq9Rise: 3, elevationRise: 1, bpSevereSystolic: 170 }, sha);
    expect(sessionIds(calmSession({ dose_mg: 36 }), ruleSet)).toContain("DOSE_ABOVE_CEILING");
    expect(sessionIds(calmSession({ spo2_lowest: 91 }), ruleSet)).not.toContain("SPO2_LOW");
    expect(sessionIds(calmSession({ bp_40min_systolic: 158, bp_40min_diastolic: 90 }), ruleSet)).toContain("BP_RISE");
    expect(sessionIds(calmSession(pre(170, 90)), ruleSet)).toContain("PRE_DOSE_BP_SEVERE");
    expect(checkinIds(calmAnswers(phq(21)), { ruleSet })).toContain("WORSENING");
    expect(checkinIds(calmAnswers(mania("distractibility")), { previous: calmAnswers(), ruleSet })).toContain("ELEVATION_RISING");
  });
});

import { describe, expect, it } from "vitest";
import { questionnaireFor, validateAnswers } from "@/lib/questionnaire";
import { CHECKIN, CHECKIN_CRISIS_TRIGGER_ITEMS, CHECKIN_ITEMS, isCheckinCrisisTriggered, PHQ9_STEM, validateCheckinAnswers } from "@/lib/course";
import type { ItemDef } from "@/lib/questionnaire/types";
import { minimalAnswersV2 } from "../fixtures/intakes";
import { calmAnswers, CHECKIN_DATE } from "../support/course-cases";

/** The check-in (treatment-course.md, "Check-in"): the intake's items by reference, the new ones, validation and the crisis panel. */

const intake = new Map((questionnaireFor("2").sections as readonly { items: readonly ItemDef[] }[]).flatMap((s) => s.items).map((i) => [i.id, i]));
const item = (id: string) => CHECKIN_ITEMS.find((i) => i.id === id) as ItemDef;
const check = (raw: Record<string, unknown>) => validateCheckinAnswers(raw, { referenceDate: CHECKIN_DATE });

describe("check-in definition", () => {
  it("asks the spec's items, in the spec's order", () => {
    expect(CHECKIN_ITEMS.map((i) => i.id)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}`),
      "mania_symptoms_past_week", "si_thoughts_since_last", "si_intent", "si_plan", "si_safe_now", "si_attempt_since_last", "self_harm_since_last",
      "side_effects", "home_bp_systolic", "home_bp_diastolic", "home_bp_date", "global_change", "message_for_clinic",
    ]);
  });
  it("takes the PHQ-9, mania checklist and suicide follow-ups from intake version 2, wording and all", () => {
    for (const id of ["phq9_1", "phq9_5", "phq9_9", "mania_symptoms_past_week", "si_safe_now"]) expect(item(id)).toBe(intake.get(id));
    for (const id of ["si_intent", "si_plan"]) expect({ ...item(id), shownIf: undefined }).toEqual({ ...intake.get(id), shownIf: undefined });
    expect(item("si_safe_now").label).toBe("Right now, do you feel safe from acting on thoughts of suicide?");
    expect(CHECKIN.sections[0].intro).toBe(PHQ9_STEM);
  });
  it("the home BP trio is the intake's BP trio under new ids", () => {
    expect({ ...item("home_bp_systolic"), id: "bp_recent_systolic" }).toEqual(intake.get("bp_recent_systolic"));
    expect({ ...item("home_bp_date"), id: "bp_recent_date" }).toEqual(intake.get("bp_recent_date"));
  });
  it("the new items have the spec's options", () => {
    const options = (id: string) => (item(id) as unknown as { options: { value: string }[] }).options.map((o) => o.value);
    for (const id of ["si_thoughts_since_last", "si_attempt_since_last", "self_harm_since_last"]) expect(options(id).sort()).toEqual(["no", "prefer_to_discuss", "yes"]);
    expect(options("side_effects")).toEqual(["urinary_pain_or_urgency", "blood_in_urine", "dissociation_next_day", "memory_or_concentration_worse", "craving_or_use_outside_treatment", "headache", "nausea", "none"]);
    expect(options("global_change")).toEqual(["very_much_better", "much_better", "a_little_better", "no_change", "a_little_worse", "much_worse", "very_much_worse"]);
  });
});

describe("check-in validation", () => {
  it("accepts a calm check-in", () => {
    expect(check(calmAnswers())).toMatchObject({ errors: [], warnings: [] });
  });
  it("reads exactly as the intake's errors for the shared items", () => {
    const bad = { phq9_4: 7, mania_symptoms_past_week: ["none", "grandiosity"], si_safe_now: "maybe" };
    const ours = check(calmAnswers(bad)).errors;
    const theirs = validateAnswers(minimalAnswersV2(bad), { referenceDate: CHECKIN_DATE }, "2").errors;
    for (const id of Object.keys(bad)) expect(ours.find((e) => e.item === id)).toEqual(theirs.find((e) => e.item === id));
    expect(ours.map((e) => e.item)).toEqual(["phq9_4", "mania_symptoms_past_week", "si_safe_now"]);
  });
  it("asks the suicide follow-ups when thoughts are reported or item 9 ≥ 1, and drops them with a warning otherwise", () => {
    expect(check(calmAnswers({ si_thoughts_since_last: "yes" })).errors.map((e) => e.item)).toEqual(["si_intent", "si_plan"]);
    expect(check(calmAnswers({ si_thoughts_since_last: "prefer_to_discuss" })).errors.map((e) => e.item)).toEqual(["si_intent", "si_plan"]);
    expect(check(calmAnswers({ phq9_9: 1 })).errors.map((e) => e.item)).toEqual(["si_intent", "si_plan"]);
    const hidden = check(calmAnswers({ si_intent: "yes", si_plan: "no" }));
    expect(hidden.errors).toEqual([]);
    expect(hidden.warnings).toEqual([{ item: "si_intent", message: "hidden by branching, ignored" }, { item: "si_plan", message: "hidden by branching, ignored" }]);
    expect(hidden.answers.si_intent).toBeUndefined();
  });
  it("requires every starred item", () => {
    const { errors } = check({});
    expect(errors.map((e) => e.item)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}`),
      "mania_symptoms_past_week", "si_thoughts_since_last", "si_safe_now", "si_attempt_since_last", "self_harm_since_last", "side_effects", "global_change",
    ]);
  });
  it("`none` is exclusive in side_effects; message_for_clinic is at most 2000 characters", () => {
    expect(check(calmAnswers({ side_effects: ["none", "headache"] })).errors).toEqual([{ item: "side_effects", message: '"None of these" cannot be combined with other options' }]);
    expect(check(calmAnswers({ message_for_clinic: "x".repeat(2001) })).errors).toEqual([{ item: "message_for_clinic", message: "Use 2000 characters or fewer" }]);
    expect(check(calmAnswers({ message_for_clinic: "x".repeat(2000) })).errors).toEqual([]);
  });
  it("the home BP trio follows the intake's cross-item rules, with the intake's messages", () => {
    const bp = (over: Record<string, unknown>) => check(calmAnswers(over)).errors;
    expect(bp({ home_bp_systolic: 130, home_bp_diastolic: 85, home_bp_date: "2026-10-04" })).toEqual([]);
    expect(bp({ home_bp_systolic: 130 })).toEqual([
      { item: "home_bp_diastolic", message: "Enter the bottom number too, or leave both numbers empty" },
      { item: "home_bp_date", message: "Enter the date of the reading" },
    ]);
    expect(bp({ home_bp_systolic: 80, home_bp_diastolic: 80, home_bp_date: "2026-10-04" })).toEqual([
      { item: "home_bp_systolic", message: "The top number (systolic) must be higher than the bottom number (diastolic)" },
    ]);
    expect(bp({ home_bp_systolic: 130, home_bp_diastolic: 85, home_bp_date: "2026-10-06" })).toEqual([{ item: "home_bp_date", message: "Enter a date that is not in the future" }]);
    expect(bp({ home_bp_systolic: 261, home_bp_diastolic: 85, home_bp_date: "2026-10-04" })).toEqual([{ item: "home_bp_systolic", message: "Enter a number between 60 and 260 mmHg" }]);
  });
  it("names unknown items, including intake items the check-in does not ask", () => {
    expect(check(calmAnswers({ si_thoughts_past_month: "no", extra: 1 })).errors).toEqual([
      { item: "si_thoughts_past_month", message: "Unknown item; it is not part of the check-in" },
      { item: "extra", message: "Unknown item; it is not part of the check-in" },
    ]);
  });
});

describe("check-in crisis panel", () => {
  it.each([
    [{ phq9_9: 1 }, true],
    [{ si_thoughts_since_last: "yes" }, true],
    [{ si_thoughts_since_last: "prefer_to_discuss" }, true],
    [{ si_intent: "unsure" }, true],
    [{ si_plan: "yes" }, true],
    [{ si_safe_now: "no" }, true],
    [{ si_safe_now: "unsure" }, true],
    [{ si_attempt_since_last: "yes" }, true],
    [{ self_harm_since_last: "yes" }, true],
    [{ si_attempt_since_last: "prefer_to_discuss" }, false],
    [{ self_harm_since_last: "prefer_to_discuss" }, false],
    [{ side_effects: ["craving_or_use_outside_treatment"] }, false],
    [{}, false],
  ])("%o → %s", (over, shown) => {
    expect(isCheckinCrisisTriggered(calmAnswers(over))).toBe(shown);
  });
  it("watches only items the check-in asks", () => {
    expect([...CHECKIN_CRISIS_TRIGGER_ITEMS].sort()).toEqual(["phq9_9", "self_harm_since_last", "si_attempt_since_last", "si_intent", "si_plan", "si_safe_now", "si_thoughts_since_last"]);
  });
});

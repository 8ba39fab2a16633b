import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { questionnaire, sectionById, withoutHiddenAnswers, type SectionDef } from "@/lib/questionnaire";
import { isCrisisTriggered } from "@/lib/intake-wizard/crisis-trigger";
import { parseStep, toFormValues } from "@/lib/intake-wizard/form-values";
import { cmToFeetInches, feetInchesToCm, kgToPounds, poundsToKg } from "@/lib/intake-wizard/units";
import { furthestStep, pathAfterSection } from "@/lib/intake-wizard/steps";
import { fullAnswersV2 } from "../fixtures/intakes";

const ctx = { referenceDate: "2026-11-20" };
const section = (id: string) => sectionById(id)!;
const sectionAnswers = (s: SectionDef, answers: Record<string, unknown>) =>
  Object.fromEntries(s.items.filter((i) => answers[i.id] !== undefined).map((i) => [i.id, answers[i.id]]));

describe("form values ↔ answers", () => {
  it.each(questionnaire.sections.map((s) => s.id))("the %s step shows stored answers and reads them back unchanged", (id) => {
    const answers = fullAnswersV2();
    const s = section(id);
    const result = parseStep(s, toFormValues(s, answers), answers, ctx);
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual(sectionAnswers(s, answers));
  });

  it("converts feet and inches to centimetres and pounds to kilograms, rounded to one decimal", () => {
    const values = { ...toFormValues(section("health"), fullAnswersV2()), height_unit: "ftin", height_ft: "5", height_in: "7", weight_unit: "lb", weight_lb: "154" };
    const result = parseStep(section("health"), values, fullAnswersV2(), ctx);
    expect(result.errors).toEqual([]);
    expect(result.answers).toMatchObject({ height_cm: 170.2, weight_kg: 69.9 });
    expect(result.units).toEqual({ height: "ftin", weight: "lb" });
  });

  it("says what is wrong with an imperial entry in the units the person used", () => {
    const base = toFormValues(section("health"), fullAnswersV2());
    const tooShort = parseStep(section("health"), { ...base, height_unit: "ftin", height_ft: "3", height_in: "0" }, fullAnswersV2(), ctx);
    expect(tooShort.errors).toEqual([{ field: "height_ft", message: "Enter a height between 3 ft 4 in and 8 ft 2 in", question: "Height" }]);
    const tooHeavy = parseStep(section("health"), { ...base, weight_unit: "lb", weight_lb: "800" }, fullAnswersV2(), ctx);
    expect(tooHeavy.errors).toMatchObject([{ field: "weight_lb", message: "Enter a weight between 67 and 771 lb" }]);
    const words = parseStep(section("health"), { ...base, weight_unit: "lb", weight_lb: "a lot" }, fullAnswersV2(), ctx);
    expect(words.errors[0]).toMatchObject({ field: "weight_lb", message: "Enter your weight in pounds as a number, for example 154" });
    const metric = parseStep(section("health"), { ...base, height_cm: "90" }, fullAnswersV2(), ctx);
    expect(metric.errors).toMatchObject([{ field: "height_cm", message: "Enter a number between 100 and 250 cm" }]);
  });

  it("shows whole feet, inches and pounds back exactly as they were typed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 98 }), (inches) => {
        const { feet, inches: rest } = cmToFeetInches(feetInchesToCm(0, inches));
        expect(feet * 12 + rest).toBe(inches);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 67, max: 771 }), (lb) => {
        expect(kgToPounds(poundsToKg(lb))).toBe(lb);
      }),
    );
  });

  it("explains incomplete and impossible dates typed in parts", () => {
    const about = section("about");
    const base = toFormValues(about, fullAnswersV2());
    const check = (date_of_birth: Record<string, string>) =>
      parseStep(about, { ...base, date_of_birth }, {}, ctx).errors.map(({ field, message }) => ({ field, message }));
    expect(check({ day: "14", month: "", year: "1985" })).toEqual([{ field: "date_of_birth", message: "Date of birth must include a month" }]);
    expect(check({ day: "31", month: "2", year: "1985" })).toEqual([{ field: "date_of_birth", message: "Enter a real date" }]);
    expect(check({ day: "1", month: "1", year: "2030" })).toEqual([{ field: "date_of_birth", message: "Enter a date in the past" }]);
    expect(check({ day: "", month: "", year: "" })).toEqual([{ field: "date_of_birth", message: "Enter your date of birth" }]);
    expect(check({ day: "3", month: "4", year: "85" })[0]!.message).toMatch(/^Enter a real date/);
  });

  it("ignores empty repeatable rows and names the field of a row at fault", () => {
    const treatment = section("treatment");
    const base = toFormValues(treatment, fullAnswersV2());
    const empty = parseStep(treatment, { ...base, current_mood_medications: [{ name: "", other_name: "", dose_mg_per_day: "", started: { month: "", year: "" } }] }, fullAnswersV2(), ctx);
    expect(empty.errors).toContainEqual({
      field: "current_mood_medications",
      message: "Add at least 1 medication",
      question: "Which mood stabilizers or antipsychotics do you take now?",
    });
    const other = parseStep(treatment, { ...base, current_mood_medications: [{ name: "other", other_name: "", dose_mg_per_day: "", started: { month: "", year: "" } }] }, fullAnswersV2(), ctx);
    expect(other.errors).toEqual([
      { field: "current_mood_medications.0.other_name", message: "Enter the name of medication 1", question: "Medication 1: Name of the medication" },
    ]);
  });

  it("never keeps an answer to a question hidden by branching", () => {
    const safety = section("safety");
    const values = {
      ...toFormValues(safety, {}), si_thoughts_past_month: "no", si_intent: "yes", si_plan: "yes", si_attempt_history: "never",
      si_self_harm_past_month: "no", lethal_means_access: ["firearm"], safety_plan: "no", si_safe_now: "yes",
    };
    const result = parseStep(safety, values, { phq9_9: 0 }, ctx);
    expect(result.errors).toEqual([]);
    expect(result.answers).not.toHaveProperty("si_intent");
    expect(result.answers).not.toHaveProperty("lethal_means_access");
    // The same answers with PHQ-9 item 9 above zero on the earlier step: intent, plan, means and the safety plan are asked.
    expect(parseStep(safety, values, { phq9_9: 1 }, ctx).answers).toMatchObject({ si_intent: "yes", si_plan: "yes", lethal_means_access: ["firearm"], safety_plan: "no" });
    // Self-harm alone opens means and the safety plan, not intent and plan.
    const selfHarm = parseStep(safety, { ...values, si_self_harm_past_month: "yes" }, { phq9_9: 0 }, ctx).answers;
    expect(selfHarm).toMatchObject({ lethal_means_access: ["firearm"], safety_plan: "no" });
    expect(selfHarm).not.toHaveProperty("si_intent");
    expect(withoutHiddenAnswers(fullAnswersV2({ sex_at_birth: "male" }))).not.toHaveProperty("pregnancy_status");
  });
});

describe("routing after a change from the review page", () => {
  it("passes through every step with a newly required question, then returns to the review", () => {
    const answers = withoutHiddenAnswers(fullAnswersV2({ sex_at_birth: "male" }));
    expect(furthestStep(answers, ctx)).toBe("review");
    const female = { ...answers, sex_at_birth: "female" };
    expect(pathAfterSection("about", female, ctx, true)).toBe("/intake/health?return=review");
    const raised = { ...female, pregnancy_status: "not_pregnant", phq9_9: 2 };
    expect(pathAfterSection("mood", raised, ctx, true)).toBe("/intake/safety?return=review");
    expect(pathAfterSection("safety", { ...raised, si_intent: "no", si_plan: "no" }, ctx, true)).toBe("/intake/safety?return=review");
    expect(pathAfterSection("safety", { ...raised, si_intent: "no", si_plan: "no", lethal_means_access: ["none"], safety_plan: "yes" }, ctx, true)).toBe("/intake/review");
    expect(pathAfterSection("about", female, ctx, false)).toBe("/intake/diagnosis");
    expect(pathAfterSection("questions", answers, ctx, false)).toBe("/intake/review");
  });
});

describe("crisis numbers trigger", () => {
  it.each([
    [{ phq9_9: 1 }, true],
    [{ phq9_9: 0 }, false],
    [{ si_thoughts_past_month: "yes" }, true],
    [{ si_thoughts_past_month: "prefer_to_discuss" }, true],
    [{ si_thoughts_past_month: "no" }, false],
    [{ si_intent: "unsure" }, true],
    [{ si_intent: "no" }, false],
    [{ si_plan: "yes" }, true],
    [{ si_attempt_history: "within_3_months" }, true],
    [{ si_attempt_history: "prefer_to_discuss" }, true],
    [{ si_attempt_history: "more_than_3_months_ago" }, false],
    [{ si_safe_now: "no" }, true],
    [{ si_safe_now: "unsure" }, true],
    [{ si_safe_now: "yes" }, false],
    [{ si_self_harm_past_month: "yes" }, true],
    [{ si_self_harm_past_month: "prefer_to_discuss" }, false],
    [{ si_self_harm_past_month: "no" }, false],
  ])("%o → %s", (answers, expected) => {
    expect(isCrisisTriggered(answers)).toBe(expected);
  });
});

describe("the version-2 questions in the form", () => {
  const diagnosis = section("diagnosis");
  const withDiagnosis = (overrides: Record<string, unknown>) => ({ ...toFormValues(diagnosis, fullAnswersV2()), ...overrides });
  // Born 1985-03-14 (the fixture): 41 on the reference date.
  it("accepts an age at onset up to the person's age, or none, and puts a higher one's error on age_at_onset", () => {
    expect(parseStep(diagnosis, withDiagnosis({ age_at_onset: "41" }), fullAnswersV2(), ctx).errors).toEqual([]);
    expect(parseStep(diagnosis, withDiagnosis({ age_at_onset: "" }), fullAnswersV2(), ctx).errors).toEqual([]);
    expect(parseStep(diagnosis, withDiagnosis({ age_at_onset: "42" }), fullAnswersV2(), ctx).errors).toMatchObject([
      { field: "age_at_onset", message: "Enter an age no higher than your age now" },
    ]);
    expect(parseStep(diagnosis, withDiagnosis({ age_at_onset: "4" }), fullAnswersV2(), ctx).errors).toMatchObject([{ field: "age_at_onset" }]);
  });
  it("asks when the last hospital stay was only after one", () => {
    const never = parseStep(diagnosis, withDiagnosis({ psychiatric_hospitalizations: "none", last_hospitalization: null }), fullAnswersV2(), ctx);
    expect(never.errors).toEqual([]);
    expect(never.answers).not.toHaveProperty("last_hospitalization");
    const once = parseStep(diagnosis, withDiagnosis({ psychiatric_hospitalizations: "one", last_hospitalization: null }), fullAnswersV2(), ctx);
    expect(once.errors).toMatchObject([{ field: "last_hospitalization", message: "Select when your most recent hospital stay ended" }]);
  });
  it("keeps None and I'm not sure apart from the other family-history answers", () => {
    for (const alone of ["none", "unsure"]) {
      const errors = parseStep(diagnosis, withDiagnosis({ family_history: [alone, "bipolar"] }), fullAnswersV2(), ctx).errors;
      expect(errors).toMatchObject([{ field: "family_history", message: expect.stringContaining("cannot be combined") }]);
    }
    expect(parseStep(diagnosis, withDiagnosis({ family_history: ["bipolar", "suicide"] }), fullAnswersV2(), ctx).errors).toEqual([]);
  });
  it("asks about lethal means and a safety plan only after the suicide follow-ups, an attempt, or self-harm", () => {
    const safety = section("safety");
    const quiet = { ...fullAnswersV2(), phq9_9: 0 };
    const base = { si_thoughts_past_month: "no", si_attempt_history: "never", si_self_harm_past_month: "no", si_safe_now: "yes", lethal_means_access: [], safety_plan: null };
    expect(parseStep(safety, base, quiet, ctx).errors).toEqual([]);
    for (const trigger of [{ si_thoughts_past_month: "yes", si_intent: "no", si_plan: "no" }, { si_attempt_history: "more_than_3_months_ago" }, { si_self_harm_past_month: "yes" }, { si_self_harm_past_month: "prefer_to_discuss" }]) {
      const errors = parseStep(safety, { ...base, ...trigger }, quiet, ctx).errors.map((e) => e.field);
      expect(errors, JSON.stringify(trigger)).toEqual(["lethal_means_access", "safety_plan"]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { questionnaire } from "@/lib/questionnaire";
import { parseStep, toFormValues } from "@/lib/intake-wizard/form-values";
import { formValuesFromFormData, layoutAsksMore, rowFieldShown, stepLayout } from "@/lib/intake-wizard/form-data";
import { furthestStep, PAGES, pageById, pathAfterSection, pagesOfSection, stepPath } from "@/lib/intake-wizard/steps";
import { monthsToWeeks, weeksToMonths } from "@/lib/intake-wizard/units";
import { fewestQuestions, intakeMinutes, minutesFor, mostQuestions, questionsSeen, SECONDS_PER_QUESTION } from "@/lib/intake-wizard/estimate";
import { applyRowAction, parseRowAction, rowSummary } from "@/lib/intake-wizard/rows";
import type { RowsItem } from "@/lib/questionnaire/types";
import { fullAnswersV2, minimalAnswersV2 } from "../fixtures/intakes";

const ctx = { referenceDate: "2026-11-20" };
const page = (id: string) => pageById(id)!;
const ids = (id: string) => page(id).items.map((i) => i.id);

describe("the wizard's pages", () => {
  it("put every item of every section on exactly one page, in the questionnaire's order", () => {
    for (const section of questionnaire.sections) {
      const pages = pagesOfSection(section.id);
      expect(pages[0]!.id, "a section's first page keeps the section's id (and its route)").toBe(section.id);
      expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(section.items.map((i) => i.id));
    }
    expect(new Set(PAGES.map((p) => p.id)).size).toBe(PAGES.length);
  });

  it("give PHQ-9, GAD-7 and the elevation checklist a page each, with the instrument's stem", () => {
    expect(ids("mood")).toEqual([...Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}`), "phq9_difficulty"]);
    expect(ids("mood-anxiety")).toEqual(Array.from({ length: 7 }, (_, i) => `gad7_${i + 1}`));
    expect(ids("mood-elevation")).toEqual(["mania_symptoms_past_week"]);
    expect(questionnaire.stems?.phq9).toMatch(/^Over the last 2 weeks/);
    expect(questionnaire.stems?.gad7).toMatch(/^Over the last 2 weeks/);
    for (const id of ["mood", "mood-anxiety", "mood-elevation"]) expect(page(id).caption).toBe("How you have been feeling");
    expect(ids("treatment")).toEqual(["on_mood_medication", "current_mood_medications"]);
    expect(ids("treatment-past")).toContain("past_treatment_trials");
  });

  it("go page by page, from the review back through what a change left incomplete", () => {
    const answers = fullAnswersV2();
    expect(pathAfterSection("mood", answers, ctx, false)).toBe("/intake/mood-anxiety");
    expect(pathAfterSection("mood-elevation", answers, ctx, false)).toBe("/intake/safety");
    expect(pathAfterSection("questions", answers, ctx, false)).toBe("/intake/review");
    expect(furthestStep(answers, ctx)).toBe("review");
    const { gad7_3: _gone, ...withoutGad } = answers;
    expect(furthestStep(withoutGad, ctx)).toBe("mood-anxiety");
    expect(pathAfterSection("mood", withoutGad, ctx, true)).toBe(stepPath("mood-anxiety", true));
  });
});

describe("the time estimate", () => {
  it("is derived from the questions a typical person sees, and covers them", () => {
    const full = questionsSeen(fullAnswersV2());
    const minimal = questionsSeen(minimalAnswersV2());
    const [fewest, most] = [fewestQuestions(), mostQuestions()];
    // The figures the report quotes: printed so a change to the questionnaire shows in the test log.
    console.info(`questions seen: minimal ${minimal}, full ${full}; range ${fewest}–${most}; ${SECONDS_PER_QUESTION} s each`);
    expect(fewest).toBeLessThanOrEqual(minimal);
    expect(full).toBeLessThanOrEqual(most);
    expect(intakeMinutes()).toEqual({ fewest: minutesFor(fewest), most: minutesFor(most) });
    expect(minutesFor(full)).toBeGreaterThanOrEqual(intakeMinutes().fewest);
    expect(minutesFor(full)).toBeLessThanOrEqual(intakeMinutes().most);
  });
});

describe("tolerant answers", () => {
  const diagnosis = page("diagnosis");
  const base = toFormValues(diagnosis, fullAnswersV2());

  it("take the current episode in months and store weeks (52 weeks in 12 months)", () => {
    expect(monthsToWeeks(6)).toBe(26);
    expect(weeksToMonths(26)).toBe(6);
    for (let m = 0; m <= 240; m++) expect(weeksToMonths(monthsToWeeks(m))).toBe(m);
    const months = parseStep(diagnosis, { ...base, current_episode_weeks: "6", current_episode_unit: "months" }, fullAnswersV2(), ctx);
    expect(months.errors).toEqual([]);
    expect(months.answers.current_episode_weeks).toBe(26);
    expect(months.units).toEqual({ episode: "months" });
    // Shown back in the unit the person used.
    expect(toFormValues(diagnosis, { current_episode_weeks: 26 }, { episode: "months" })).toMatchObject({ current_episode_weeks: "6", current_episode_unit: "months" });
    expect(parseStep(diagnosis, { ...base, current_episode_weeks: "30" }, fullAnswersV2(), ctx).answers.current_episode_weeks).toBe(30);
  });

  it("say what is wrong with a number of months in months", () => {
    const tooLong = parseStep(diagnosis, { ...base, current_episode_weeks: "300", current_episode_unit: "months" }, fullAnswersV2(), ctx);
    expect(tooLong.errors).toMatchObject([{ field: "current_episode_weeks", message: "Enter a number of months between 0 and 240" }]);
    const words = parseStep(diagnosis, { ...base, current_episode_weeks: "half a year", current_episode_unit: "months" }, fullAnswersV2(), ctx);
    expect(words.errors).toMatchObject([{ field: "current_episode_weeks", message: "Enter the number of months as a number, for example 6" }]);
  });

  it("read the unit from a post without scripts", () => {
    const data = new FormData();
    data.set("current_episode_weeks", "4");
    data.set("current_episode_unit", "months");
    expect(formValuesFromFormData(diagnosis, data)).toMatchObject({ current_episode_weeks: "4", current_episode_unit: "months" });
  });

  const health = page("health");
  const healthValues = toFormValues(health, fullAnswersV2());

  it("date a blood-pressure reading by month and year", () => {
    const onlyMonth = parseStep(health, { ...healthValues, bp_recent_date: { day: "14", month: "9", year: "2026", monthOnly: true } }, fullAnswersV2(), ctx);
    expect(onlyMonth.errors).toEqual([]);
    expect(onlyMonth.answers.bp_recent_date).toBe("2026-09");
    const noDay = parseStep(health, { ...healthValues, bp_recent_date: { day: "", month: "9", year: "2026" } }, fullAnswersV2(), ctx);
    expect(noDay.answers.bp_recent_date).toBe("2026-09");
    expect(toFormValues(health, { ...fullAnswersV2(), bp_recent_date: "2026-09" }).bp_recent_date).toEqual({ day: "", month: "9", year: "2026", monthOnly: true });
    const data = new FormData();
    for (const [k, v] of Object.entries({ "bp_recent_date.month": "9", "bp_recent_date.year": "2026", "bp_recent_date.monthOnly": "on" })) data.set(k, v);
    expect(formValuesFromFormData(health, data).bp_recent_date).toEqual({ day: "", month: "9", year: "2026", monthOnly: true });
    // A date that must have a day keeps asking for one.
    const about = page("about");
    const birth = parseStep(about, { ...toFormValues(about, fullAnswersV2()), date_of_birth: { day: "", month: "4", year: "1988" } }, fullAnswersV2(), ctx);
    expect(birth.errors.map((e) => e.field)).toContain("date_of_birth");
  });

  const past = page("treatment-past");
  const trials = past.items.find((i) => i.id === "past_treatment_trials") as RowsItem;
  const dose = trials.fields.find((f) => f.id === "adequate_dose")!;

  it("do not ask the adequate-dose question for talk therapy, ECT or rTMS", () => {
    for (const treatment of ["psychotherapy", "ect", "rtms"]) expect(rowFieldShown(dose, { treatment }), treatment).toBe(false);
    expect(rowFieldShown(dose, { treatment: "lithium" })).toBe(true);
    const values = toFormValues(past, fullAnswersV2());
    const row = { treatment: "psychotherapy", other_name: "", weeks: "12", adequate_dose: "yes", outcome: (values.past_treatment_trials as Record<string, string>[])[0]!.outcome };
    const result = parseStep(past, { ...values, past_treatment_trials: [row] }, fullAnswersV2(), ctx);
    expect(result.errors).toEqual([]);
    // An answer typed before the treatment changed is not sent for a question no longer asked.
    expect((result.answers.past_treatment_trials as Record<string, unknown>[])[0]).not.toHaveProperty("adequate_dose");
    // Without scripts, a question that went away needs no second look; one that came up does.
    const before = stepLayout(past, { ...values, past_treatment_trials: [{ ...row, treatment: "lithium" }] }, fullAnswersV2(), ctx);
    const after = stepLayout(past, { ...values, past_treatment_trials: [row] }, fullAnswersV2(), ctx);
    expect(layoutAsksMore(after, before)).toBe(false);
    expect(layoutAsksMore(before, after)).toBe(true);
  });
});

describe("the add-another loop", () => {
  const meds = page("treatment").items.find((i) => i.id === "current_mood_medications") as RowsItem;
  const lithium = { name: "lithium", other_name: "", dose_mg_per_day: "900", started: { month: "3", year: "2024" } };
  const blank = { name: "", other_name: "", dose_mg_per_day: "", started: { month: "", year: "" } };

  it("adds, lists, changes and removes entries, as the buttons post them", () => {
    expect(parseRowAction("add:current_mood_medications")).toEqual({ itemId: "current_mood_medications", action: { kind: "add" } });
    expect(parseRowAction("remove:current_mood_medications:1")).toEqual({ itemId: "current_mood_medications", action: { kind: "remove", index: 1 } });
    expect(parseRowAction("remove:current_mood_medications")).toBeUndefined();
    expect(parseRowAction("drop table")).toBeUndefined();

    const added = applyRowAction(meds, [lithium], 0, { kind: "add" });
    expect(added).toMatchObject({ rows: [lithium, { name: "" }], open: 1 });
    expect(applyRowAction(meds, added.rows, 1, { kind: "save" })).toEqual({ rows: [lithium], open: null });
    expect(applyRowAction(meds, [lithium, blank], 1, { kind: "change", index: 0 })).toEqual({ rows: [lithium], open: 0 });
    expect(applyRowAction(meds, [lithium], null, { kind: "remove", index: 0 })).toEqual({ rows: [blank], open: 0 });
    expect(applyRowAction(meds, [lithium, { ...lithium, name: "quetiapine" }], null, { kind: "remove", index: 0 }).rows).toEqual([{ ...lithium, name: "quetiapine" }]);
  });

  it("sums an entry up in words", () => {
    expect(rowSummary(meds, lithium)).toEqual({ title: "Lithium", details: [{ label: "Dose", text: "900 mg per day" }, { label: "When did you start it?", text: "3/2024" }] });
    expect(rowSummary(meds, { ...blank, name: "other", other_name: "Asenapine" }).title).toBe("Asenapine");
  });
});

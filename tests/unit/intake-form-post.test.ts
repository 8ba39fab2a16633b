import { describe, expect, it } from "vitest";
import { questionnaire, sectionById } from "@/lib/questionnaire";
import { parseStep, toFormValues, type FormValues } from "@/lib/intake-wizard/form-values";
import { formValuesFromFormData, stepLayout } from "@/lib/intake-wizard/form-data";
import { fullAnswersV2 } from "../fixtures/intakes";

const ctx = { referenceDate: "2026-11-20" };
const section = (id: string) => sectionById(id)!;

/** What a browser posts for these form values, under the names react-hook-form gives the inputs. */
function asPosted(values: FormValues): FormData {
  const data = new FormData();
  const add = (name: string, value: unknown) => {
    if (value === true) data.append(name, "on");
    else if (typeof value === "string") data.append(name, value);
    else if (Array.isArray(value)) value.forEach((v, i) => (typeof v === "string" ? data.append(name, v) : add(`${name}.${i}`, v)));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) add(`${name}.${k}`, v);
  };
  for (const [name, value] of Object.entries(values)) add(name, value);
  return data;
}

describe("a step posted without JavaScript", () => {
  it.each(questionnaire.sections.map((s) => s.id))("the %s step reads back to the same answers", (id) => {
    const answers = fullAnswersV2();
    const s = section(id);
    const posted = formValuesFromFormData(s, asPosted(toFormValues(s, answers)));
    expect(parseStep(s, posted, answers, ctx)).toEqual(parseStep(s, toFormValues(s, answers), answers, ctx));
  });

  it("ignores fields of other steps and drops the blank extra row offered for one more entry", () => {
    const data = asPosted({ on_mood_medication: "yes", full_name: "Someone Else" });
    data.append("current_mood_medications.0.name", "lithium");
    data.append("current_mood_medications.0.dose_mg_per_day", "900");
    data.append("current_mood_medications.1.name", "");
    data.append("current_mood_medications.1.dose_mg_per_day", " ");
    data.append("current_mood_medications.99.name", "lithium");
    const values = formValuesFromFormData(section("treatment"), data);
    expect(values.full_name).toBeUndefined();
    expect(values.current_mood_medications).toEqual([expect.objectContaining({ name: "lithium", dose_mg_per_day: "900" })]);
  });

  it("notices when an answer brings up questions the page did not show", () => {
    const s = section("treatment");
    const shown = stepLayout(s, toFormValues(s, {}), {}, ctx);
    const yes = { ...toFormValues(s, {}), on_mood_medication: "yes" };
    expect(stepLayout(s, yes, {}, ctx)).not.toBe(shown);
    expect(stepLayout(s, formValuesFromFormData(s, asPosted(yes)), {}, ctx)).toBe(stepLayout(s, yes, {}, ctx));
    const other = { ...yes, current_mood_medications: [{ name: "other", other_name: "", dose_mg_per_day: "" }] };
    expect(stepLayout(s, other, {}, ctx)).not.toBe(stepLayout(s, yes, {}, ctx));
  });
});

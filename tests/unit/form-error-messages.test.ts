import { describe, expect, it } from "vitest";
import { questionnaireFor, sectionById, validateAnswers } from "@/lib/questionnaire";
import { parseStep, toFormValues } from "@/lib/intake-wizard/form-values";
import { missingMessageOf } from "@/lib/intake-wizard/error-messages";

/** Issue 16, point 4: the form's error messages say what to do about which question; the API's do not change. */

const ctx = { referenceDate: "2026-03-01" };
const GENERIC = ["Choose an answer", "Answer yes or no", "Choose at least one option", "Answer this question", "Enter a date", "Choose one of the options"];

describe("the form's messages for a missing answer", () => {
  it("say what to do about the emergency contact, by name", () => {
    const about = sectionById("about")!;
    const values = { ...toFormValues(about, {}), emergency_contact_name: "", emergency_contact_phone: "" };
    const messages = Object.fromEntries(parseStep(about, values, {}, ctx).errors.map((e) => [e.field, e.message]));
    expect(messages.emergency_contact_name).toBe("Enter your emergency contact's name");
    expect(messages.emergency_contact_phone).toBe("Enter your emergency contact's phone number");
    expect(messages.full_name).toBe("Enter your full name");
  });

  it("are specific to their question for every required item of the current version, and all different", () => {
    const items = questionnaireFor("2").sections.flatMap((s) => s.items).filter((i) => i.required);
    const messages = items.map(missingMessageOf);
    for (const [i, m] of messages.entries()) {
      expect(GENERIC, items[i]!.id).not.toContain(m);
      expect(m, items[i]!.id).toMatch(/^(Enter|Select|Tick|Add) /);
      expect(m, items[i]!.id).not.toMatch(/\?/);
    }
    expect(new Set(messages.filter((m) => !m.startsWith("Add "))).size).toBe(messages.filter((m) => !m.startsWith("Add ")).length);
  });

  it("name the row of a list", () => {
    const treatment = sectionById("treatment")!;
    const values = { ...toFormValues(treatment, {}), had_past_treatments: "yes", past_treatment_trials: [{ treatment: "", other_name: "", weeks: "8", adequate_dose: "", outcome: "" }] };
    const errors = parseStep(treatment, values, {}, ctx).errors.filter((e) => e.field.startsWith("past_treatment_trials.0"));
    expect(errors.map((e) => e.message)).toContain("Select the treatment for treatment 1");
  });

  it("leave the API's messages (the error contract) as they were", () => {
    const { errors } = validateAnswers({}, ctx, "2");
    expect(errors).toContainEqual({ item: "emergency_contact_name", message: "Answer this question" });
    expect(errors).toContainEqual({ item: "si_safe_now", message: "Choose an answer" });
  });
});

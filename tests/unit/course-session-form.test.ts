import { describe, expect, it } from "vitest";
import { formValuesOfRecord, mgPerKgOf, sessionRecordOf } from "@/lib/course-forms/session-form";
import { evidenceLines } from "@/lib/course-forms/flag-evidence";

describe("the session form's values", () => {
  it("leaves empty inputs out, turns numbers and yes/no into values, keeps what is not a number for the check to name", () => {
    const record = sessionRecordOf({ session_date: "2026-10-02", weight_kg: "70.5", dose_mg: "35", bp_40min_systolic: "", spo2_lowest: "ninety", discharged_with_escort: "no", adverse_events: ["none"], notes: "" });
    expect(record).toEqual({ session_date: "2026-10-02", weight_kg: 70.5, dose_mg: 35, spo2_lowest: "ninety", discharged_with_escort: false, adverse_events: ["none"] });
  });

  it("round-trips a stored record into the correction form", () => {
    const values = formValuesOfRecord({ weight_kg: 70, discharged_with_escort: true, adverse_events: ["headache"] });
    expect(values).toMatchObject({ weight_kg: "70", discharged_with_escort: "yes", adverse_events: ["headache"], notes: "" });
    expect(sessionRecordOf(values)).toEqual({ weight_kg: 70, discharged_with_escort: true, adverse_events: ["headache"] });
  });

  it("shows mg/kg with two decimals only once dose and a positive weight are numbers", () => {
    expect(mgPerKgOf({ dose_mg: "35", weight_kg: "70" })).toBe("0.50");
    expect(mgPerKgOf({ dose_mg: "50", weight_kg: "70" })).toBe("0.71");
    expect(mgPerKgOf({ dose_mg: "35", weight_kg: "" })).toBeNull();
    expect(mgPerKgOf({ dose_mg: "35", weight_kg: "0" })).toBeNull();
  });

  it("words a flag's evidence with the field's question and the answer, and names fields from outside the record", () => {
    expect(evidenceLines([{ item: "dissociation", answer: "severe" }])).toEqual([{ item: "dissociation", label: "Dissociation", lines: ["Severe"] }]);
    expect(evidenceLines([{ item: "baselinePhq9", answer: 18 }])[0]!.label).toBe("Baseline PHQ-9");
    expect(evidenceLines([{ item: "previous_checkin.mania_symptoms_past_week", answer: ["none"] }])[0]!.label).toMatch(/^The previous check-in: /);
  });
});

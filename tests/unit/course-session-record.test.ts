import { describe, expect, it } from "vitest";
import { doseMgPerKgShown, parseSessionRecord } from "@/lib/course";
import { calmSession, STARTED_ON } from "../support/course-cases";

/** The session record (treatment-course.md, "Session record"): every field, range and pair rule. */

const ctx = { referenceDate: "2026-11-20", startedOn: STARTED_ON };
const issues = (over: Record<string, unknown>, drop: string[] = []) => {
  const raw = calmSession(over);
  for (const key of drop) delete raw[key];
  const result = parseSessionRecord(raw, ctx);
  return result.ok ? [] : result.issues;
};
const fields = (over: Record<string, unknown>, drop: string[] = []) => issues(over, drop).map((i) => i.field);

describe("session record", () => {
  it("accepts a complete record and keeps optional fields absent", () => {
    const result = parseSessionRecord(calmSession(), ctx);
    expect(result.ok).toBe(true);
    expect(result.ok && "spo2_lowest" in result.record).toBe(false);
  });
  it.each([
    ["weight_kg", 29.9, 30, 350, 350.1],
    ["dose_mg", -0.1, 0, 1000, 1000.1],
    ["infusion_minutes", 0, 1, 240, 241],
    ["spo2_lowest", 49, 50, 100, 101],
    ["bp_pre_systolic", 59, 60, 260, 261],
    ["bp_pre_diastolic", 29, 30, 124, 161],
  ] as const)("%s: range ends accepted, one step outside refused", (id, below, min, max, above) => {
    expect(fields({ [id]: below })).toContain(id);
    expect(fields({ [id]: above })).toContain(id);
    expect(fields({ [id]: min, ...(id === "bp_pre_systolic" ? { bp_pre_diastolic: 30 } : {}) })).toEqual([]);
    expect(fields({ [id]: max })).toEqual([]);
  });
  it("whole numbers where the spec says int", () => {
    for (const id of ["infusion_minutes", "bp_pre_systolic", "spo2_lowest"]) expect(fields({ [id]: 40.5 })).toContain(id);
    expect(fields({ weight_kg: 70.5, dose_mg: 35.5 })).toEqual([]);
  });
  it("requires every field without ? (route, weight and minutes too), not spo2, the 40-minute pair or notes", () => {
    for (const id of ["session_date", "route", "weight_kg", "dose_mg", "infusion_minutes", "dissociation", "sedation", "adverse_events", "discharged_with_escort"])
      expect(fields({}, [id])).toEqual([id]);
    expect(fields({}, ["spo2_lowest", "notes", "bp_40min_systolic", "bp_40min_diastolic"])).toEqual([]);
  });
  it("blood-pressure pairs: pre and discharge required whole; the 40-minute pair optional as a pair; systolic above diastolic in each", () => {
    expect(issues({}, ["bp_pre_systolic", "bp_pre_diastolic"])).toEqual([{ field: "bp_pre_systolic", message: "Enter the blood pressure before the session (both numbers)" }]);
    expect(fields({}, ["bp_discharge_diastolic"])).toEqual(["bp_discharge_diastolic"]);
    expect(fields({ bp_40min_systolic: 150 })).toEqual(["bp_40min_diastolic"]);
    expect(fields({ bp_40min_diastolic: 90 })).toEqual(["bp_40min_systolic"]);
    expect(fields({ bp_40min_systolic: 150, bp_40min_diastolic: 90 })).toEqual([]);
    for (const [s, d] of [["bp_pre_systolic", "bp_pre_diastolic"], ["bp_40min_systolic", "bp_40min_diastolic"], ["bp_discharge_systolic", "bp_discharge_diastolic"]]) {
      expect(issues({ [s!]: 90, [d!]: 90 })).toEqual([{ field: s, message: "The top number (systolic) must be higher than the bottom number (diastolic)" }]);
      expect(fields({ [s!]: 91, [d!]: 90 })).toEqual([]);
    }
  });
  it("enums and the adverse-event list: only listed options; `none` exclusive", () => {
    expect(fields({ route: "oral" })).toEqual(["route"]);
    expect(fields({ dissociation: "extreme" })).toEqual(["dissociation"]);
    expect(issues({ adverse_events: ["none", "headache"] })).toEqual([{ field: "adverse_events", message: '"None" cannot be combined with other options' }]);
    expect(fields({ adverse_events: [] })).toEqual(["adverse_events"]);
    expect(fields({ adverse_events: ["headache", "other"] })).toEqual([]);
    expect(fields({ discharged_with_escort: "yes" })).toEqual(["discharged_with_escort"]);
  });
  it("dates: not in the future, not before the course started", () => {
    expect(issues({ session_date: "2026-11-21" })).toEqual([{ field: "session_date", message: "Enter a date that is not in the future" }]);
    expect(fields({ session_date: "2026-11-20" })).toEqual([]);
    expect(issues({ session_date: "2026-09-30" })).toEqual([{ field: "session_date", message: "Enter a date on or after the start of the course" }]);
    expect(fields({ session_date: STARTED_ON })).toEqual([]);
    expect(fields({ session_date: "2026-02-30" })).toEqual(["session_date"]);
  });
  it("notes: at most 2000 characters; unknown fields named", () => {
    expect(fields({ notes: "n".repeat(2001) })).toEqual(["notes"]);
    expect(fields({ notes: "line one\nline two" })).toEqual([]);
    expect(issues({ mood: "good" })).toEqual([{ field: "mood", message: "Unknown field; remove it" }]);
  });
  it("shows mg/kg with 2 decimals", () => {
    expect(doseMgPerKgShown({ dose_mg: 35, weight_kg: 70 })).toBe("0.50");
    expect(doseMgPerKgShown({ dose_mg: 70.1, weight_kg: 70 })).toBe("1.00");
  });
});

import { describe, expect, it } from "vitest";
import { allItems, parseIntake, questionnaire, validateAnswers, type Issue } from "@/lib/questionnaire";
import { fullAnswers, minimalAnswers } from "../fixtures/intakes";

const REF = { referenceDate: "2026-11-20" };
const errorsOf = (answers: Record<string, unknown>) => validateAnswers(answers, REF, "1").errors;
const itemsWithErrors = (answers: Record<string, unknown>) => errorsOf(answers).map((e: Issue) => e.item);
const accepted = (answers: Record<string, unknown>) => expect(errorsOf(answers)).toEqual([]);
const refused = (answers: Record<string, unknown>, item: string) => expect(itemsWithErrors(answers)).toContain(item);

describe("the questionnaire definition", () => {
  const items = allItems;
  it("has the 12 sections' worth of steps the spec lists (11 question sections; review is the 12th)", () => {
    expect(questionnaire.sections.map((s) => s.id)).toEqual([
      "consent", "about", "diagnosis", "mood", "safety", "treatment", "ketamine", "health", "substances", "practical", "questions",
    ]);
  });
  it("has unique item ids and options, and branching that only reads earlier items and real options", () => {
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Set<string>();
    for (const item of items) {
      if ("options" in item) expect(new Set(item.options.map((o) => o.value)).size).toBe(item.options.length);
      if (item.shownIf) {
        const read = JSON.stringify(item.shownIf).match(/"item":"([a-z0-9_]+)"/g)!.map((m) => m.slice(8, -1));
        for (const r of read) expect(seen.has(r), `${item.id} reads ${r}`).toBe(true);
      }
      seen.add(item.id);
    }
  });
});

describe("complete intakes", () => {
  it("accepts a full realistic intake and a minimal one", () => {
    accepted(fullAnswers());
    accepted(minimalAnswers());
  });
  it("normalises text to NFC and trims it before storing", () => {
    const { answers } = validateAnswers(fullAnswers({ full_name: "  Zoe\u0308 Be\u0301langer  " }), REF, "1");
    expect(answers.full_name).toBe("Zoë Bélanger");
  });
  it("treats null and empty strings as not answered", () => {
    const { answers, errors } = validateAnswers(fullAnswers({ preferred_name: null, region: "", goals: "   " }), REF, "1");
    expect(errors).toEqual([]);
    expect(answers).not.toHaveProperty("preferred_name");
    expect(answers).not.toHaveProperty("region");
    expect(answers).not.toHaveProperty("goals");
    refused(fullAnswers({ full_name: null }), "full_name");
    refused(fullAnswers({ full_name: "" }), "full_name");
  });
});

describe("branching", () => {
  const gated: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ["si_intent", { si_thoughts_past_month: "yes" }, { si_thoughts_past_month: "no", phq9_9: 0 }, "si_intent"],
    ["si_plan via prefer_to_discuss", { si_thoughts_past_month: "prefer_to_discuss" }, { si_thoughts_past_month: "no", phq9_9: 0 }, "si_plan"],
    ["si_intent via PHQ-9 item 9", { phq9_9: 1 }, { phq9_9: 0 }, "si_intent"],
    ["current_mood_medications", { on_mood_medication: "yes" }, { on_mood_medication: "no" }, "current_mood_medications"],
    ["benzodiazepine_use", { other_medications: ["benzodiazepine"] }, { other_medications: ["thyroid"] }, "benzodiazepine_use"],
    ["past_treatment_trials", { had_past_treatments: "yes" }, { had_past_treatments: "no" }, "past_treatment_trials"],
    ["prior_ketamine_routes", { prior_ketamine: "both" }, { prior_ketamine: "non_medical" }, "prior_ketamine_routes"],
    ["prior_ketamine_response", { prior_ketamine: "medical" }, { prior_ketamine: "never" }, "prior_ketamine_response"],
    ["prior_ketamine_adverse", { prior_ketamine: "non_medical" }, { prior_ketamine: "never" }, "prior_ketamine_adverse"],
    ["bp_controlled", { hypertension_diagnosed: "yes" }, { hypertension_diagnosed: "unsure" }, "bp_controlled"],
    ["cardio_event_past_6_weeks (stroke)", { cardiovascular_history: ["stroke"] }, { cardiovascular_history: ["angina"] }, "cardio_event_past_6_weeks"],
    ["cardio_event_past_6_weeks (heart attack)", { cardiovascular_history: ["heart_attack"] }, { cardiovascular_history: ["none"] }, "cardio_event_past_6_weeks"],
    ["pregnancy_status (intersex)", { sex_at_birth: "intersex" }, { sex_at_birth: "male" }, "pregnancy_status"],
    ["pregnancy_status (prefer not to say)", { sex_at_birth: "prefer_not_to_say" }, { sex_at_birth: "male" }, "pregnancy_status"],
    ["auditc_2", { auditc_1: 1 }, { auditc_1: 0 }, "auditc_2"],
    ["auditc_3", { auditc_1: 4 }, { auditc_1: 0 }, "auditc_3"],
  ];
  it.each(gated)("%s: required when shown, dropped with a warning when hidden", (_n, open, closed, item) => {
    const base = minimalAnswers({ sex_at_birth: "female", pregnancy_status: "not_pregnant" });
    if (item === "pregnancy_status") delete base.pregnancy_status;
    refused({ ...base, ...open, [item]: undefined }, item);
    const hidden = validateAnswers({ ...base, ...closed, [item]: "anything" }, REF, "1");
    expect(hidden.warnings).toContainEqual({ item, message: "hidden by branching, ignored" });
    expect(hidden.answers).not.toHaveProperty(item);
    expect(hidden.errors.map((e) => e.item)).not.toContain(item);
  });
  it("shows phq9_difficulty (optional) only when a PHQ-9 item is above 0", () => {
    accepted(minimalAnswers({ phq9_3: 1 }));
    const hidden = validateAnswers(minimalAnswers({ phq9_difficulty: "very" }), REF, "1");
    expect(hidden.warnings).toEqual([{ item: "phq9_difficulty", message: "hidden by branching, ignored" }]);
    accepted(minimalAnswers({ phq9_3: 1, phq9_difficulty: "very" }));
  });
});

describe("value rules", () => {
  it.each([
    ["phq9_1", 0, 3], ["gad7_7", 0, 3], ["current_episode_weeks", 0, 1040], ["height_cm", 100, 250], ["weight_kg", 30, 350],
    ["bp_recent_systolic", 120, 260], ["auditc_1", 0, 4],
  ] as const)("%s accepts %d and %d and refuses just outside", (item, min, max) => {
    const extra = item.startsWith("bp_") ? { bp_recent_diastolic: 80, bp_recent_date: "2026-11-01" } : item === "auditc_1" ? { auditc_2: 0, auditc_3: 0 } : {};
    const base = minimalAnswers(extra);
    const fix = item === "auditc_1" ? (v: number) => (v === 0 ? { auditc_2: undefined, auditc_3: undefined } : {}) : () => ({});
    accepted({ ...base, [item]: min, ...fix(min) });
    accepted({ ...base, [item]: max });
    refused({ ...base, [item]: max + 1 }, item);
    if (item !== "bp_recent_systolic") refused({ ...base, [item]: min - 1, ...fix(min) }, item);
  });
  it("refuses fractions in int items and numbers sent as strings, but accepts decimals in num items", () => {
    refused(minimalAnswers({ phq9_2: 1.5 }), "phq9_2");
    refused(minimalAnswers({ current_episode_weeks: "10" }), "current_episode_weeks");
    accepted(minimalAnswers({ weight_kg: 72.5, height_cm: 172.7 }));
    refused(minimalAnswers({ weight_kg: "72" }), "weight_kg");
  });
  it("checks blood pressure as a pair with a date", () => {
    accepted(minimalAnswers({ bp_recent_systolic: 130, bp_recent_diastolic: 30, bp_recent_date: "2026-11-20" }));
    refused(minimalAnswers({ bp_recent_systolic: 130, bp_recent_date: "2026-11-01" }), "bp_recent_diastolic");
    refused(minimalAnswers({ bp_recent_systolic: 90, bp_recent_diastolic: 90, bp_recent_date: "2026-11-01" }), "bp_recent_systolic");
    refused(minimalAnswers({ bp_recent_systolic: 130, bp_recent_diastolic: 80 }), "bp_recent_date");
    refused(minimalAnswers({ bp_recent_systolic: 130, bp_recent_diastolic: 80, bp_recent_date: "2026-11-21" }), "bp_recent_date");
    refused(minimalAnswers({ bp_recent_systolic: 130, bp_recent_diastolic: 161, bp_recent_date: "2026-11-01" }), "bp_recent_diastolic");
  });
  it("checks dates are real, in range and relative to the reference date", () => {
    accepted(minimalAnswers({ date_of_birth: "2000-02-29" }));
    refused(minimalAnswers({ date_of_birth: "2001-02-29" }), "date_of_birth");
    refused(minimalAnswers({ date_of_birth: "1899-12-31" }), "date_of_birth");
    accepted(minimalAnswers({ date_of_birth: "1900-01-01" }));
    refused(minimalAnswers({ date_of_birth: "2026-11-20" }), "date_of_birth");
    accepted(minimalAnswers({ date_of_birth: "2026-11-19" }));
    refused(minimalAnswers({ date_of_birth: "20-11-1990" }), "date_of_birth");
    refused(minimalAnswers({ date_of_birth: "1990-13-01" }), "date_of_birth");
  });
  it("checks months are real and not after the reference month", () => {
    const med = (started: string) => minimalAnswers({ on_mood_medication: "yes", current_mood_medications: [{ name: "lithium", started }] });
    accepted(med("2026-11"));
    refused(med("2026-12"), "current_mood_medications[0].started");
    refused(med("2026-13"), "current_mood_medications[0].started");
    refused(med("2026-1"), "current_mood_medications[0].started");
  });
  it("applies text rules: code-point lengths, control characters, bidi overrides, newlines only in long fields", () => {
    accepted(minimalAnswers({ preferred_name: "😀".repeat(60) }));
    refused(minimalAnswers({ preferred_name: "😀".repeat(61) }), "preferred_name");
    refused(minimalAnswers({ full_name: "Ann\u0007" }), "full_name");
    refused(minimalAnswers({ full_name: "Ann\u0085Lee" }), "full_name");
    for (const bidi of ["\u202A", "\u202E", "\u2066", "\u2069"]) refused(minimalAnswers({ region: `On${bidi}tario` }), "region");
    refused(minimalAnswers({ full_name: "Ann\nLee" }), "full_name");
    refused(minimalAnswers({ region: "On\ttario" }), "region");
    // Issue 12: invisible and formatting characters in one-line fields.
    for (const invisible of ["\u200B", "\u2060", "\uFEFF", "\u200E", "\u200F", "\u061C", "\u{E0041}", "\u{E007F}", "\u2028", "\u2029", "\u180E"])
      refused(minimalAnswers({ full_name: `Ann${invisible}Lee` }), "full_name");
    // Found by the second attack: soft hyphen, interlinear annotation, combining grapheme joiner, blank-looking letters.
    for (const invisible of ["\u00AD", "\uFFF9", "\u034F", "\u3164", "\u2800", "\u115F", "\uFFA0"]) refused(minimalAnswers({ full_name: `Ann${invisible}Lee` }), "full_name");
    refused(minimalAnswers({ full_name: "\u3164\u3164\u3164" }), "full_name");
    accepted(minimalAnswers({ preferred_name: "Zoë ❤️" })); // a variation selector stays
    refused(minimalAnswers({ full_name: "Ann\uD800Lee" }), "full_name");
    refused(minimalAnswers({ goals: "Lone \uDC00 surrogate" }), "goals");
    accepted(minimalAnswers({ full_name: "Mehr\u200Cnaz" })); // ZWNJ, as Persian names need
    accepted(minimalAnswers({ preferred_name: "👩\u200D⚕️" }));
    accepted(minimalAnswers({ goals: "Long text may keep\u200B a zero-width space" }));
    accepted(minimalAnswers({ drug_allergies: "Penicillin\n\tHives" }));
    accepted(minimalAnswers({ goals: "Line one\r\nLine two" }));
    refused(minimalAnswers({ goals: "x".repeat(2001) }), "goals");
    accepted(minimalAnswers({ goals: "é".repeat(2000) }));
  });
  it("checks e-mail and phone formats", () => {
    refused(minimalAnswers({ email: "not-an-email" }), "email");
    refused(minimalAnswers({ phone: "555-12" }), "phone");
    refused(minimalAnswers({ phone: "call me maybe 5551234" }), "phone");
    accepted(minimalAnswers({ phone: "+44 (20) 7946-0958" }));
    refused(minimalAnswers({ emergency_contact_phone: "123" }), "emergency_contact_phone");
  });
  it("enforces exclusivity of none and prefer_to_discuss, distinct values and listed options in multi items", () => {
    refused(minimalAnswers({ drugs_past_12_months: ["none", "opioids"] }), "drugs_past_12_months");
    refused(minimalAnswers({ drugs_past_12_months: ["prefer_to_discuss", "opioids"] }), "drugs_past_12_months");
    refused(minimalAnswers({ drugs_past_12_months: ["none", "prefer_to_discuss"] }), "drugs_past_12_months");
    accepted(minimalAnswers({ drugs_past_12_months: ["prefer_to_discuss"] }));
    accepted(minimalAnswers({ drugs_past_12_months: ["opioids", "stimulants"] }));
    refused(minimalAnswers({ drugs_past_12_months: ["opioids", "opioids"] }), "drugs_past_12_months");
    refused(minimalAnswers({ drugs_past_12_months: ["heroin"] }), "drugs_past_12_months");
    refused(minimalAnswers({ drugs_past_12_months: [] }), "drugs_past_12_months");
    refused(minimalAnswers({ drugs_past_12_months: "none" }), "drugs_past_12_months");
    accepted(minimalAnswers({ questions_selected: [] }));
  });
  it("checks repeatable rows: counts, required fields, other_name only for other choices", () => {
    const trial = { treatment: "lithium", weeks: 8, adequate_dose: "yes", outcome: "partial" };
    const trials = (rows: unknown) => minimalAnswers({ had_past_treatments: "yes", past_treatment_trials: rows });
    accepted(trials(Array(20).fill(trial)));
    refused(trials(Array(21).fill(trial)), "past_treatment_trials");
    refused(trials([]), "past_treatment_trials");
    refused(trials([{ ...trial, outcome: undefined }]), "past_treatment_trials[0].outcome");
    refused(trials([{ ...trial, treatment: "other" }]), "past_treatment_trials[0].other_name");
    accepted(trials([{ ...trial, treatment: "other_antipsychotic", other_name: "Ziprasidone" }]));
    refused(trials([trial, { ...trial, other_name: "Ziprasidone" }]), "past_treatment_trials[1].other_name");
    accepted(trials([{ ...trial, other_name: null }]));
    refused(trials(["lithium"]), "past_treatment_trials[0]");
    const meds = (rows: unknown) => minimalAnswers({ on_mood_medication: "yes", current_mood_medications: rows });
    refused(meds(Array(11).fill({ name: "lithium" })), "current_mood_medications");
    refused(meds([{ name: "lithium", dose_mg_per_day: 5001 }]), "current_mood_medications[0].dose_mg_per_day");
    refused(meds([{ name: "lithium", extra: { deeper: 1 } }]), "current_mood_medications[0].extra");
  });
  it("requires both consents to be true", () => {
    refused(minimalAnswers({ consent_not_emergency: false }), "consent_not_emergency");
    refused(minimalAnswers({ consent_privacy: "true" }), "consent_privacy");
  });
  it("names unknown keys, escaped and cut to 64 characters", () => {
    const key = "\u202Eevil" + "k".repeat(100);
    const errors = errorsOf(minimalAnswers({ [key]: 1 }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.item).not.toContain("\u202E");
    expect([...errors[0]!.item].length).toBeLessThanOrEqual(64);
  });
});

describe("the envelope", () => {
  const options = { receivedAt: new Date("2026-11-21T04:30:00Z"), timeZone: "America/Toronto", submittedAtPolicy: "recent" as const };
  const body = (extra: Record<string, unknown> = {}) => ({ questionnaire: "ketamine-trbd-intake", version: "1", answers: minimalAnswers(), ...extra });
  it("uses the clinic's calendar date of submittedAt as the reference date", () => {
    const result = parseIntake(body({ submittedAt: "2026-11-21T04:30:00Z" }), options);
    expect(result.ok && result.intake.referenceDate).toBe("2026-11-20");
    const later = parseIntake(body({ submittedAt: "2026-11-21T05:00:00Z" }), { ...options, receivedAt: new Date("2026-11-21T05:00:00Z") });
    expect(later.ok && later.intake.referenceDate).toBe("2026-11-21");
  });
  it("applies the submittedAt window: 24 hours back, 5 minutes ahead", () => {
    const at = (ms: number) => new Date(options.receivedAt.getTime() + ms).toISOString();
    expect(parseIntake(body({ submittedAt: at(-24 * 3600_000) }), options).ok).toBe(true);
    expect(parseIntake(body({ submittedAt: at(-24 * 3600_000 - 1000) }), options).ok).toBe(false);
    expect(parseIntake(body({ submittedAt: at(300_000) }), options).ok).toBe(true);
    expect(parseIntake(body({ submittedAt: at(301_000) }), options).ok).toBe(false);
    expect(parseIntake(body({ submittedAt: "2020-01-01T00:00:00Z" }), { ...options, submittedAtPolicy: "any_past" }).ok).toBe(true);
    expect(parseIntake(body({ submittedAt: at(1000) }), { ...options, submittedAtPolicy: "not_future" }).ok).toBe(false);
    expect(parseIntake(body({ submittedAt: "2026-11-21 04:30:00" }), options).ok).toBe(false);
  });
  it("refuses unknown top-level keys and names the pseudo-items", () => {
    const result = parseIntake({ questionnaire: "x", version: 1, answers: [], extra: true, submittedAt: 5 }, options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.item).sort()).toEqual(["$", "answers", "questionnaire", "submittedAt", "version"]);
      expect(result.errors.find((e) => e.item === "$")!.message).toContain("extra");
    }
    for (const bad of [null, 42, "text", []]) {
      const r = parseIntake(bad, options);
      expect(!r.ok && r.errors).toEqual([{ item: "$", message: expect.any(String) }]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { parseStep, toFormValues } from "@/lib/intake-wizard/form-values";
import { checkinSection, checkinStepPath, furthestCheckinStep, parseCheckinStep, pathAfterCheckinStep, shownOnly } from "@/lib/checkin-flow/steps";
import { checkinOwnPost, dateOfBirthFromForm, tooManyAttemptsPage } from "@/lib/checkin-flow/start-request";

const ctx = { referenceDate: "2026-10-05" };

const MOOD = { phq9_1: 1, phq9_2: 1, phq9_3: 1, phq9_4: 1, phq9_5: 1, phq9_6: 1, phq9_7: 1, phq9_8: 1, phq9_9: 0, mania_symptoms_past_week: ["none"] };
const SAFETY = { si_thoughts_since_last: "no", si_safe_now: "yes", si_attempt_since_last: "no", self_harm_since_last: "no" };
const REST = { side_effects: ["none"], global_change: "no_change" };

describe("check-in steps", () => {
  it("paths name the step only", () => {
    expect(checkinStepPath("mood")).toBe("/check-in/step/mood");
    expect(checkinStepPath("safety", true)).toBe("/check-in/step/safety?return=review");
    expect(checkinStepPath("review", true)).toBe("/check-in/step/review");
  });

  it("validates a step as the intake's form does, naming each unanswered question", () => {
    const result = parseCheckinStep(checkinSection("mood")!, toFormValues(checkinSection("mood")!, {}), {}, ctx);
    expect(result.errors.map((e) => e.field)).toContain("phq9_1");
    expect(result.errors.find((e) => e.field === "phq9_1")?.question).toMatch(/Little interest or pleasure/);
  });

  it("adds the home-BP pair rule that parseStep alone does not know (the check-in's renamed items)", () => {
    const section = checkinSection("blood_pressure")!;
    const values = { ...toFormValues(section, {}), home_bp_systolic: "150" };
    const result = parseCheckinStep(section, values, {}, ctx);
    expect(result.errors.map((e) => e.field)).toContain("home_bp_diastolic");
    expect(parseStep(section, values, {}, ctx).errors, "parseStep alone misses it").toEqual([]);
    expect(parseCheckinStep(section, toFormValues(section, {}), {}, ctx).errors).toEqual([]);
  });

  it("drops follow-ups a later change hides, and finds the first incomplete step", () => {
    const answers = { ...MOOD, phq9_9: 1, ...SAFETY, si_intent: "no", si_plan: "no" };
    expect(shownOnly(answers)).toHaveProperty("si_intent");
    expect(shownOnly({ ...answers, phq9_9: 0 })).not.toHaveProperty("si_intent");
    expect(furthestCheckinStep({}, ctx)).toBe("mood");
    expect(furthestCheckinStep({ ...MOOD }, ctx)).toBe("safety");
    expect(furthestCheckinStep({ ...MOOD, phq9_9: 2, ...SAFETY }, ctx)).toBe("safety"); // the intent/plan follow-ups now asked
    expect(furthestCheckinStep({ ...MOOD, ...SAFETY, ...REST }, ctx)).toBe("review");
    expect(pathAfterCheckinStep("safety", { ...MOOD, ...SAFETY }, ctx, false)).toBe("/check-in/step/side_effects");
    expect(pathAfterCheckinStep("mood", { ...MOOD, phq9_9: 2, ...SAFETY, ...REST }, ctx, true)).toBe("/check-in/step/safety?return=review");
    expect(pathAfterCheckinStep("change", { ...MOOD, ...SAFETY, ...REST }, ctx, true)).toBe("/check-in/step/review");
  });
});

describe("the date-of-birth post", () => {
  const form = (entries: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(entries)) f.set(k, v);
    return f;
  };

  it("reads the three boxes, tells Start (no boxes) from an incomplete date", () => {
    expect(dateOfBirthFromForm(form({}))).toEqual({ kind: "absent" });
    expect(dateOfBirthFromForm(form({ "date_of_birth.day": "4", "date_of_birth.month": "3", "date_of_birth.year": "1985" }))).toEqual({ kind: "date", value: "1985-03-04" });
    expect(dateOfBirthFromForm(form({ "date_of_birth.day": "", "date_of_birth.month": "3", "date_of_birth.year": "1985" }))).toEqual({ kind: "invalid" });
    expect(dateOfBirthFromForm(form({ "date_of_birth.day": "4", "date_of_birth.month": "3", "date_of_birth.year": "85" }))).toEqual({ kind: "invalid" });
  });

  it("accepts this site's own form posts only", () => {
    const h = (init: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...init });
    expect(checkinOwnPost(h({ origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(checkinOwnPost(h({ origin: "null", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(checkinOwnPost(h({ origin: "null", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(checkinOwnPost(h({ origin: "https://evil.example" }))).toBe(false);
    expect(checkinOwnPost(h({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(checkinOwnPost(h({}))).toBe(true); // not a browser: no cross-site request to forge
  });

  it("answers too many attempts with a 429, Retry-After, and the crisis numbers", async () => {
    const response = tooManyAttemptsPage(125);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("125");
    const html = await response.text();
    expect(html).toMatch(/try again in 3 minutes/);
    expect(html).toMatch(/If you need help now/);
    expect(html).toMatch(/href="tel:988"/);
    expect(html).not.toMatch(/ketamine/i);
  });
});

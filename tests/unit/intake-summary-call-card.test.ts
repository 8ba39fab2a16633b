import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { assess, ruleSetFor, RULES_1, RULES_2 } from "@/lib/assessment";
import { callCard, safetySectionAnswers } from "@/lib/intake-summary-call-card";
import { isSourceCode, sourceRefs, sourcesSentence } from "@/lib/assessment-sources";
import { fullAnswers, fullAnswersV2, minimalAnswers } from "../fixtures/intakes";

const card = (answers: Record<string, unknown>, version = "1") =>
  Object.fromEntries(callCard(answers, version, assess(answers, "2026-11-01", ruleSetFor(version))).map((l) => [l.label, l.lines]));

describe("the call card", () => {
  it("holds what a clinician needs to phone: contact, emergency contact, age, bipolar type, mood medicines with doses, PHQ-9 with item 9", () => {
    const lines = callCard(fullAnswers(), "1", assess(fullAnswers(), "2026-11-01", ruleSetFor("1")));
    expect(lines.find((l) => l.label === "Phone")).toEqual({ label: "Phone", lines: [], phone: "+1 (416) 555-0142" });
    expect(lines.find((l) => l.label === "Emergency contact")).toEqual({ label: "Emergency contact", lines: ["Marc Bélanger"], phone: "416-555-0199" });
    const byLabel = card(fullAnswers());
    expect(byLabel["May leave a message that mentions the clinic"]).toEqual(["Yes"]);
    expect(byLabel["Bipolar type"]).toEqual(["Bipolar II (who diagnosed it: A psychiatrist)"]);
    expect(byLabel["Current mood medicines"]).toEqual(["Lamotrigine (Lamictal), 200 mg per day", "Another antipsychotic: Ziprasidone, 40 mg per day"]);
    expect(byLabel["PHQ-9"]![0]).toMatch(/^\d+ of 27 \(/);
    expect(byLabel["PHQ-9"]![1]).toBe("Item 9, thoughts of death or self-harm: Not at all");
    expect(byLabel.Age![0]).toMatch(/^\d+$/);
  });

  it("says when no mood medicine is taken, when a dose is missing, and item 9 in words", () => {
    expect(card(minimalAnswers({ on_mood_medication: "no", current_mood_medications: undefined }))["Current mood medicines"]).toEqual([
      "None: takes no mood stabilizer or antipsychotic",
    ]);
    expect(card(fullAnswers({ current_mood_medications: [{ name: "lithium" }], phq9_9: 3 }))).toMatchObject({
      "Current mood medicines": ["Lithium, dose not given"],
      "PHQ-9": [expect.any(String), "Item 9, thoughts of death or self-harm: Nearly every day"],
    });
  });
});

describe("the safety section's answers (pertinent negatives)", () => {
  it("lists every safety question the intake's own version asks and the person saw", () => {
    expect(safetySectionAnswers(fullAnswers(), "1").map((a) => a.itemId)).toEqual(["si_thoughts_past_month", "si_attempt_history", "si_safe_now"]);
    // Version 2 asks about self-harm too, and words si_safe_now its own way.
    const v2 = safetySectionAnswers(fullAnswersV2(), "2");
    expect(v2.map((a) => a.itemId)).toEqual(["si_thoughts_past_month", "si_attempt_history", "si_self_harm_past_month", "si_safe_now"]);
    expect(v2.find((a) => a.itemId === "si_safe_now")!.label).not.toBe(safetySectionAnswers(fullAnswers(), "1").find((a) => a.itemId === "si_safe_now")!.label);
    const followUps = safetySectionAnswers(fullAnswers({ si_thoughts_past_month: "yes", si_intent: "no", si_plan: "no" }), "1");
    expect(followUps.map((a) => `${a.itemId}=${a.lines.join()}`)).toContain("si_plan=No");
  });
});

describe("source codes", () => {
  it("explains every code any rule set cites", () => {
    const cited = [...RULES_1, ...RULES_2].flatMap((r) => sourceRefs(r.source));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((c) => !isSourceCode(c.code)).map((c) => c.code)).toEqual([]);
    expect(sourceRefs("SPR, SEED")).toEqual([
      { code: "SPR", meaning: expect.stringMatching(/Spravato/) },
      { code: "SEED", meaning: expect.stringMatching(/clinical article/) },
    ]);
  });

  it("words the rules document's Sources sentence the same way (until the document is generated from the map)", () => {
    expect(fs.readFileSync("docs/assessment-rules.md", "utf8")).toContain(sourcesSentence());
  });
});

describe("the confirmation named in the address", () => {
  it("is one of the known actions, or none", async () => {
    const { doneFrom, confirmationPath } = await import("@/lib/review/confirmations");
    expect(doneFrom("note")).toBe("note");
    expect(doneFrom(["status", "note"])).toBe("status");
    for (const v of [undefined, "", "Note", "<script>", ["x"]]) expect(doneFrom(v)).toBeUndefined();
    expect(confirmationPath("abc", "acknowledged")).toBe("/dashboard/intakes/abc?done=acknowledged");
  });
});

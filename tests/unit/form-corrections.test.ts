import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_CRISIS_NUMBERS, parseConfig, type CrisisNumbers } from "@/lib/config";
import { questionnaireFor, sectionById, type ItemDef, type SectionDef } from "@/lib/questionnaire";
import { severeBloodPressure } from "@/lib/assessment";
import { bloodPressureNote, consentCrisisHelp } from "@/lib/intake-wizard/crisis-wording";
import { CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { SectionAnswers } from "@/app/_components/section-answers";
import { fullAnswers, fullAnswersV2 } from "../fixtures/intakes";

/** Issue 15, item 3: corrections that hold for both questionnaire versions (intake-v2.md). */

const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ");
const panel = (numbers: CrisisNumbers, country?: "CA" | "US" | "other") =>
  text(renderToStaticMarkup(createElement(CrisisNumbersPanel, { numbers, country, reviewWindow: "within 2 business days" })));
const itemOf = (version: string, id: string): ItemDef =>
  questionnaireFor(version).sections.flatMap((s) => s.items).find((i) => i.id === id)!;

describe("crisis-line names per country", () => {
  const numbers = parseConfig({}).crisisNumbers;
  it("names the Canadian line the 9-8-8 Suicide Crisis Helpline and the US line the 988 Suicide & Crisis Lifeline", () => {
    expect(panel(numbers, "CA")).toContain("9-8-8 Suicide Crisis Helpline");
    expect(panel(numbers, "CA")).not.toContain("Lifeline");
    expect(panel(numbers, "US")).toContain("988 Suicide & Crisis Lifeline");
    expect(panel(numbers, "US")).not.toContain("Helpline");
    for (const country of ["CA", "US"] as const) expect(numbers[country].lines.map((l) => l.number)).toEqual(["988", "911"]);
  });
  it("shows both names under their countries before the country is known, and neither elsewhere", () => {
    const all = panel(numbers);
    expect(all).toMatch(/In Canada .*9-8-8 Suicide Crisis Helpline.*In the United States .*988 Suicide & Crisis Lifeline.*Elsewhere/);
    expect(panel(numbers, "other")).not.toMatch(/988|9-8-8|911/);
  });
});

describe("the blood-pressure note", () => {
  const severe = severeBloodPressure(parseConfig({}).ruleSets["2"]);
  const reading = (systolic: number, diastolic: number) => ({ bp_recent_systolic: systolic, bp_recent_diastolic: diastolic });

  it("ends with the emergency sentence of the person's country: 911 in Canada and the US, the local number elsewhere", () => {
    for (const country of ["CA", "US"] as const) expect(bloodPressureNote(reading(184, 96), severe, DEFAULT_CRISIS_NUMBERS, country)!.text).toContain("call 911");
    const elsewhere = bloodPressureNote(reading(184, 96), severe, DEFAULT_CRISIS_NUMBERS, "other")!;
    expect(elsewhere.text).toContain("call your local emergency number");
    expect(elsewhere.text).not.toContain("911");
    const unknown = bloodPressureNote(reading(184, 96), severe, DEFAULT_CRISIS_NUMBERS, undefined)!;
    expect(unknown.text).not.toContain("911");
  });

  it("uses a clinic's own emergency text", () => {
    const numbers = { ...DEFAULT_CRISIS_NUMBERS, other: { lines: [], emergencyText: "In an emergency call 999 or 112." } };
    expect(bloodPressureNote(reading(120, 115), severe, numbers, "other")!.text).toMatch(/see a doctor soon.*In an emergency call 999 or 112\.$/);
  });

  it("comes up at the default 180/110 and says so", () => {
    expect(severe).toEqual({ systolic: 180, diastolic: 110 });
    expect(bloodPressureNote(reading(179, 109), severe, DEFAULT_CRISIS_NUMBERS, "CA")).toBeUndefined();
    expect(bloodPressureNote(reading(180, 90), severe, DEFAULT_CRISIS_NUMBERS, "CA")!.heading).toBe("A reading of 180/110 or higher is high.");
    expect(bloodPressureNote(reading(150, 110), severe, DEFAULT_CRISIS_NUMBERS, "CA")).toBeDefined();
    expect(bloodPressureNote({ bp_recent_systolic: 185 }, severe, DEFAULT_CRISIS_NUMBERS, "CA")).toBeDefined();
  });

  it("follows the configured bpSevere* thresholds, in its numbers and in when it appears", () => {
    const config = parseConfig({ ASSESSMENT_THRESHOLDS: JSON.stringify({ bpSevereSystolic: 170, bpSevereDiastolic: 105 }) });
    const custom = severeBloodPressure(config.ruleSets["2"]);
    expect(custom).toEqual({ systolic: 170, diastolic: 105 });
    expect(bloodPressureNote(reading(169, 104), custom, DEFAULT_CRISIS_NUMBERS, "CA")).toBeUndefined();
    const note = bloodPressureNote(reading(172, 90), custom, DEFAULT_CRISIS_NUMBERS, "CA")!;
    expect(note.heading).toBe("A reading of 170/105 or higher is high.");
    expect(`${note.heading} ${note.text}`).not.toContain("180");
    expect(bloodPressureNote(reading(160, 105), custom, DEFAULT_CRISIS_NUMBERS, "CA")).toBeDefined();
  });
});

describe("the consent step's crisis help", () => {
  it("says the default numbers for every country", () => {
    expect(consentCrisisHelp(DEFAULT_CRISIS_NUMBERS)).toBe(
      "If you are in crisis now, do not wait for this form. In Canada or the United States: call or text 9-8-8 or call 911. " +
        "Elsewhere: If you are in danger right now, call your local emergency number or go to your nearest emergency department.",
    );
  });
  it("takes its numbers from the configured crisis numbers, country by country", () => {
    const numbers: CrisisNumbers = {
      CA: { lines: [{ label: "Talk Suicide", number: "18334564566", display: "1-833-456-4566", sms: false }], emergencyText: "Call 911." },
      US: DEFAULT_CRISIS_NUMBERS.US,
      other: { lines: [{ label: "Samaritans", number: "116123", display: "116 123", sms: false }], emergencyText: "Call 999." },
    };
    const help = consentCrisisHelp(parseConfig({ CRISIS_NUMBERS: JSON.stringify(numbers) }).crisisNumbers);
    expect(help).toContain("In Canada: call 1-833-456-4566.");
    expect(help).toContain("In the United States: call or text 9-8-8 or call 911.");
    expect(help).toContain("Elsewhere: call 116 123.");
    expect(help).not.toContain("Canada or");
  });
  it("is not written into either questionnaire version (one definition: the configuration)", () => {
    for (const version of ["1", "2"]) expect(itemOf(version, "consent_not_emergency").help).toBeUndefined();
  });
});

describe("the PHQ-9 and GAD-7 stem", () => {
  const STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";
  it.each([
    ["1", fullAnswers()],
    ["2", fullAnswersV2()],
  ])("version %s lists it above the PHQ-9 items and above the GAD-7 items on the review and therapist pages", (version, answers) => {
    const def = questionnaireFor(version);
    expect(def.stems).toEqual({ phq9: STEM, gad7: STEM });
    const mood = def.sections.find((s) => s.id === "mood") as SectionDef;
    const html = text(renderToStaticMarkup(createElement(SectionAnswers, { section: mood, stems: def.stems, answers })));
    const at = (s: string) => html.indexOf(s);
    expect(html.split(STEM).length - 1).toBe(2);
    expect(at(STEM)).toBeLessThan(at("Little interest or pleasure in doing things"));
    expect(html.lastIndexOf(STEM)).toBeGreaterThan(at("Thoughts that you would be better off dead"));
    expect(html.lastIndexOf(STEM)).toBeLessThan(at("Feeling nervous, anxious, or on edge"));
  });
  it("is not shown in sections without those instruments", () => {
    const def = questionnaireFor("2");
    const html = renderToStaticMarkup(createElement(SectionAnswers, { section: sectionById("safety")!, stems: def.stems, answers: fullAnswersV2() }));
    expect(html).not.toContain("Over the last 2 weeks");
  });
});

describe("the AUDIT-C standard drink", () => {
  it.each(["1", "2"])("version %s defines it in the first AUDIT-C question's help, in Canadian measures", (version) => {
    const help = itemOf(version, "auditc_1").help!;
    for (const part of ["standard drink", "13.6 g of alcohol", "341 ml", "5% beer", "142 ml", "12% wine", "43 ml", "40% spirits"]) expect(help).toContain(part);
  });
});

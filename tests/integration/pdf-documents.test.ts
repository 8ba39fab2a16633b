import { describe, expect, it } from "vitest";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { assess, ruleSetFor, forDisplay, TRIAGE_WORDING } from "@/lib/assessment";
import { parseIntake } from "@/lib/questionnaire";
import { DEFAULT_CRISIS_NUMBERS } from "@/lib/config";
import { fullIntake } from "../fixtures/intakes";
import { flat, pdfFonts, pdfPages, pdfText } from "../support/pdf-text";

const TZ = "America/Toronto";

function intake(overrides: Record<string, unknown>) {
  const parsed = parseIntake(fullIntake(overrides), { receivedAt: new Date("2026-11-20T16:00:00Z"), timeZone: TZ, submittedAtPolicy: "recent" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const answers = parsed.intake.answers as Record<string, unknown>;
  return { answers, assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, ruleSetFor(parsed.intake.version)), submittedAt: parsed.intake.submittedAt };
}

const summary = (i: ReturnType<typeof intake>, reference = "KT-7XK4-9M2P") =>
  renderPdf({
    kind: "therapist-summary",
    input: {
      intakeId: "id",
      reference,
      receivedAt: i.submittedAt,
      submittedAt: i.submittedAt,
      answers: i.answers,
      assessment: i.assessment,
      consent: { privacyNoticeVersion: "2026-11-24", consentedAt: "2026-11-20T15:50:00Z" },
      generatedAt: "2026-11-21T14:00:00Z",
      timeZone: TZ,
      clinicName: "Bloor Street Ketamine Clinic",
    },
  });

const clientCopy = (i: ReturnType<typeof intake>) =>
  renderPdf({
    kind: "client-copy",
    input: { reference: "KT-7XK4-9M2P", submittedAt: i.submittedAt, answers: i.answers, generatedAt: "2026-11-20T16:05:00Z", timeZone: TZ, clinicName: "Bloor Street Ketamine Clinic", reviewWindow: "within 2 business days", crisis: DEFAULT_CRISIS_NUMBERS.CA },
  });

const URGENT = { phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no" };

describe("the therapist summary", () => {
  it("opens with the triage card: headline, URGENT banner with the triggering answers, considerations with evidence, scores and TRBD", async () => {
    const urgent = intake(URGENT);
    const pdf = await summary(urgent);
    const page1 = flat(pdfText(pdf, { page: 1 }));
    expect(page1).toContain("Zoë Bélanger-Nguyễn (Zoë)");
    expect(page1).toContain(TRIAGE_WORDING.urgent);
    expect(page1).toContain("URGENT — safety considerations");
    expect(page1).toContain("Thoughts that you would be better off dead or of hurting yourself in some way: More than half the days");
    expect(page1).toContain("Have you had any intention of acting on these thoughts?: I'm not sure");
    const all = flat(pdfText(pdf));
    for (const c of forDisplay(urgent.assessment.considerations)) {
      expect(all).toContain(flat(c.title));
      expect(all).toContain(flat(c.rationale));
    }
    expect(all.indexOf("Urgent safety: Active suicide risk")).toBeLessThan(all.indexOf("Needs medical clearance:"));
    expect(all).toContain("PHQ-9 (depression) 18 of 27 — moderately severe; item 9 (thoughts of death or self-harm): 2");
    expect(all).toContain("GAD-7 (anxiety) 9 of 21 — mild");
    expect(all).toContain("Criteria self-reported as not met: 1 adequate failed trial of recommended treatments");
  });

  it("answers each consultation question with the answers and considerations behind it, then every answer, the consent and a footer on every page", async () => {
    const pdf = await summary(intake({ questions_selected: ["type_safety", "long_term_safety", "outcomes"] }));
    const text = flat(pdfText(pdf));
    const questions = text.slice(text.indexOf("The client's questions for the consultation"), text.indexOf("Contact and emergency details"));
    // Label and answer sit in two columns; text extraction may interleave their lines, so each is checked on its own.
    expect(questions).toContain("Is ketamine safe for my bipolar type (I or II)? Which type of bipolar disorder were you told you have? Bipolar II");
    expect(questions).toContain("Have you ever become high or hypomanic after starting an antidepressant? I'm not sure");
    expect(questions).toContain("How is safety tracked over the long term?");
    expect(questions).toContain("Your most recent blood pressure: top number");
    expect(questions).toContain("152 mmHg");
    expect(questions).toContain("Consideration — Needs medical clearance: Blood pressure 152/88");
    expect(questions).toContain("Treatment: Quetiapine");
    expect(questions).toContain("Can I keep seeing my own psychiatrist?");
    expect(text).toContain("Emergency contact: name Marc Bélanger");
    expect(text).toContain("Any allergies to medicines? Penicillin — hives");
    expect(text).toContain("Every answer");
    expect(text).toContain("How often do you use cannabis? Monthly or less");
    expect(text).toContain("Agreed to the privacy notice (version 2026-11-24)");
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(3);
    for (let p = 1; p <= pages; p++) {
      const pageText = flat(pdfText(pdf, { page: p }));
      expect(pageText).toContain(`Page ${p} of ${pages}`);
      expect(pageText).toContain("CONFIDENTIAL — personal health information");
      expect(pageText).toContain("KT-7XK4-9M2P · questionnaire ketamine-trbd-intake v1 · rules 1 · generated November 21, 2026");
    }
  });

  it("has no URGENT banner when nothing urgent was raised", async () => {
    const text = flat(pdfText(await summary(intake({}))));
    expect(text).not.toContain("URGENT");
    expect(text).toContain(TRIAGE_WORDING.needs_clearance);
  });

  it("renders Latin Extended and Vietnamese names with the embedded Noto Sans subsets", async () => {
    const pdf = await summary(intake({ full_name: "Łukasz Øster-Nguyễn", preferred_name: "Łukasz", emergency_contact_name: "Zoë Bélanger" }));
    const text = flat(pdfText(pdf));
    expect(text).toContain("Łukasz Øster-Nguyễn (Łukasz)");
    expect(text).toContain("Zoë Bélanger");
    // The Latin, Latin Extended and Vietnamese subsets are all embedded (Helvetica, react-pdf's last
    // fallback, has none of Ł, Ø or ễ in its WinAnsi encoding, so the text above would not survive).
    const fonts = pdfFonts(pdf);
    expect(fonts.match(/\+NotoSans-Regular/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it("wraps and paginates 2,000-character answers without losing or clipping a word", async () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${String(i).padStart(3, "0")}x`);
    const long = words.join(" ").slice(0, 2000).replace(/\s\S*$/, "");
    const kept = long.split(" ");
    expect(long.length).toBeGreaterThan(1990);
    const pdf = await summary(intake({ goals: long, questions_other: long, medication_list: long }));
    const tokens = flat(pdfText(pdf)).split(" ");
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    // Each of the three answers appears twice (its own section and "Every answer"): every word 6 times, whole.
    for (const word of kept) expect(counts.get(word), word).toBe(6);
    expect(pdfPages(pdf)).toBeGreaterThan(pdfPages(await summary(intake({}))));
  });
});

describe("the client's copy", () => {
  it("holds their answers, their questions, what happens next and the crisis numbers — and no consideration or triage", async () => {
    const urgent = intake(URGENT);
    const text = flat(pdfText(await clientCopy(urgent)));
    expect(text).toContain("Your intake for ketamine-assisted therapy");
    expect(text).toContain("Zoë Bélanger-Nguyễn");
    expect(text).toContain("What happens next");
    expect(text).toContain("Suicide Crisis Helpline — call or text: 9-8-8");
    expect(text).toContain("Emergencies: 911");
    expect(text).toContain("not monitored in real time");
    expect(text).toContain("• Is ketamine safe for my bipolar type (I or II)?");
    expect(text).toContain("Get back to work and enjoy things again.");
    for (const c of urgent.assessment.considerations) {
      expect(text).not.toContain(flat(c.title));
      expect(text).not.toContain(flat(c.rationale));
    }
    for (const wording of Object.values(TRIAGE_WORDING)) expect(text).not.toContain(wording);
    expect(text).not.toMatch(/URGENT|Consideration|triage|PHQ-9 \(depression\)/i);
  });
});

import { describe, expect, it } from "vitest";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { forDisplay, TRIAGE_WORDING } from "@/lib/assessment";
import { DEFAULT_TREATMENT_DESCRIPTION, OFF_LABEL_LINES } from "@/lib/treatment-info";
import { itemsOfVersion } from "@/lib/questionnaire";
import { answerText, cardAnswer, consultationQuestions, datesInWords } from "@/lib/pdf/pdf-content";
import { callCard } from "@/lib/intake-summary-call-card";
import { SOURCES, sourceRefs } from "@/lib/assessment-sources";
import { fullIntake, fullIntakeV2 } from "../fixtures/intakes";
import { clientCopyInputFor, sampleBodies, summaryInputFor } from "../support/pdf-inputs";
import { flat, pdfFonts, pdfPages, pdfText } from "../support/pdf-text";

const summary = (body: unknown) => renderPdf({ kind: "therapist-summary", input: summaryInputFor(body) });
const clientCopy = (body: unknown, extra = {}) => renderPdf({ kind: "client-copy", input: clientCopyInputFor(body, extra) });

const URGENT = { phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no" };
const URGENT_V2 = { ...URGENT, lethal_means_access: ["firearm"], safety_plan: "no" };
const count = (text: string, part: string) => text.split(part).length - 1;
const FOOTER = /CONFIDENTIAL — personal health information.*?Page \d+/s;

describe("the therapist summary, page 1", () => {
  it("puts what a clinician needs to phone an urgent client today on page 1: triggers, pertinent negatives, phone, message permission, emergency contact", async () => {
    const pdf = await summary(fullIntakeV2({ ...URGENT_V2, ok_to_leave_message: "no" }));
    const page1 = flat(pdfText(pdf, { page: 1 }));
    const box = page1.slice(page1.indexOf(TRIAGE_WORDING.urgent), page1.indexOf("Considerations, most pressing first"));
    expect(page1).toContain("Zoë Bélanger-Nguyễn (Zoë)");
    // One heading: the triage wording is the box's title, not also a headline above it.
    expect(count(page1, TRIAGE_WORDING.urgent)).toBe(1);
    expect(page1).not.toMatch(/URGENT — safety considerations/);
    // The call card, in the box.
    expect(box).toContain("Call card Phone: +1 (416) 555-0142 May leave a message that mentions the clinic: No");
    expect(box).toContain("Emergency contact: Marc Bélanger, 416-555-0199");
    // What raised it: the triggering answers.
    expect(box).toContain("What raised it");
    expect(box).toContain("Thoughts that you would be better off dead or of hurting yourself in some way: More than half the days");
    expect(box).toContain("Have you had any intention of acting on these thoughts? I'm not sure");
    // The pertinent negatives: every other safety item this version asks and the person was shown.
    expect(box).toContain("Have you thought about how you would do it, or made a plan? No");
    expect(box).toContain("Have you ever tried to end your life? Never");
    expect(box).toContain("In the past month, have you hurt yourself on purpose without wanting to die? No");
    expect(box).toContain("Do you have access to any of these at home? A firearm (gun)");
    expect(box).toContain("Do you have a written safety plan for when things get hard? No");
    expect(box).toContain("Right now, do you feel safe from acting on thoughts of suicide? Yes");
    // Each safety answer once in the whole document.
    const all = flat(pdfText(pdf));
    expect(count(all, "Have you ever tried to end your life?")).toBe(1);
    expect(count(all, "Right now, do you feel safe from acting on thoughts of suicide?")).toBe(1);
  });

  it("says a message may be left when the client allows it, and has no URGENT box when nothing urgent was raised", async () => {
    const urgent = flat(pdfText(await summary(fullIntakeV2(URGENT_V2)), { page: 1 }));
    expect(urgent).toContain("May leave a message that mentions the clinic: Yes");
    const calm = flat(pdfText(await summary(fullIntakeV2())));
    expect(calm).not.toMatch(/urgent/i);
    expect(calm).toContain(TRIAGE_WORDING.needs_clearance);
  });

  it("has the intake page's call card on page 1 of a summary that is not urgent, each of its answers printed once", async () => {
    const body = fullIntakeV2({ ok_to_leave_message: "no" });
    const pdf = await summary(body);
    const page1 = flat(pdfText(pdf, { page: 1 }));
    const card = page1.slice(page1.indexOf("Call card"), page1.indexOf("Considerations, most pressing first"));
    expect(page1).toContain(TRIAGE_WORDING.needs_clearance);
    // The same lines as the intake page (callCard()), in order, before the considerations.
    const input = summaryInputFor(body);
    const lines = callCard(input.answers, input.questionnaireVersion, input.assessment).map(cardAnswer);
    expect(lines.map((l) => l.label)).toEqual(["Phone", "May leave a message that mentions the clinic", "Prefers to be contacted by", "Emergency contact", "Age", "Bipolar type", "Current mood medicines", "PHQ-9"]);
    expect(card).toContain(flat(lines.map(answerText).join(" ")));
    expect(card).toContain("Phone: +1 (416) 555-0142 May leave a message that mentions the clinic: No");
    expect(card).toContain("Emergency contact: Marc Bélanger, 416-555-0199 Age: 41 Bipolar type: Bipolar II (who diagnosed it: A psychiatrist)");
    expect(card).toContain("Lamotrigine (Lamictal), 200 mg per day");
    expect(card).toMatch(/PHQ-9: \d+ of 27 \(.+\) Item 9, thoughts of death or self-harm: Not at all/);
    // Not printed again elsewhere: not under contact details, not among every other answer.
    const all = flat(pdfText(pdf));
    expect(count(all, "Marc Bélanger")).toBe(1);
    expect(count(all, "+1 (416) 555-0142")).toBe(1);
    expect(all).not.toContain(flat(itemsOfVersion("2").find((i) => i.id === "phq9_9")!.label));
    expect(all).not.toContain("How would you like us to contact you?");
  });

  it("lists PHQ-9 item 9 in the urgent box: under what raised it when it triggered, among the other safety answers when not", async () => {
    const item9 = flat(itemsOfVersion("2").find((i) => i.id === "phq9_9")!.label);
    const boxOf = async (body: unknown) => {
      const page1 = flat(pdfText(await summary(body), { page: 1 }));
      const box = page1.slice(page1.indexOf(TRIAGE_WORDING.urgent), page1.indexOf("Considerations, most pressing first"));
      return { raised: box.slice(box.indexOf("What raised it"), box.indexOf("The other safety answers")), other: box.slice(box.indexOf("The other safety answers")) };
    };
    // Triggered by item 9 alone (2 = more than half the days; no intent, no plan), in both versions: it sits in the mood section.
    for (const body of [fullIntakeV2({ ...URGENT_V2, si_intent: "no" }), fullIntake({ ...URGENT, si_intent: "no" })]) {
      const { raised, other } = await boxOf(body);
      expect(raised).toContain(`${item9}: More than half the days`);
      expect(other).not.toContain(item9);
    }
    // The v2 urgent sample: intent raised it, item 9 = 1 did not, and is still shown in the box.
    const { raised, other } = await boxOf(fullIntakeV2({ ...URGENT_V2, phq9_9: 1 }));
    expect(raised).not.toContain(item9);
    expect(other).toContain(`${item9}: Several days`);
    // Each answer once: not again in the mood section.
    expect(count(flat(pdfText(await summary(fullIntakeV2({ ...URGENT_V2, phq9_9: 1 })))), item9)).toBe(1);
  });

  it("has the one-line clinical snapshot under the name: episode, hospital stays, weight in kg (type, medicines and age are on the call card)", async () => {
    const page1 = flat(pdfText(await summary(fullIntakeV2({ last_hospitalization: "within_12_months" })), { page: 1 }));
    expect(page1).toContain("(Zoë) current episode 30 weeks · in hospital once, the last in the past 12 months · 77.5 kg Intake");
    const v1 = flat(pdfText(await summary(fullIntake({ psychiatric_hospitalizations: "two_or_more", on_mood_medication: "no", weight_kg: 62 })), { page: 1 }));
    expect(v1).toContain("current episode 30 weeks · in hospital 2 or more times · 62 kg");
    expect(v1).toContain("Current mood medicines: None: takes no mood stabilizer or antipsychotic");
  });

  it("explains the source codes the considerations cite in a sources key after them, only the codes used", async () => {
    const body = fullIntakeV2(URGENT_V2);
    const all = flat(pdfText(await summary(body)));
    const cited = [...new Set(forDisplay(summaryInputFor(body).assessment.considerations).flatMap((c) => sourceRefs(c.source).map((r) => r.code)))];
    expect(cited.length).toBeGreaterThan(1);
    expect(all).toContain("Sources: SPR, SEED");
    const key = all.slice(all.indexOf("Sources cited"), all.indexOf("Scores"));
    expect(all.indexOf("Sources cited")).toBeGreaterThan(all.indexOf("Considerations, most pressing first"));
    for (const code of cited) expect(key).toContain(`${code}: ${SOURCES[code as keyof typeof SOURCES]}`);
    for (const code of Object.keys(SOURCES).filter((c) => !cited.includes(c))) expect(key).not.toContain(`${code}:`);
  });

  it("prints the notes and status history at the end only when asked for", async () => {
    const record = {
      notes: [{ at: "2026-11-21T13:30:00Z", by: "Dr. Amara Osei", body: "Left a voicemail.\nWill call back Monday." }],
      history: [{ from: "new", to: "in_review", at: "2026-11-21T13:00:00Z", by: "Dr. Amara Osei" }],
    };
    const without = flat(pdfText(await summary(fullIntakeV2())));
    expect(without).not.toContain("Notes and status history");
    expect(without).not.toContain("Left a voicemail");
    const withRecord = flat(pdfText(await renderPdf({ kind: "therapist-summary", input: summaryInputFor(fullIntakeV2(), { record }) })));
    const section = withRecord.slice(withRecord.indexOf("Notes and status history"));
    expect(withRecord.indexOf("Notes and status history")).toBeGreaterThan(withRecord.indexOf("Every other answer"));
    expect(section).toContain("21 November 2026, 08:30, Dr. Amara Osei: Left a voicemail. Will call back Monday.");
    expect(section).toContain("21 November 2026, 08:00, Dr. Amara Osei: from New to In review");
    const empty = flat(pdfText(await renderPdf({ kind: "therapist-summary", input: summaryInputFor(fullIntakeV2(), { record: { notes: [], history: [] } }) })));
    expect(empty).toContain("No notes.");
    expect(empty).toContain("The status has not changed since the intake arrived.");
  });
});

describe("the therapist summary, TRBD trial by trial", () => {
  it("puts each past trial on one line, counted or not and why, with lamotrigine needing 8 weeks under rule set 2", async () => {
    const trials = [
      { treatment: "lithium", weeks: 12, adequate_dose: "yes", outcome: "partial" },
      { treatment: "lithium", weeks: 10, adequate_dose: "yes", outcome: "no_benefit" },
      { treatment: "lamotrigine", weeks: 7, adequate_dose: "yes", outcome: "no_benefit" },
      { treatment: "quetiapine", weeks: 8, adequate_dose: "yes", outcome: "stopped_side_effects" },
      { treatment: "lurasidone", weeks: 8, adequate_dose: "no", outcome: "no_benefit" },
      { treatment: "valproate", weeks: 9, adequate_dose: "yes", outcome: "remission" },
      { treatment: "cariprazine", weeks: 4, adequate_dose: "yes", outcome: "no_benefit" },
      { treatment: "other", other_name: "Bright light therapy", weeks: 4, adequate_dose: "unsure", outcome: "no_benefit" },
    ];
    const text = flat(pdfText(await summary(fullIntakeV2({ past_treatment_trials: trials }))));
    // The clinic's record: the outcome in a clinician's words, "Counted" / "Not counted: why" in one case.
    expect(text).toContain("1. Lithium, 12 weeks, target dose reached, helped a little — Counted");
    expect(text).toContain("2. Lithium, 10 weeks, target dose reached, did not help — Not counted: duplicate of a counted trial of the same treatment");
    expect(text).toContain("3. Lamotrigine, 7 weeks, target dose reached, did not help — Not counted: fewer than 8 weeks");
    // Side effects are both the outcome and the reason: said once.
    expect(text).toContain("4. Quetiapine, 8 weeks, target dose reached — Not counted: stopped for side effects");
    expect(text).toContain("5. Lurasidone, 8 weeks, target dose not reached, did not help — Not counted: dose not adequate");
    expect(text).toContain("6. Valproate / divalproex, 9 weeks, target dose reached, felt well again — Not counted: remission");
    expect(text).toContain("7. Cariprazine, 4 weeks, target dose reached, did not help — Not counted: fewer than 6 weeks");
    expect(text).toContain("8. Something else (Bright light therapy), 4 weeks, not sure the target dose was reached, did not help — Not counted: not a recommended treatment");
    expect(text).not.toMatch(/COUNTED|— not counted|\bI stopped\b|\bI felt\b|\bit did not help\b|\bit helped\b/);
    expect(text).toContain("Treatment-resistant bipolar depression: Not met on self-report: 1 of the 2 adequate failed trials needed");
    // Rule set 1 (a v1 intake): 7 weeks of lamotrigine count.
    const v1 = flat(pdfText(await summary(fullIntake({ past_treatment_trials: [trials[2]] }))));
    expect(v1).toContain("1. Lamotrigine, 7 weeks, target dose reached, did not help — Counted");
  });
});

describe("the therapist summary, each answer once and both versions", () => {
  it("prints each medicine once, one date format, no doubled full stops, no near-empty page", async () => {
    for (const body of [fullIntakeV2({ ...URGENT_V2, medication_list: "As above" }), fullIntake({ medication_list: "As above" })]) {
      const pdf = await summary(body);
      const text = flat(pdfText(pdf));
      expect(count(text, "Ziprasidone")).toBe(1);
      expect(count(text, "Lamotrigine (Lamictal)")).toBe(1);
      expect(count(text, "Penicillin — hives")).toBe(1);
      expect(count(text, "Bright light therapy")).toBe(1);
      // The privacy notice's version is a date too: in the same format.
      expect(text).toContain("Agreed to the privacy notice (version 24 November 2026)");
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(text).not.toMatch(/\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/);
      expect(text).toContain("generated 21 November 2026, 09:00");
      expect(text).toContain("2 September 2026");
      expect(text).not.toMatch(/\.\s*\./);
      const pages = pdfPages(pdf);
      for (let p = 1; p <= pages; p++) {
        const page = pdfText(pdf, { page: p });
        expect(page).toContain("CONFIDENTIAL — personal health information");
        expect(page).toContain(`Page ${p}`);
        // More than a stray line or two of content besides the footer.
        const body = page.replace(FOOTER, "").split("\n").filter((l) => l.trim()).length;
        expect(body, `page ${p} of ${pages}`).toBeGreaterThan(8);
      }
      expect(flat(pdfText(pdf, { page: pages }))).toContain(`End of the summary — ${pages} pages`);
    }
  });

  it("renders a v1 intake with its own questions and version, and a v2 intake with the v2 questions", async () => {
    const v1 = flat(pdfText(await summary(fullIntake(URGENT))));
    const v2 = flat(pdfText(await summary(fullIntakeV2(URGENT_V2))));
    expect(v1).toContain("questionnaire ketamine-trbd-intake v1 · rules 1");
    expect(v2).toContain("questionnaire ketamine-trbd-intake v2 · rules 2");
    const v1Ids = new Set(itemsOfVersion("1").map((i) => i.id));
    for (const item of itemsOfVersion("2").filter((i) => !v1Ids.has(i.id))) expect(v1, item.id).not.toContain(flat(item.label));
    // The v1 wording of a question v2 rewords.
    const safeNow = (v: "1" | "2") => flat(itemsOfVersion(v).find((i) => i.id === "si_safe_now")!.label);
    expect(safeNow("1")).not.toBe(safeNow("2"));
    expect(v1).toContain(safeNow("1"));
    expect(v1).not.toContain(safeNow("2"));
    expect(v2).toContain(safeNow("2"));
    expect(v2).toContain("Have you had four or more separate mood episodes (low, high or mixed) in a single year? No");
  });

  it("keeps the considerations with their rationale, most pressing first, scores, the client's questions and the consent", async () => {
    const input = summaryInputFor(fullIntakeV2(URGENT_V2));
    const text = flat(pdfText(await renderPdf({ kind: "therapist-summary", input })));
    for (const c of forDisplay(input.assessment.considerations)) {
      expect(text).toContain(flat(datesInWords(c.title)));
      expect(text).toContain(flat(datesInWords(c.rationale)));
    }
    expect(text.indexOf("Urgent safety: Active suicide risk")).toBeLessThan(text.indexOf("Needs medical clearance:"));
    expect(text).toContain("Needs medical clearance: Blood pressure 152/88 on 2 September 2026");
    expect(text).toContain("PHQ-9 (depression): 18 of 27 — moderately severe; item 9 (thoughts of death or self-harm): 2");
    expect(text).toContain("Is ketamine safe for my bipolar type (I or II)?");
    // Under a question, a consideration has one label: its severity.
    expect(text).toContain("How is safety tracked over the long term? Needs medical clearance: Blood pressure 152/88");
    expect(text).not.toContain("Consideration —");
    expect(text).toContain("Anything else you would like to ask? Can I keep seeing my own psychiatrist?");
    expect(text).toContain("How often do you use cannabis? Monthly or less");
    // Consent is given before the answers are sent, and the line says when.
    expect(Date.parse(input.consent!.consentedAt)).toBeLessThan(Date.parse(input.submittedAt));
    expect(text).toContain("Agreed to the privacy notice (version 24 November 2026) and confirmed that the form is not monitored in real time and not for emergencies, on 20 November 2026, 09:41.");
  });

  it("renders Latin Extended and Vietnamese names with the embedded Noto Sans subsets", async () => {
    // The name is the (bold) title; the goals are regular text.
    const pdf = await summary(fullIntakeV2({ full_name: "Łukasz Øster-Nguyễn", preferred_name: "Łukasz", emergency_contact_name: "Zoë Bélanger", goals: "Feel like Łukasz Øster-Nguyễn again." }));
    const text = flat(pdfText(pdf));
    expect(text).toContain("Łukasz Øster-Nguyễn (Łukasz)");
    expect(text).toContain("Zoë Bélanger");
    const fonts = pdfFonts(pdf);
    expect(fonts.match(/\+NotoSans-Regular/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it("wraps and paginates 2,000-character answers without losing or clipping a word, each once", async () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${String(i).padStart(3, "0")}x`);
    const long = words.join(" ").slice(0, 2000).replace(/\s\S*$/, "");
    const kept = long.split(" ");
    const pdf = await summary(fullIntakeV2({ goals: long, questions_other: long, medication_list: long }));
    const counts = new Map<string, number>();
    for (const t of flat(pdfText(pdf)).split(" ")) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const word of kept) expect(counts.get(word), word).toBe(3);
  });
});

describe("both PDFs, as a clinician reads them", () => {
  const URGENT_V1_QUESTIONS = { ...URGENT, questions_selected: ["type_safety", "mood_stabilizer", "schedule", "outcomes", "long_term_safety"] };
  const bodies = () => [fullIntakeV2(URGENT_V2), fullIntakeV2(), fullIntake(URGENT_V1_QUESTIONS), fullIntake()];

  it("joins a question ending in punctuation and its answer without a colon, everywhere", async () => {
    for (const body of bodies()) {
      for (const pdf of [await summary(body), await clientCopy(body)]) {
        const text = flat(pdfText(pdf));
        expect(text).not.toMatch(/[?!.]:/);
        expect(text).toMatch(/\? (Yes|No)\b/);
      }
    }
  });

  it("prints the blood-pressure reading once, whole, with its date, in the evidence and among the answers", async () => {
    for (const body of bodies()) {
      const text = flat(pdfText(await summary(body)));
      expect(count(text, "152/88 mmHg")).toBe(1);
      expect(text).toContain("Your most recent blood pressure: 152/88 mmHg, 2 September 2026");
      expect(text).not.toMatch(/top number|bottom number|systolic|diastolic|Date of that reading/);
      expect(text).not.toMatch(/(?<!\/)\b88 mmHg/);
      const copy = flat(pdfText(await clientCopy(body)));
      expect(copy).toContain("Your most recent blood pressure: 152/88 mmHg, 2 September 2026");
      expect(copy).not.toMatch(/top number|bottom number|Date of that reading/);
    }
  });

  it("keeps each client question with its considerations, the section's last lines not alone at the top of a page, and no near-empty page in the samples", async () => {
    for (const [name, body] of [["v1 urgent, 3 questions", fullIntake(URGENT)], ...Object.entries(sampleBodies())] as const) {
      const pdf = await summary(body);
      const pages = Array.from({ length: pdfPages(pdf) }, (_, p) => flat(pdfText(pdf, { page: p + 1 })));
      for (const [p, page] of pages.entries()) expect(page.replace(FOOTER, "").split(" ").length, `${name}, page ${p + 1}`).toBeGreaterThan(80);
      const pageOf = (part: string) => pages.findIndex((p) => p.includes(part));
      const input = summaryInputFor(body);
      const questions = consultationQuestions(input.answers, input.assessment);
      for (const q of questions) {
        const page = pageOf(q.question);
        expect(page, `${name}: ${q.question}`).toBeGreaterThanOrEqual(0);
        const after = pages[page]!.slice(pages[page]!.indexOf(q.question));
        for (const c of q.considerations) expect(after, `${name}: ${q.question} / ${c.id}`).toContain(flat(datesInWords(c.title)));
        expect(after).toContain("The answers behind it:");
      }
      // The client's own questions start on the page of a checklist question.
      const own = pageOf("Anything else you would like to ask?");
      expect(questions.some((q) => pageOf(q.question) === own), name).toBe(true);
      // The consent line and the end mark are on the last page.
      expect(pageOf("Agreed to the privacy notice"), name).toBe(pages.length - 1);
      expect(pages.at(-1)).toContain(`End of the summary — ${pages.length} pages`);
    }
  });
});

describe("the client's copy", () => {
  it("shows past treatments and medicines as one readable row each, height and weight in both units, and an off-label heading the text does not repeat", async () => {
    const text = flat(pdfText(await clientCopy(fullIntakeV2(URGENT_V2))));
    expect(text).toContain("Which treatments have you tried? Lithium, 12 weeks, target dose reached, helped a little Quetiapine, 8 weeks, target dose reached, stopped for side effects");
    expect(text).toContain("Something else (Bright light therapy), 4 weeks, not sure the target dose was reached, did not help");
    expect(text).toContain("Which mood stabilizers or antipsychotics do you take now? Lamotrigine (Lamictal) 200 mg per day, since June 2025 Ziprasidone 40 mg per day");
    expect(text).not.toMatch(/Treatment: |How many weeks did you try it|Did you reach the dose|Medication: |When did you start it/);
    expect(text).toContain("Height: 168 cm (5 ft 6 in)");
    expect(text).toContain("Weight: 77.5 kg (171 lb)");
    const heading = text.slice(text.indexOf("What treatment involves"), text.indexOf(OFF_LABEL_LINES[0]!));
    const offLabelHeading = heading.split(flat(DEFAULT_TREATMENT_DESCRIPTION).slice(-30)).at(-1)!.trim();
    expect(offLabelHeading.length).toBeGreaterThan(0);
    for (const line of OFF_LABEL_LINES) expect(line).not.toContain(offLabelHeading);
  });

  it("holds their answers, their questions, what happens next, what treatment involves, the off-label statement and the crisis numbers — and no consideration or triage", async () => {
    const input = summaryInputFor(fullIntakeV2(URGENT_V2));
    const text = flat(pdfText(await clientCopy(fullIntakeV2(URGENT_V2))));
    expect(text).toContain("Your intake for ketamine-assisted therapy");
    expect(text).toContain("Zoë Bélanger-Nguyễn");
    expect(text).toContain("Suicide Crisis Helpline — call or text: 9-8-8");
    expect(text).toContain("not monitored in real time");
    expect(text).toContain("• Is ketamine safe for my bipolar type (I or II)?");
    expect(text).toContain("What treatment involves");
    expect(text).toContain("To contact Bloor Street Ketamine Clinic (fictional), phone 416-555-0100 or e-mail intake@bloor.example. Quote your reference.");
    expect(text).toContain("0.5 mg for each kg of your body weight, over 40 minutes");
    expect(text).toContain("1–2 times a week; a course is usually 4–6 sessions");
    expect(text).toContain("Someone must take you home after each session");
    expect(text).toContain("blood pressure is checked before, during and after each session");
    for (const line of OFF_LABEL_LINES) expect(text).toContain(line);
    expect(text).toContain("Using ketamine for bipolar depression is off-label: no ketamine product is approved for it.");
    expect(text).toContain("questionnaire ketamine-trbd-intake v2");
    for (const c of input.assessment.considerations) {
      expect(text).not.toContain(flat(c.title));
      expect(text).not.toContain(flat(c.rationale));
    }
    for (const wording of Object.values(TRIAGE_WORDING)) expect(text).not.toContain(wording);
    expect(text).not.toMatch(/URGENT|Consideration|triage|PHQ-9 \(depression\)/i);
  });

  it("prints the clinic's own description of treatment when configured, and a v1 intake with its version", async () => {
    const own = "Our course: six infusions over three weeks.\nBring a friend to take you home.";
    const text = flat(pdfText(await clientCopy(fullIntake(), { treatmentDescription: own })));
    expect(text).toContain("Our course: six infusions over three weeks. Bring a friend to take you home.");
    expect(text).not.toContain(flat(DEFAULT_TREATMENT_DESCRIPTION).slice(0, 40));
    expect(text).toContain("questionnaire ketamine-trbd-intake v1");
  });
});

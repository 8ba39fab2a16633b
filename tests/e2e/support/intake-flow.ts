import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/**
 * A fictional person filling in the intake, step by step, the way a person does: by labels,
 * legends and buttons. Each step function starts on its step and ends on the next one.
 */

interface Person {
  sexAtBirth: "Female" | "Male";
  phq9Item9: 0 | 1 | 2 | 3;
  country?: "Canada" | "United States" | "Another country";
}

const DEFAULT_PERSON: Person = { sexAtBirth: "Female", phq9Item9: 0 };

export const group = (page: Page, legend: string | RegExp) => page.getByRole("group", { name: legend });

export async function choose(page: Page, legend: string | RegExp, option: string) {
  await group(page, legend).getByLabel(option, { exact: true }).check();
}

/** Chooses a scale answer (0–3 or 0–4) by its position, for the PHQ-9, GAD-7 and AUDIT-C items. */
export async function chooseScale(page: Page, itemId: string, value: number) {
  await page.locator(value === 0 ? `#f-${itemId}` : `#f-${itemId}-${value}`).check();
}

export async function continueTo(page: Page, nextStep: string) {
  await page.getByRole("button", { name: /^(Continue|Save and continue)$/ }).click();
  await page.waitForURL(new RegExp(`/intake/${nextStep}(\\?|$)`));
}

export async function consent(page: Page) {
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.getByLabel(/not monitored in real time/).check();
  await continueTo(page, "about");
}

export async function about(page: Page, person: Person = DEFAULT_PERSON) {
  await page.getByLabel("Full name").fill("Zoë Bélanger-Nguyễn");
  await page.getByLabel("Day").fill("12");
  await page.getByLabel("Month").fill("4");
  await page.getByLabel("Year").fill("1988");
  await choose(page, "Sex assigned at birth", person.sexAtBirth);
  await page.getByLabel("Email address").fill("zoe.example@example.org");
  await page.getByLabel("Phone number", { exact: true }).fill("+1 416 555 0142");
  await choose(page, /OK to leave a voicemail/, "Yes");
  await choose(page, "Where do you live?", person.country ?? "Canada");
  await page.getByLabel("Province or state").fill("Ontario");
  await choose(page, "How should we contact you?", "Email");
  await page.getByLabel("Emergency contact: name").fill("Łukasz Øster");
  await page.getByLabel("Emergency contact: phone number").fill("416 555 0199");
  await continueTo(page, "diagnosis");
}

async function diagnosis(page: Page) {
  await choose(page, /Which type of bipolar disorder/, "Bipolar II");
  await choose(page, "Who diagnosed it?", "A psychiatrist");
  await page.getByLabel(/How many weeks has your current low mood lasted/).fill("20");
  await choose(page, /stayed in hospital/, "Never");
  await choose(page, /heard or seen things others don't/, "Never");
  await choose(page, /manic or hypomanic episode/, "No");
  await choose(page, /high or hypomanic after starting an antidepressant/, "No");
  await choose(page, /four or more separate mood episodes/, "No");
  await choose(page, /blood relatives had any of these/, "None of these");
  await continueTo(page, "mood");
}

/** PHQ-9 (and its difficulty question), on a page of its own. */
async function mood(page: Page, person: Person = DEFAULT_PERSON) {
  for (let i = 1; i <= 8; i++) await chooseScale(page, `phq9_${i}`, 2);
  await chooseScale(page, "phq9_9", person.phq9Item9);
  await choose(page, /how difficult have these problems/, "Very difficult");
  await continueTo(page, "mood-anxiety");
}

async function moodAnxiety(page: Page) {
  for (let i = 1; i <= 7; i++) await chooseScale(page, `gad7_${i}`, 1);
  await continueTo(page, "mood-elevation");
}

async function moodElevation(page: Page) {
  await choose(page, /In the past week, have you noticed/, "None of these");
  await continueTo(page, "safety");
}

/** The version-2 safety follow-ups (asked after the intent/plan gate, any attempt, or self-harm): no means at home, a plan written. */
export async function answerSafetyFollowUps(page: Page) {
  await choose(page, SAFETY_LABELS.lethalMeans, "None of these");
  await choose(page, SAFETY_LABELS.safetyPlan, "Yes");
}

/** Legends of the safety step's questions, as version 2 words them. */
export const SAFETY_LABELS = {
  selfHarm: /hurt yourself on purpose without wanting to die/,
  lethalMeans: "Do you have access to any of these at home?",
  safetyPlan: /written safety plan/,
  safeNow: /Right now, do you feel safe from acting on thoughts of suicide/,
} as const;

async function safety(page: Page) {
  await choose(page, /thoughts of ending your life/, "No");
  // PHQ-9 item 9 above zero brings up the intent and plan questions.
  if (await group(page, /intention of acting/).count()) {
    await choose(page, /intention of acting/, "No");
    await choose(page, /made a plan/, "No");
  }
  await choose(page, "Have you ever tried to end your life?", "Never");
  await choose(page, SAFETY_LABELS.selfHarm, "No");
  if (await group(page, SAFETY_LABELS.lethalMeans).count()) await answerSafetyFollowUps(page);
  await choose(page, SAFETY_LABELS.safeNow, "Yes");
  await continueTo(page, "treatment");
}

/** The first mood medicine, entered in the add-another loop ("Add this medication" shows the list). */
async function treatment(page: Page) {
  await choose(page, /mood stabilizer or an antipsychotic now/, "Yes");
  await page.getByLabel("Medication", { exact: true }).selectOption("lamotrigine");
  await page.getByLabel("Dose (optional)", { exact: true }).fill("200");
  await continueTo(page, "treatment-other");
}

async function treatmentOther(page: Page) {
  await choose(page, /any of these other medicines/, "None of these");
  await continueTo(page, "treatment-past");
}

async function treatmentPast(page: Page) {
  await choose(page, /tried other treatments/, "No");
  await choose(page, /seeing a therapist or counsellor/, "Yes");
  await continueTo(page, "ketamine");
}

async function ketamine(page: Page) {
  await choose(page, /ketamine or esketamine \(Spravato\) before/, "Never");
  await choose(page, /allergic reaction to ketamine/, "No");
  await continueTo(page, "health");
}

async function health(page: Page, person: Person = DEFAULT_PERSON) {
  await page.getByLabel("Height in centimetres").fill("168");
  await page.getByLabel("Weight in kilograms").fill("64");
  await choose(page, /told you that you have high blood pressure/, "No");
  await choose(page, "Have you ever had any of these?", "None of these");
  await choose(page, "Do you have any of these?", "None of these");
  await choose(page, "Do you have any of these health conditions?", "None of these");
  await choose(page, /serious problem with an anaesthetic/, "No");
  if (person.sexAtBirth !== "Male") await choose(page, /pregnant, breastfeeding/, "None of these");
  await continueTo(page, "substances");
}

async function substances(page: Page) {
  await chooseScale(page, "auditc_1", 1);
  await chooseScale(page, "auditc_2", 0);
  await chooseScale(page, "auditc_3", 0);
  await choose(page, "How often do you use cannabis?", "Never");
  await choose(page, /In the past 12 months, have you used/, "None of these");
  await choose(page, /problem with ketamine, PCP, DXM/, "Never");
  await choose(page, /caused problems for you/, "Never");
  await continueTo(page, "practical");
}

async function practical(page: Page) {
  await choose(page, /take you home after each session/, "Yes");
  await choose(page, /reach out to between sessions/, "Yes");
  await choose(page, "How did you hear about us?", "My psychiatrist");
  await continueTo(page, "questions");
}

async function questions(page: Page) {
  await group(page, "Which of these would you like to discuss?").getByLabel(/safe for my bipolar type/).check();
  await page.getByLabel("What do you hope treatment will change for you?").fill("Getting back to work.");
  await continueTo(page, "review");
}

/** Every page of the wizard, in order (the mood and treatment sections take three pages each). */
export const STEP_ORDER = [
  "consent",
  "about",
  "diagnosis",
  "mood",
  "mood-anxiety",
  "mood-elevation",
  "safety",
  "treatment",
  "treatment-other",
  "treatment-past",
  "ketamine",
  "health",
  "substances",
  "practical",
  "questions",
] as const;

/** Fills every step from the current one (consent by default) up to, not including, `stop`. */
export async function fillUntil(page: Page, stop: (typeof STEP_ORDER)[number] | "review", person: Person = DEFAULT_PERSON) {
  const fillers: Record<(typeof STEP_ORDER)[number], (p: Page) => Promise<void>> = {
    consent,
    about: (p) => about(p, person),
    diagnosis,
    mood: (p) => mood(p, person),
    "mood-anxiety": moodAnxiety,
    "mood-elevation": moodElevation,
    safety,
    treatment,
    "treatment-other": treatmentOther,
    "treatment-past": treatmentPast,
    ketamine,
    health: (p) => health(p, person),
    substances,
    practical,
    questions,
  };
  const current = new URL(page.url()).pathname.split("/").pop() as (typeof STEP_ORDER)[number];
  for (const step of STEP_ORDER.slice(STEP_ORDER.indexOf(current))) {
    if (step === stop) return;
    await fillers[step](page);
  }
  assert.equal(stop, "review");
}

export async function submitFromReview(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.waitForURL(/\/intake\/sent$/);
  const reference = (await page.locator(".reference").textContent())!.trim();
  assert.match(reference, /^KT-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return reference;
}

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage, PHONE } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntakeV2 } from "../fixtures/intakes";

/**
 * The therapist's side of a treatment course: start it from an intake whose consult is booked,
 * record a session (mg/kg beside the dose, a pair error named, a severe pre-dose BP flagged),
 * correct it on its own page (the earlier version kept and shown; also without JavaScript), create a check-in link, see an urgent check-in
 * on top of the dashboard, acknowledge it (focused confirmation), move the phase to ended with a
 * reason; axe clean at 360 px; the session form by keyboard alone.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const DOB = "1985-03-14";

async function submitIntake(overrides: Record<string, unknown>): Promise<{ id: string }> {
  const { submittedAt: _drop, ...body } = fullIntakeV2({ date_of_birth: DOB, ...overrides });
  const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string };
}

/** Answers a check-in link as the client would, through lib/course-records (support/seed-checkin.ts). */
function answerCheckin(url: string, answers: Record<string, unknown>) {
  const token = new URL(url).pathname.split("/").at(-1)!;
  const result = spawnSync(process.execPath, ["bin/run.mjs", "tests/e2e/support/seed-checkin.ts", token, DOB], {
    input: JSON.stringify(answers),
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH, KEYS_DIR: process.env.E2E_KEYS_DIR },
  });
  assert.equal(result.status, 0, `seeding the check-in failed: ${result.stdout} ${result.stderr}`);
}

const URGENT_CHECKIN = {
  phq9_1: 2, phq9_2: 2, phq9_3: 2, phq9_4: 2, phq9_5: 1, phq9_6: 1, phq9_7: 1, phq9_8: 0, phq9_9: 2,
  mania_symptoms_past_week: ["none"],
  si_thoughts_since_last: "yes",
  si_intent: "no",
  si_plan: "no",
  si_safe_now: "yes",
  si_attempt_since_last: "no",
  self_harm_since_last: "no",
  side_effects: ["none"],
  global_change: "no_change",
};

async function assertConfirmed(page: Page, heading: RegExp, done: string) {
  const banner = page.locator("#confirmation", { hasText: heading });
  await banner.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "confirmation");
  assert.equal(new URL(page.url()).search, `?done=${done}`, "the address carries only which action was done");
}

async function fillSession(page: Page, prefix: string, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) await page.locator(`#${prefix}-${field}`).fill(value);
}

describe("the therapist's course pages", () => {
  it("starts a course, records and corrects a session, creates a check-in link, acknowledges an urgent check-in from the dashboard's top, ends the course", async () => {
    const intake = await submitIntake({ full_name: "Corin Coursepage", weight_kg: 72 });
    const therapist = createTherapist("coursepage");
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, therapist);
    await page.goto(`/dashboard/intakes/${intake.id}`);
    const section = page.locator("section", { has: page.locator("#course-heading") });
    assert.match((await section.textContent())!, /A course can start once the consult is booked/);
    await page.getByRole("button", { name: "Move to “Consultation booked”" }).click();
    await page.locator("#confirmation").waitFor();

    // The start form: defaults given; a wrong value is named.
    assert.equal(await page.locator("#start-course-planned_acute_sessions").inputValue(), "6");
    assert.notEqual(await page.locator("#start-course-baseline_phq9").inputValue(), "", "the baseline defaults to the intake's PHQ-9");
    const today = await page.locator("#start-course-started_on").inputValue();
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
    await page.locator("#start-course-planned_acute_sessions").fill("13");
    await page.getByRole("button", { name: "Start a course" }).click();
    const startErrors = page.locator(".error-summary");
    await startErrors.waitFor();
    assert.match((await startErrors.textContent())!, /Planned acute sessions: Enter a number between 1 and 12/);
    await page.locator("#start-course-planned_acute_sessions").fill("4");
    await page.locator("#start-course-baseline_phq9").fill("18");
    await page.getByRole("button", { name: "Start a course" }).click();
    await page.waitForURL(/\/dashboard\/courses\/[A-Za-z0-9_-]{22}\?done=started$/);
    await assertConfirmed(page, /Course started/, "started");
    const coursePath = new URL(page.url()).pathname;
    assert.match((await page.locator(".lead").textContent())!, /Phase: Acute.*4 acute sessions planned.*Baseline PHQ-9 18/);

    // Session defaults: IV, 40 minutes, the intake's weight; mg/kg live beside the dose.
    assert.equal(await page.locator("#session-weight_kg").inputValue(), "72");
    assert.equal(await page.locator("#session-infusion_minutes").inputValue(), "40");
    assert.ok(await page.locator("#session-route").isChecked(), "IV is chosen by default");
    await page.locator("#session-dose_mg").fill("36");
    assert.equal((await page.locator("#session-mgkg").textContent())!.trim(), "= 0.50 mg/kg");
    assert.equal(await page.locator("#session-session_date").inputValue(), today, "today, in the clinic's time zone");
    await fillSession(page, "session", { bp_pre_systolic: "182", bp_pre_diastolic: "104", bp_discharge_systolic: "150" });
    await page.locator("#session-dissociation-mild").check();
    await page.locator("#session-sedation").check();
    await page.locator("#session-adverse_events-none").check();
    await page.locator("#session-discharged_with_escort").check();
    await page.getByRole("button", { name: "Record the session" }).click();
    const errors = page.locator(".error-summary");
    await errors.waitFor();
    assert.match((await errors.textContent())!, /Blood pressure at discharge: diastolic: Enter the diastolic number too, or leave both numbers empty/);
    await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
    assert.equal(await page.locator("#session-bp_pre_systolic").inputValue(), "182", "what was typed is kept");
    assert.equal((await page.locator("#session-mgkg").textContent())!.trim(), "= 0.50 mg/kg", "mg/kg shown for the values sent back");
    await page.locator("#session-bp_discharge_diastolic").fill("90");
    await page.getByRole("button", { name: "Record the session" }).click();
    await assertConfirmed(page, /Session recorded/, "session");
    const session = page.locator(".timeline-entry").first();
    assert.match((await session.textContent())!, /Likely contraindication:/);
    assert.match((await session.textContent())!, /Dose36 mg \(0\.50 mg\/kg\)/);
    const flagText = (await session.locator(".consideration").first().textContent())!;
    assert.match(flagText, /Blood pressure before the session: systolic182/, "the evidence behind the flag");
    assert.match(flagText, /Source: SPR, SEED/);

    // A correction, on the session's own page: the reason is required; the earlier version stays and shows.
    await session.getByRole("link", { name: /Correct this record/ }).click();
    await page.waitForURL(new RegExp(`${coursePath}/sessions/[A-Za-z0-9_-]{22}/correct$`));
    const prefix = (await page.locator("textarea[name=reason]").getAttribute("id"))!.replace(/-reason$/, "");
    assert.equal(await page.locator(`#${prefix}-bp_pre_systolic`).inputValue(), "182", "the form starts from the record as it stands");
    await page.locator(`#${prefix}-bp_pre_systolic`).fill("178");
    await page.getByRole("button", { name: "Save the correction" }).click();
    await page.locator(".error-summary").waitFor();
    assert.match((await page.locator(".error-summary").textContent())!, /Why it is corrected: Say why the record is corrected/);
    await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
    assert.equal(await page.locator(`#${prefix}-bp_pre_systolic`).inputValue(), "178", "what was typed is kept");
    await page.locator(`#${prefix}-reason`).fill("Typed the wrong reading");
    await page.getByRole("button", { name: "Save the correction" }).click();
    await assertConfirmed(page, /Session record corrected/, "corrected");
    assert.equal(new URL(page.url()).pathname, coursePath, "back on the course page");
    const corrected = page.locator(".timeline-entry").first();
    const correctedText = (await corrected.textContent())!;
    assert.match(correctedText, /\(corrected\)/);
    assert.match(correctedText, new RegExp(`Corrected by ${therapist.name}.*Why: Typed the wrong reading`));
    assert.doesNotMatch((await corrected.locator(".consideration").first().textContent())!, /Likely contraindication/, "178/104 is no longer severe");
    await corrected.getByText("Earlier versions (1)").click();
    assert.match((await corrected.locator(".session-version").textContent())!, /Version 1.*Blood pressure before the session: systolic182/);

    // A check-in link, shown once to copy.
    await page.getByRole("button", { name: "Create a check-in link" }).click();
    const link = page.locator("#checkin-link-url");
    await link.waitFor();
    const url = await link.inputValue();
    assert.match(url, /\/check-in\/[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy the link" }).waitFor();
    await page.reload();
    assert.equal(await page.locator("#checkin-link-url").count(), 0, "the link is not shown again");
    assert.match((await page.locator("section", { has: page.locator("#checkin-links-heading") }).textContent())!, /waiting, until/);

    // The client answers it with an urgent answer: on top of the dashboard, above the intakes.
    answerCheckin(url, URGENT_CHECKIN);
    await page.goto("/dashboard");
    const attention = page.locator("section", { has: page.locator("#course-attention-heading") });
    assert.match((await page.locator("main h2").first().textContent())!, /URGENT — .*course check-ins? with safety flags/, "the course is the first thing under the title");
    const row = attention.locator("tr", { hasText: "Corin Coursepage" });
    assert.match((await row.textContent())!, /1, waiting/);
    await assertAccessible(page, "the dashboard with an urgent course");
    await row.getByRole("link").click();
    await page.waitForURL(new RegExp(`${coursePath}$`));
    const checkin = page.locator(".timeline-entry", { hasText: "Check-in," }).first();
    const checkinText = (await checkin.textContent())!;
    assert.match(checkinText, /Urgent safety:/);
    assert.match(checkinText, /Source: SAN17/);
    assert.match(checkinText, /Thoughts that you would be better off dead/i, "the answer behind the flag, in words");
    await checkin.getByRole("button", { name: "Acknowledge: I have seen this urgent check-in" }).click();
    await assertConfirmed(page, /Urgent check-in acknowledged/, "acknowledged");
    assert.match((await page.locator(".timeline-entry", { hasText: "Check-in," }).first().textContent())!, new RegExp(`acknowledged by ${therapist.name} on`));
    assert.match((await page.locator("#outcome-heading + dl").textContent())!, /Latest PHQ-9.*13.*-5 \(-27\.8%\).*Partial response/);

    // Phases: acute → maintenance → ended, the reason required.
    await page.locator("#phase-phase").check();
    await page.getByRole("button", { name: "Change the phase" }).click();
    await assertConfirmed(page, /Phase changed/, "phase");
    await page.getByLabel("End the course").check();
    await page.getByRole("button", { name: "Change the phase" }).click();
    await page.locator(".error-summary").waitFor();
    assert.match((await page.locator(".error-summary").textContent())!, /Reason the course ended: Choose why the course ended/);
    await page.getByLabel("End the course").check();
    await page.locator("#phase-end_reason").selectOption("completed");
    await page.getByRole("button", { name: "Change the phase" }).click();
    await assertConfirmed(page, /Phase changed/, "phase");
    const history = (await page.locator("section", { has: page.locator("#phase") }).textContent())!;
    assert.match(history, new RegExp(`Acute → Maintenance, by ${therapist.name}`));
    assert.match(history, new RegExp(`Maintenance → Ended \\(Completed\\), by ${therapist.name}`));
    assert.equal(await page.getByRole("button", { name: "Record the session" }).count(), 0, "an ended course takes no new session");

    await page.goto(`/dashboard/intakes/${intake.id}`);
    assert.match((await page.locator("section", { has: page.locator("#course-heading") }).getByRole("link").first().textContent())!, /Ended \(Completed\)/);
    await context.close();
  });

  it("records a session by keyboard alone at 360 px, axe clean, and the course page posts without JavaScript", async () => {
    const intake = await submitIntake({ full_name: "Kit Keyboard", weight_kg: 60 });
    const therapist = createTherapist("coursekeys");
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, therapist);
    await page.goto(`/dashboard/intakes/${intake.id}`);
    await page.getByRole("button", { name: "Move to “Consultation booked”" }).click();
    await page.locator("#confirmation").waitFor();
    await assertAccessible(page, "the intake page with the start form");
    await page.getByRole("button", { name: "Start a course" }).click();
    await assertConfirmed(page, /Course started/, "started");
    const coursePath = new URL(page.url()).pathname;
    await assertAccessible(page, "the course page at 360 px");
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), "no sideways scrolling at 360 px");

    // Keyboard only: from the date (today already) Tab through every field in order, typing and pressing Space.
    await page.locator("#session-session_date").focus();
    const at = () => page.evaluate(() => document.activeElement?.id);
    const tab = async (n = 1) => {
      for (let i = 0; i < n; i++) await page.keyboard.press("Tab");
    };
    await tab(); // route: IV already chosen (one stop for the radio group)
    assert.equal(await at(), "session-route");
    await tab(); // weight: 60 from the intake
    assert.equal(await at(), "session-weight_kg");
    await tab();
    await page.keyboard.type("30");
    assert.equal((await page.locator("#session-mgkg").textContent())!.trim(), "= 0.50 mg/kg");
    await tab(); // infusion minutes: 40
    for (const v of ["128", "82"]) {
      await tab();
      await page.keyboard.type(v);
    }
    await tab(2); // the optional 40-minute pair, left empty
    for (const v of ["130", "84"]) {
      await tab();
      await page.keyboard.type(v);
    }
    await tab(2); // SpO2 (optional), then dissociation: None
    assert.equal(await at(), "session-dissociation");
    await page.keyboard.press("Space");
    await tab(); // sedation: None
    await page.keyboard.press("Space");
    await tab(9); // adverse events, to "None"
    assert.equal(await at(), "session-adverse_events-none");
    await page.keyboard.press("Space");
    await tab(); // escort: Yes
    await page.keyboard.press("Space");
    await tab(2); // notes, then the button
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Record the session");
    await page.keyboard.press("Enter");
    await assertConfirmed(page, /Session recorded/, "session");
    assert.match((await page.locator(".timeline-entry").first().textContent())!, /No flags were raised/);
    await page.locator(".timeline-entry").first().getByRole("link", { name: /Correct this record/ }).click();
    await page.waitForURL(/\/sessions\/[A-Za-z0-9_-]{22}\/correct$/);
    await assertAccessible(page, "the correction page at 360 px");
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), "no sideways scrolling at 360 px on the correction page");
    await context.close();

    // Without JavaScript: the phase form posts, and a refusal names the field.
    const noScript = await browser.newContext({ viewport: PHONE, baseURL: BASE_URL, javaScriptEnabled: false, locale: "en-CA", timezoneId: "America/Toronto" });
    const plain = await noScript.newPage();
    await signInWithoutScripts(plain, therapist);
    // The correction page posts without JavaScript too: a refusal names the field and keeps what was typed; success lands on the course page's confirmation.
    await plain.goto(coursePath);
    await plain.locator(".timeline-entry").first().getByRole("link", { name: /Correct this record/ }).click();
    await plain.waitForURL(/\/sessions\/[A-Za-z0-9_-]{22}\/correct$/);
    assert.equal(await plain.locator("#correct-weight_kg").inputValue(), "60");
    await plain.locator("#correct-weight_kg").fill("61");
    await plain.getByRole("button", { name: "Save the correction" }).click();
    await plain.locator(".error-summary").waitFor();
    assert.match((await plain.locator(".error-summary").textContent())!, /Why it is corrected: Say why the record is corrected/);
    assert.equal(await plain.locator("#correct-weight_kg").inputValue(), "61", "what was typed is kept");
    await plain.locator("#correct-reason").fill("Weighed again");
    await plain.getByRole("button", { name: "Save the correction" }).click();
    await plain.waitForURL(/\?done=corrected$/);
    assert.equal(new URL(plain.url()).pathname, coursePath);
    assert.match((await plain.locator("#confirmation").textContent())!, /Session record corrected/);
    const correctedWithoutScripts = (await plain.locator(".timeline-entry").first().textContent())!;
    assert.match(correctedWithoutScripts, /\(corrected\)/);
    assert.match(correctedWithoutScripts, /Why: Weighed again/);
    assert.match(correctedWithoutScripts, /Weight61/);

    await plain.getByLabel("End the course").check();
    await plain.getByRole("button", { name: "Change the phase" }).click();
    await plain.locator(".error-summary").waitFor();
    assert.match((await plain.locator(".error-summary").textContent())!, /Reason the course ended: Choose why the course ended/);
    await plain.getByLabel("End the course").check();
    await plain.locator("#phase-end_reason").selectOption("stopped_client_choice");
    await plain.getByRole("button", { name: "Change the phase" }).click();
    await plain.waitForURL(/\?done=phase$/);
    assert.match((await plain.locator(".lead").textContent())!, /Phase: Ended \(Stopped: the client's choice\)/);
    await noScript.close();
  });
});

/** The sign-in form works without scripts too; sign in with scripts, then carry the cookies over. */
async function signInWithoutScripts(page: Page, therapist: ReturnType<typeof createTherapist>) {
  const scripted = await browser.newContext({ viewport: PHONE, baseURL: BASE_URL });
  const p = await scripted.newPage();
  await signIn(p, therapist);
  await page.context().addCookies(await scripted.cookies());
  await scripted.close();
}

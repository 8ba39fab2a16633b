import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage, PHONE } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntakeV2 } from "../fixtures/intakes";

/**
 * Issue 17, item 8: one treatment course from start to acknowledgement, through the pages only.
 * The intake arrives through the public API (as a clinic's form would send it); everything after
 * that is a person in a browser. The therapist books the consult, starts the course, records two
 * sessions (the first with a pre-dose BP of 182/104), creates a check-in link and copies it. The
 * client, on a touch phone 360 px wide, opens it, presses Start, confirms the date of birth and
 * reports thoughts of suicide: the crisis numbers show at once and the check-in can still be sent.
 * The client is then on top of the therapist's dashboard, above the intake queue; the course page
 * shows the flags with the answers behind them; acknowledging takes the client off the top.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const DOB = { iso: "1985-03-14", day: "14", month: "3", year: "1985" };
const PANEL = "If you need help now";
const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join("");

/** A calendar date `days` before `isoDate` (both YYYY-MM-DD). */
const daysBefore = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The intake, as the public API takes it from the clinic's form. */
async function sendIntake(fullName: string): Promise<{ id: string; reference: string }> {
  const body = fullIntakeV2({ full_name: fullName, email: `journey-${letters(8)}@example.org`, date_of_birth: DOB.iso, weight_kg: 72 }, { submittedAt: undefined });
  const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string; reference: string };
}

/** Focus a control and press a key, as a keyboard user does. */
async function press(page: Page, control: Locator, key: "Enter" | "Space" = "Enter") {
  await control.focus();
  await page.keyboard.press(key);
}

async function assertConfirmed(page: Page, heading: RegExp, done: string) {
  await page.locator("#confirmation", { hasText: heading }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "confirmation");
  assert.equal(new URL(page.url()).search, `?done=${done}`, "the address carries only which action was done");
}

async function recordSession(page: Page, values: { date: string; dose: string; pre: [string, string]; discharge: [string, string] }) {
  await page.locator("#session-session_date").fill(values.date);
  await page.locator("#session-dose_mg").fill(values.dose);
  await page.locator("#session-bp_pre_systolic").fill(values.pre[0]);
  await page.locator("#session-bp_pre_diastolic").fill(values.pre[1]);
  await page.locator("#session-bp_discharge_systolic").fill(values.discharge[0]);
  await page.locator("#session-bp_discharge_diastolic").fill(values.discharge[1]);
  await press(page, page.locator("#session-dissociation-mild"), "Space");
  await press(page, page.locator("#session-sedation"), "Space");
  // Checkboxes by check(): the form may keep the previous session's ticks, and Space would untick them.
  await page.locator("#session-adverse_events-none").check();
  await page.locator("#session-discharged_with_escort").check();
  await press(page, page.getByRole("button", { name: "Record the session" }));
  await page.getByRole("heading", { name: `Session on ${values.date}` }).waitFor();
  await assertConfirmed(page, /Session recorded/, "session");
}

/** A flag's evidence as the page shows it: each question with the answer behind the flag. */
async function evidenceOf(flag: Locator): Promise<Record<string, string>> {
  const pairs = await flag.locator("dl.evidence > div").evaluateAll((divs) =>
    divs.map((d) => [d.querySelector("dt")?.textContent?.trim() ?? "", d.querySelector("dd")?.textContent?.trim() ?? ""]),
  );
  return Object.fromEntries(pairs);
}

/** The dashboard's attention rows, in order: [client link text, urgent?]. */
async function attentionRows(page: Page): Promise<{ text: string; urgent: boolean }[]> {
  return page.locator("section:has(#course-attention-heading) tbody tr").evaluateAll((rows) =>
    rows.map((r) => ({ text: r.querySelector("th")?.textContent ?? "", urgent: r.classList.contains("urgent-row") })),
  );
}

describe("a treatment course from intake to an acknowledged check-in", () => {
  it("therapist starts a course and records two sessions; the client checks in on a phone reporting thoughts of suicide; the dashboard and course page show it; acknowledged", { timeout: 240_000 }, async () => {
    const clientName = `Noor Journey ${letters(1).toUpperCase()}${letters(6)}`;
    const intake = await sendIntake(clientName);
    const therapist = createTherapist("journey");

    // --- The therapist: sign in, find the intake by its reference, book the consult.
    const { context: desk, page } = await newPage(browser, DESKTOP);
    await desk.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
    await signIn(page, therapist);
    await page.getByLabel("Find an intake").fill(intake.reference);
    await page.keyboard.press("Enter");
    await page.getByRole("table", { name: "Search results" }).getByRole("link", { name: intake.reference }).click();
    await page.waitForURL(new RegExp(`/dashboard/intakes/${intake.id}$`));
    await press(page, page.getByRole("button", { name: "Move to “In review”" }));
    await page.getByText(new RegExp(`New → In review, by ${therapist.name}`)).waitFor();
    await press(page, page.getByRole("button", { name: "Move to “Consultation booked”" }));
    await page.getByText(new RegExp(`In review → Consultation booked, by ${therapist.name}`)).waitFor();

    // --- Start the course a week ago; two sessions since.
    const today = await page.locator("#start-course-started_on").inputValue();
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/, "the start date defaults to today");
    await page.locator("#start-course-started_on").fill(daysBefore(today, 7));
    await press(page, page.getByRole("button", { name: "Start a course" }));
    await page.waitForURL(/\/dashboard\/courses\/[A-Za-z0-9_-]{22}\?done=started$/);
    await assertConfirmed(page, /Course started/, "started");
    const coursePath = new URL(page.url()).pathname;
    const firstDate = daysBefore(today, 6);
    const secondDate = daysBefore(today, 3);
    await recordSession(page, { date: firstDate, dose: "36", pre: ["182", "104"], discharge: ["150", "90"] });
    await recordSession(page, { date: secondDate, dose: "36", pre: ["128", "82"], discharge: ["130", "84"] });
    assert.equal(await page.locator(".timeline-entry", { hasText: "Session on" }).count(), 2, "both sessions are on the course page");

    // --- A check-in link, copied from the page.
    await press(page, page.getByRole("button", { name: "Create a check-in link" }));
    const shown = page.locator("#checkin-link-url");
    await shown.waitFor();
    await page.getByRole("button", { name: "Copy the link" }).click();
    await page.getByText("Copied.", { exact: true }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, await shown.inputValue(), "the copied link is the one shown");
    assert.match(link, /\/check-in\/[A-Za-z0-9_-]{43}$/);

    // --- The client, on a touch phone of their own.
    const phone = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: "en-CA", timezoneId: "America/Toronto" });
    const client = await phone.newPage();
    client.setDefaultTimeout(15_000);
    const tap = async (legend: string | RegExp, label: string) => {
      const option = client.getByRole("group", { name: legend }).getByLabel(label, { exact: true });
      await option.tap();
      assert.ok(await option.isChecked(), `tapping chose “${label}”`);
    };
    const next = async (step: string) => {
      await client.getByRole("button", { name: /^(Continue|Save and continue)$/ }).tap();
      await client.waitForURL(new RegExp(`/check-in/step/${step}$`));
    };
    await client.goto(link);
    await assertAccessible(client, "the check-in link page");
    await client.getByRole("button", { name: "Start" }).tap();
    await client.waitForURL(/\/date-of-birth(\?|$)/);
    await assertAccessible(client, "the date-of-birth page");
    await client.getByLabel("Day").fill(DOB.day);
    await client.getByLabel("Month").fill(DOB.month);
    await client.getByLabel("Year").fill(DOB.year);
    await client.getByRole("button", { name: "Continue" }).tap();
    await client.waitForURL(/\/check-in\/step\/mood$/);
    await assertAccessible(client, "the mood step");
    for (let i = 1; i <= 8; i++) await client.locator(`#f-phq9_${i}-1`).tap();
    await client.locator("#f-phq9_9").tap(); // not at all: the thoughts are reported on the next page
    await tap(/In the past week, have you noticed/, "None of these");
    await next("safety");
    await assertAccessible(client, "the safety step");

    const panel = client.getByRole("complementary", { name: PANEL });
    assert.equal(await panel.count(), 0, "no crisis numbers before anything calls for them");
    await tap(/have you had thoughts of ending your life/, "Yes");
    await panel.waitFor({ timeout: 2_000 });
    assert.ok(await panel.getByRole("link", { name: "call 9-8-8" }).isVisible(), "the 9-8-8 line for Canada, at once, before the page is sent");
    assert.match((await panel.textContent())!, /911/, "and the emergency number");
    await assertAccessible(client, "the safety step with the crisis numbers");
    await tap(/intention of acting/, "I'm not sure");
    await tap(/made a plan/, "No");
    await tap(/feel safe from acting/, "Yes");
    await tap(/have you tried to end your life/, "No");
    await tap(/have you hurt yourself on purpose/, "No");
    const send = client.getByRole("button", { name: /^(Continue|Save and continue)$/ });
    assert.ok(await send.isEnabled(), "the form can still be sent with the crisis numbers showing");
    await next("side_effects");
    assert.ok(await panel.isVisible(), "the numbers stay on the next page");
    await tap(/have you noticed any of these/, "None of these");
    await next("blood_pressure");
    await next("change");
    await tap(/how are you now/, "No change");
    await next("review");
    await assertAccessible(client, "the review");
    await client.getByRole("button", { name: "Send my check-in" }).tap();
    await client.getByRole("heading", { name: "Your check-in has been sent" }).waitFor();
    assert.ok(await panel.isVisible(), "the crisis numbers stay on the confirmation");
    await assertAccessible(client, "the confirmation");
    await phone.close();

    // --- The dashboard: the client on top, the course section above the intake queue.
    await page.goto("/dashboard");
    assert.match((await page.locator("main h2").first().textContent())!, /^URGENT — .*course check-ins? with safety flags, not yet acknowledged/);
    assert.ok(
      await page.evaluate(() => {
        const courses = document.getElementById("course-attention-heading")!;
        const queue = document.getElementById("queue-heading")!;
        return Boolean(courses.compareDocumentPosition(queue) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
      "the courses needing a look come before the intake queue",
    );
    const rows = await attentionRows(page);
    const mine = rows.findIndex((r) => r.text.includes(clientName));
    assert.ok(mine >= 0, "the client is in the courses needing a look");
    assert.ok(rows[mine]!.urgent, "marked urgent");
    // Urgent check-ins wait oldest first: above this client only other clients' older unacknowledged ones (none when this spec runs alone).
    assert.ok(rows.slice(0, mine).every((r) => r.urgent), `only urgent clients above this one: ${JSON.stringify(rows.slice(0, mine + 1))}`);
    await page.locator("section:has(#course-attention-heading)").getByRole("link", { name: new RegExp(clientName) }).click();
    await page.waitForURL(new RegExp(`${coursePath}$`));

    // --- The course page: each flag with the answers behind it.
    const checkin = page.locator(".timeline-entry", { hasText: "Check-in," }).first();
    assert.match((await checkin.locator("h3").textContent())!, /urgent, not yet acknowledged/);
    const risk = checkin.locator(".consideration", { hasText: "Active suicide risk reported at check-in" });
    assert.match((await risk.textContent())!, /Urgent safety:.*unsure whether they intend to act on thoughts of suicide/);
    const riskEvidence = Object.entries(await evidenceOf(risk));
    assert.deepEqual(riskEvidence.filter(([q]) => /intention of acting/.test(q)).map(([, a]) => a), ["I'm not sure"], `the answer behind the flag: ${JSON.stringify(riskEvidence)}`);
    assert.deepEqual(riskEvidence.filter(([q]) => q === "Since your last session, have you had thoughts of ending your life?").map(([, a]) => a), ["Yes"]);
    assert.match((await risk.textContent())!, /Source: SAN17/);

    const first = page.locator(".timeline-entry", { has: page.getByRole("heading", { name: `Session on ${firstDate}` }) });
    const bp = first.locator(".consideration", { hasText: /Pre-dose blood pressure 182\/104 at or above/ });
    assert.match((await bp.textContent())!, /Likely contraindication:.*Pre-dose blood pressure 182\/104 at or above 180\/110/);
    const bpEvidence = Object.entries(await evidenceOf(bp));
    assert.deepEqual(
      bpEvidence.filter(([q]) => /before the session/.test(q)).map(([, a]) => /^\d+/.exec(a)?.[0]),
      ["182", "104"],
      `the evidence is the reading recorded: ${JSON.stringify(bpEvidence)}`,
    );
    const second = page.locator(".timeline-entry", { has: page.getByRole("heading", { name: `Session on ${secondDate}` }) });
    assert.match((await second.textContent())!, /No flags were raised/, "128/82 raises nothing");

    // --- Acknowledged: the client leaves the top of the dashboard.
    await press(page, checkin.getByRole("button", { name: "Acknowledge: I have seen this urgent check-in" }));
    await assertConfirmed(page, /Urgent check-in acknowledged/, "acknowledged");
    assert.match((await page.locator(".timeline-entry", { hasText: "Check-in," }).first().textContent())!, new RegExp(`acknowledged by ${therapist.name} on`));
    await page.goto("/dashboard");
    const afterwards = await attentionRows(page);
    assert.equal(afterwards.filter((r) => r.text.includes(clientName)).length, 0, "no link waiting and nothing to acknowledge: off the list");
    await desk.close();
  });
});

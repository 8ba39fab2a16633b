import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage } from "./support/browser";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntakeV2 } from "../fixtures/intakes";

/**
 * The therapist's intake page read in 30 seconds: the call card at the top (inside the urgent box
 * when urgent, with the safety section's pertinent negatives), jump links by keyboard, a focused
 * confirmation after each action with and without JavaScript, a status change that skips a step,
 * and the source codes explained.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const URGENT = { phq9_9: 3, si_thoughts_past_month: "yes", si_intent: "yes", si_plan: "yes", lethal_means_access: ["none"], safety_plan: "no" };

async function submit(overrides: Record<string, unknown>): Promise<{ id: string; reference: string }> {
  const { submittedAt: _drop, ...body } = fullIntakeV2(overrides);
  const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string; reference: string };
}

async function assertAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), [], `${what}: no serious or critical violations`);
}

const rowText = async (page: Page, label: string) =>
  (await page.locator(".call-card .summary-row", { has: page.locator("dt", { hasText: new RegExp(`^${label}`) }) }).first().textContent())!;

/** The focused element's id and text (the confirmation banner must hold focus after an action). */
const focused = (page: Page) => page.evaluate(() => ({ id: document.activeElement?.id ?? "", text: document.activeElement?.textContent ?? "" }));

async function assertConfirmed(page: Page, heading: RegExp, done: string) {
  const banner = page.locator("#confirmation", { hasText: heading });
  await banner.waitFor();
  assert.equal(await banner.getAttribute("role"), "alert");
  assert.match((await banner.textContent())!, heading);
  await page.waitForFunction(() => document.activeElement?.id === "confirmation");
  assert.match((await focused(page)).text, heading, "focus is on the confirmation");
  assert.equal(new URL(page.url()).search, `?done=${done}`, "the address carries only which action was done");
}

/** Tab from the top of the page to the link named `name`, then Enter; returns the element focused after. */
async function jumpByKeyboard(page: Page, name: string): Promise<string> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur();
  });
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const at = await page.evaluate(() => (document.activeElement?.closest(".jump-links") ? document.activeElement.textContent : null));
    if (at === name) {
      await page.keyboard.press("Enter");
      await page.waitForFunction((hash) => location.hash === hash, `#${name.toLowerCase()}`);
      return (await focused(page)).id;
    }
  }
  throw new Error(`the jump link "${name}" was not reached by Tab`);
}

describe("the therapist's intake page", () => {
  it("puts the call card on top, jumps by keyboard, explains sources, and confirms each action with focus (JavaScript on)", async () => {
    const intake = await submit({ ...URGENT, full_name: "Oriane Callcard" });
    const therapist = createTherapist("callcard");
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, therapist);
    await page.goto(`/dashboard/intakes/${intake.id}`);

    // The call card, inside the urgent box, above the triage card and on the first screen.
    const box = page.locator(".urgent-banner");
    const card = box.locator(".call-card");
    assert.equal(await card.count(), 1, "the call card is in the urgent box");
    assert.equal(await page.locator(".call-card").count(), 1, "and only there");
    const order = await page.evaluate(() => {
      const c = document.querySelector(".call-card")!;
      const t = document.querySelector(".triage-card")!;
      return c.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, "the call card comes before the considerations");
    const phoneRow = card.locator(".summary-row").first();
    assert.ok((await phoneRow.boundingBox())!.y + 40 < DESKTOP.height, "the phone number is on the first screen");
    assert.match(await rowText(page, "Phone"), /\+1 \(416\) 555-0142/);
    assert.equal(await card.getByRole("link", { name: "+1 (416) 555-0142" }).getAttribute("href"), "tel:+14165550142");
    assert.match(await rowText(page, "May leave a message"), /Yes/);
    assert.match(await rowText(page, "Emergency contact"), /Marc Bélanger.*416-555-0199/);
    assert.match(await rowText(page, "Age"), /\d+/);
    assert.match(await rowText(page, "Bipolar type"), /Bipolar II \(who diagnosed it: A psychiatrist\)/);
    assert.match(await rowText(page, "Current mood medicines"), /Lamotrigine \(Lamictal\), 200 mg per day.*Ziprasidone, 40 mg per day/);
    assert.match(await rowText(page, "PHQ-9"), /\d+ of 27 .*Item 9, thoughts of death or self-harm: Nearly every day/);

    // The answers that raised it, and every other safety answer version 2 asked (pertinent negatives).
    const boxText = (await box.textContent())!;
    assert.match(boxText, /Answers that raised it.*Have you had any intention of acting on these thoughts\?Yes/);
    assert.match(boxText, /The other answers in the safety section.*Have you ever tried to end your life\?Never/);
    assert.match(boxText, /hurt yourself on purpose without wanting to die\?No/, "a version-2 safety question");
    assert.match(boxText, /Do you have a written safety plan.*No/);

    // Source codes explained where they appear: abbreviations with titles, and a visible key.
    const abbr = page.locator(".consideration abbr[title]").first();
    assert.ok((await abbr.getAttribute("title"))!.length > 10, "a source code carries its meaning");
    const key = (await page.locator(".source-key").textContent())!;
    assert.match(key, /SAN17Sanacora et al\., JAMA Psychiatry 2017/);
    assert.match(key, new RegExp(`${await abbr.textContent()}${(await abbr.getAttribute("title"))!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));

    // Jump links: real anchors, reached by Tab, and focus lands on the section.
    for (const [name, id] of [["Considerations", "considerations"], ["Scores", "scores"], ["Status", "status"], ["Notes", "notes"]] as const)
      assert.equal(await jumpByKeyboard(page, name), id, `the ${name} link moves focus to its section`);

    await assertAccessible(page, "an urgent intake with its call card");

    // Acknowledge by keyboard: the confirmation takes focus.
    await page.getByRole("button", { name: /Acknowledge/ }).focus();
    await page.keyboard.press("Enter");
    await assertConfirmed(page, /Urgent intake acknowledged/, "acknowledged");
    assert.match((await box.textContent())!, /Urgent intake acknowledged by Dr Callcard Tester/, "the urgent box stays, now acknowledged");
    await assertAccessible(page, "the page with its confirmation");

    // From New straight to Consultation booked: one step, one history line.
    const moves = await page.locator("#status ~ form button").allTextContents();
    assert.deepEqual(moves, ["Move to “In review”", "Move to “Consultation booked”", "Move to “Not suitable”", "Move to “Referred elsewhere”"]);
    await page.getByRole("button", { name: "Move to “Consultation booked”" }).click();
    await assertConfirmed(page, /Status changed to “Consultation booked”/, "status");
    await page.getByText(/New → Consultation booked, by Dr Callcard Tester/).waitFor();
    assert.deepEqual(await page.locator("#status ~ form button").allTextContents(), ["Move to “Archived”"]);

    // A refused note: the message, no confirmation.
    await page.getByRole("button", { name: "Save note" }).click();
    await page.locator("#note-error").getByText("Write the note first").waitFor();
    assert.equal(await page.locator("#confirmation").count(), 0, "the earlier confirmation is gone beside the error");

    // A note: confirmed with focus, the form emptied.
    await page.getByLabel("Add a note").fill("Phoned; safety plan started together.");
    await page.getByRole("button", { name: "Save note" }).click();
    await page.getByText("Phoned; safety plan started together.").waitFor();
    await assertConfirmed(page, /Note added/, "note");
    assert.equal(await page.getByLabel("Add a note").inputValue(), "");
    assert.equal(await page.locator("#note-error").count(), 0);
    await context.close();
  });

  it("confirms each action with focus without JavaScript, and keeps a refused note's text", async () => {
    const intake = await submit({ ...URGENT, full_name: "Noémie Noscript" });
    const therapist = createTherapist("noscript");
    const signedIn = await newPage(browser, DESKTOP);
    await signIn(signedIn.page, therapist);
    const cookies = await signedIn.context.cookies();
    await signedIn.context.close();

    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE_URL, viewport: DESKTOP, locale: "en-CA" });
    await context.addCookies(cookies);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`/dashboard/intakes/${intake.id}`);
    assert.match(await rowText(page, "Phone"), /\+1 \(416\) 555-0142/);

    await page.getByRole("button", { name: /Acknowledge/ }).click();
    await assertConfirmed(page, /Urgent intake acknowledged/, "acknowledged");

    // The same form posted by another site (the browser says cross-site) is refused, and changes nothing.
    const form = /<form[^>]*method="POST"[^>]*>((?:(?!<\/form>)[\s\S])*?name="to"[\s\S]*?)<\/form>/.exec(await page.content())?.[1] ?? "";
    const forged = new FormData();
    for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?>/g)) forged.append(name!, (value ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
    forged.append("to", "not_suitable");
    assert.ok(forged.has("intakeId"), "the status form was found");
    const cookieHeader = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const crossSite = await fetch(`${BASE_URL}/dashboard/intakes/${intake.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "null", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", cookie: cookieHeader },
      body: forged,
    });
    assert.equal(crossSite.status, 403);

    await page.getByRole("button", { name: "Move to “Referred elsewhere”" }).click();
    await assertConfirmed(page, /Status changed to “Referred elsewhere”/, "status");
    assert.doesNotMatch((await page.locator(".history").textContent())!, /Not suitable/, "the forged post changed nothing");
    await page.getByText(/New → Referred elsewhere, by Dr Noscript Tester/).waitFor();

    const long = "x".repeat(5001);
    await page.getByLabel("Add a note").fill(long);
    await page.getByRole("button", { name: "Save note" }).click();
    await page.locator("#note-error").getByText(/Use 5000 characters or fewer/).waitFor();
    assert.equal(await page.getByLabel("Add a note").inputValue(), long, "the refused text is still there");
    assert.equal(await page.locator("#confirmation").count(), 0, "no confirmation for a refusal");
    assert.equal(new URL(page.url()).search, "", "the refused form posted to the page itself");

    await page.getByLabel("Add a note").fill("Referred to the mood clinic by phone.");
    await page.getByRole("button", { name: "Save note" }).click();
    await assertConfirmed(page, /Note added/, "note");
    await page.getByText("Referred to the mood clinic by phone.").waitFor();
    await context.close();
  });

  it("keeps the call card and jump links on the first screen at 200% zoom, and reflows on a phone", async () => {
    const intake = await submit({ full_name: "Zoomed Reader", phone: "613 555 0100" });
    const { context, page } = await newPage(browser, { width: 640, height: 450 });
    await signIn(page, createTherapist("zoom"));
    await page.goto(`/dashboard/intakes/${intake.id}`);
    assert.ok((await page.locator(".jump-links").boundingBox())!.y < 450, "the jump links are on the first screen");
    assert.equal(await page.locator(".urgent-banner").count(), 0, "no urgent box for a non-urgent intake");
    assert.match(await rowText(page, "Phone"), /613 555 0100/);
    for (const width of [640, 360]) {
      await page.setViewportSize({ width, height: 740 });
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `no sideways scrolling at ${width} px`);
    }
    await context.close();
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage, PHONE } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { choose, continueTo, fillUntil, group, SAFETY_LABELS, STEP_ORDER } from "./support/intake-flow";

/**
 * Issue 16, points 1, 2 and 4: acute risk is answered where the person is (a note by the answer,
 * an interruption page on Continue, with and without JavaScript); after the safety step a one-line
 * banner replaces the full crisis panel, so the first question of every step is on the first screen
 * on a phone and at 200% zoom, and the crisis links are not a row of Tab stops; error messages say
 * what to do and a summary link brings the question's label into view.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const PANEL = "If you need help now";
/** The legend itself: the follow-ups' lead-in may repeat these words. */
const THOUGHTS = /^In the past month, have you had thoughts of ending your life/;
const ZOOM_200 = { width: DESKTOP.width / 2, height: DESKTOP.height / 2 };

/** The first question's label or legend: its top must be inside the first screen. */
async function firstQuestionTop(page: Page): Promise<{ top: number; height: number; text: string }> {
  return page.evaluate(() => {
    const first = document.querySelector<HTMLElement>("main form legend, main form label.label, main form .checkbox label")!;
    return { top: first.getBoundingClientRect().top + window.scrollY, height: window.innerHeight, text: (first.textContent ?? "").slice(0, 60) };
  });
}

/** Answers the safety step with an answer of acute risk (the person is not sure they feel safe). */
async function answerSafetyUnsafe(page: Page) {
  await choose(page, THOUGHTS, "No");
  await choose(page, /intention of acting/, "No");
  await choose(page, /made a plan/, "No");
  await choose(page, "Have you ever tried to end your life?", "Never");
  await choose(page, SAFETY_LABELS.selfHarm, "No");
  await choose(page, SAFETY_LABELS.lethalMeans, "None of these");
  await choose(page, SAFETY_LABELS.safetyPlan, "No");
}

describe("answering acute risk where the person is", () => {
  it("says it back by the answer at once, then interrupts before the next step; the follow-ups say what opened them", { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "safety", { sexAtBirth: "Female", phq9Item9: 1 });

    // PHQ-9 item 9 opened the follow-ups: they say so, so passive thoughts are not answered "No" by mistake.
    const followUps = page.getByRole("group", { name: /^You said that over the last 2 weeks you have had thoughts that you would be better off dead/ });
    assert.equal(await followUps.count(), 1, "the follow-ups stand under the sentence that says what opened them");
    assert.equal(await followUps.getByRole("group", { name: /intention of acting/ }).count(), 1);
    await choose(page, THOUGHTS, "Yes");
    assert.equal(await page.getByRole("group", { name: /^You said you have had thoughts of ending your life/ }).count(), 1, "the lead-in follows the answer given here");

    await answerSafetyUnsafe(page);
    const safeNow = group(page, SAFETY_LABELS.safeNow);
    assert.equal(await safeNow.locator(".acute-note").count(), 0, "nothing said before an answer");
    await safeNow.getByLabel("No", { exact: true }).check();
    const note = safeNow.locator(".acute-note");
    await note.waitFor();
    assert.match((await note.textContent())!, /You said you don't feel safe right now\. Please call or text 9-8-8 now\./);
    assert.equal(await note.getByRole("link", { name: "9-8-8" }).getAttribute("href"), "tel:988");
    await safeNow.getByLabel("Yes", { exact: true }).check();
    await note.waitFor({ state: "detached" });
    await safeNow.getByLabel("I'm not sure", { exact: true }).check();
    assert.match((await safeNow.locator(".acute-note").textContent())!, /You said you're not sure you feel safe right now/);
    await assertAccessible(page, "the safety step with an acute-risk note");

    await continueTo(page, "treatment");
    const heading = page.getByRole("heading", { level: 1 });
    assert.equal((await heading.textContent())!.trim(), "You said you're not sure you feel safe right now — call or text 9-8-8 now.");
    assert.match((await page.locator("main").textContent())!, /Your answers are saved/);
    assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "the full panel on the interruption page");
    // The title follows a client-side navigation a moment after the page's content.
    await page.waitForFunction(() => document.title === "Get help now – Intake");
    await assertAccessible(page, "the interruption page");
    await page.reload();
    assert.match((await heading.textContent())!, /^You said/, "a reload keeps the interruption until the person continues");

    await page.getByRole("button", { name: "Continue with the form" }).click();
    await page.getByRole("heading", { level: 1, name: "Your mood medicines" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Continue with the form" }).count(), 0);
    await context.close();
  });

  it("interrupts without JavaScript too, and the safety step's page returned with an error says it by the answer", { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/intake");
    await fillUntil(page, "safety", { sexAtBirth: "Female", phq9Item9: 1 });
    const cookies = await context.cookies();
    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE_URL, viewport: DESKTOP, locale: "en-CA" });
    await noJs.addCookies(cookies);
    const plain = await noJs.newPage();
    plain.setDefaultTimeout(15_000);
    await plain.goto("/intake/safety");
    // The intent question left unanswered: the server returns the step with its error and the note.
    await choose(plain, THOUGHTS, "No");
    await choose(plain, /made a plan/, "Yes");
    await choose(plain, "Have you ever tried to end your life?", "Never");
    await choose(plain, SAFETY_LABELS.selfHarm, "No");
    await choose(plain, SAFETY_LABELS.lethalMeans, "None of these");
    await choose(plain, SAFETY_LABELS.safetyPlan, "Yes");
    await choose(plain, SAFETY_LABELS.safeNow, "Yes");
    await plain.getByRole("button", { name: "Continue" }).click();
    await plain.locator(".error-summary").waitFor();
    assert.match((await group(plain, /made a plan/).locator(".acute-note").textContent())!, /You said you have thought about how you would do it, or made a plan/);

    await choose(plain, /intention of acting/, "No");
    await plain.getByRole("button", { name: "Continue" }).click();
    await plain.waitForURL(/\/intake\/treatment$/);
    assert.equal((await plain.getByRole("heading", { level: 1 }).textContent())!.trim(), "You said you have thought about how you would do it, or made a plan — call or text 9-8-8 now.");
    // (axe needs scripts; the same page is checked with them in the test above.)
    assert.ok(await plain.getByRole("complementary", { name: PANEL }).isVisible(), "the full panel on the interruption page");
    await plain.getByRole("button", { name: "Continue with the form" }).click();
    await plain.getByRole("heading", { level: 1, name: "Your mood medicines" }).waitFor();
    await noJs.close();
    await context.close();
  });
});

describe("after the safety step, a one-line crisis banner", () => {
  for (const [name, viewport] of [
    ["a 360-px phone", PHONE],
    ["200% zoom (a 1280 × 900 window)", ZOOM_200],
  ] as const) {
    it(`keeps the first question of every step on the first screen on ${name}`, { timeout: 180_000 }, async (t) => {
      const { context, page } = await newPage(browser, viewport);
      const person = { sexAtBirth: "Female", phq9Item9: 1 } as const;
      await page.goto("/intake");
      for (const step of STEP_ORDER) {
        const first = await firstQuestionTop(page);
        t.diagnostic(`${step}: first question at ${Math.round(first.top)} px of ${first.height}`);
        assert.ok(first.top < first.height, `${step}: the first question ("${first.text}") starts at ${Math.round(first.top)} px, within the ${first.height}-px screen`);
        const banner = page.getByRole("region", { name: "Help now" });
        // PHQ-9 item 9 brings the numbers up on the PHQ-9 page; from then on every page has the banner,
        // except the safety step, which keeps the full panel.
        const after = STEP_ORDER.indexOf(step) > STEP_ORDER.indexOf("mood") && step !== "safety";
        assert.equal(await banner.count(), after ? 1 : 0, `${step}: the banner ${after ? "is" : "is not"} there`);
        if (after) {
          assert.equal(await page.getByRole("complementary", { name: PANEL }).count(), 0, `${step}: no full panel outside the banner`);
          assert.equal(await banner.getByRole("heading", { name: PANEL }).isVisible(), false, `${step}: the full panel is folded away`);
          const box = (await banner.boundingBox())!;
          assert.ok(box.height < 60, `${step}: the banner is one line (${box.height} px)`);
        }
        if (step === "safety") assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "the full panel stays on the safety step");
        await fillUntil(page, STEP_ORDER[STEP_ORDER.indexOf(step) + 1] ?? "review", person);
      }
      const banner = page.getByRole("region", { name: "Help now" });
      assert.equal(await banner.count(), 1, "the banner on the review page");
      await banner.getByText("More help").click();
      assert.ok(await banner.getByRole("heading", { name: PANEL }).isVisible(), "More help opens the full panel");
      assert.equal(await banner.getByRole("link", { name: "call 9-8-8" }).getAttribute("href"), "tel:988");
      await assertAccessible(page, `the review page with the banner open on ${name}`);
      await context.close();
    });
  }

  it("puts two crisis Tab stops, not six, before the first question on a desktop, and the start button works with Space and Enter", { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/");
    const start = page.getByRole("button", { name: "Start the intake" });
    await start.focus();
    await page.keyboard.press("Space");
    await page.waitForURL(/\/intake\/consent$/);
    await page.goto("/");
    await start.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/intake\/consent$/);

    await fillUntil(page, "treatment", { sexAtBirth: "Female", phq9Item9: 1 });
    await page.goto("/intake/treatment");
    // From the top of the page (the skip link is its first stop), as a keyboard user arriving goes.
    await page.locator(".skip-link").focus();
    const stops: { crisis: boolean; text: string }[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      const at = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const href = el.getAttribute("href") ?? "";
        return { inForm: !!el.closest("form"), crisis: /^(tel|sms):/.test(href) || !!el.closest(".crisis-banner"), text: (el.textContent ?? "").trim().slice(0, 40) };
      });
      if (at.inForm) break;
      stops.push(at);
    }
    assert.ok(stops.length < 20, "Tab reaches the first question");
    assert.equal(stops.filter((s) => s.crisis).length, 2, `the number and "More help" only: ${JSON.stringify(stops)}`);
    await context.close();
  });
});

describe("the consent step's privacy notice", () => {
  for (const js of [true, false]) {
    it(`is a short summary above the boxes, the full versioned notice folded under it, opened without leaving the step (JavaScript ${js ? "on" : "off"})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: js, baseURL: BASE_URL, viewport: PHONE, locale: "en-CA" });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto("/intake");
      await page.waitForURL(/\/intake\/consent$/);
      const notice = page.getByRole("region", { name: "Your privacy" });
      assert.match(await notice.innerText(), /^Only the therapist and clinic team caring for you see your answers\. An unsent intake is deleted after 7 days; a sent one joins your clinical record\./, "who sees the answers and how long they are kept, first");
      const rights = notice.getByRole("heading", { name: "Your rights" });
      assert.equal(await rights.isVisible(), false, "the full notice starts closed");
      const box = page.getByLabel(/I have read the privacy notice/);
      assert.ok((await box.boundingBox())!.y < PHONE.height, "the first box is on the first screen");

      await box.check();
      await notice.getByText("Read the full privacy notice").click();
      assert.ok(await rights.isVisible(), "the full notice opens on the step");
      assert.match(await notice.innerText(), /Version \d{4}-\d{2}-\d{2}/, "with the version stored with the consent");
      assert.match(new URL(page.url()).pathname, /\/intake\/consent$/, "without leaving the step");
      assert.ok(await box.isChecked(), "what was ticked stays ticked");
      await context.close();
    });
  }
});

describe("error messages", () => {
  it("say what to do, alone in the summary, and the link brings the question's label into view", { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto("/intake");
    await fillUntil(page, "about");
    await page.getByLabel("Full name").fill("Zoë Bélanger-Nguyễn");
    await page.getByRole("button", { name: "Continue" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    const link = summary.getByRole("link", { name: "Enter your emergency contact's name" });
    assert.equal((await link.textContent())!.trim(), "Enter your emergency contact's name", "the summary shows only the message");
    assert.match((await page.locator("#f-emergency_contact_name-hint").textContent())!, /if it is worried about your safety and cannot reach you/, "the form says why it asks");
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-emergency_contact_name");
    const label = await page.locator('label[for="f-emergency_contact_name"]').boundingBox();
    assert.ok(label && label.y >= 0 && label.y < PHONE.height, `the label is in view (top ${label?.y})`);
    await context.close();
  });
});

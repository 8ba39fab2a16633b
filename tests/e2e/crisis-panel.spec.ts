import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage } from "./support/browser";
import { answerSafetyFollowUps, chooseScale, fillUntil, group, choose, submitFromReview, SAFETY_LABELS, STEP_ORDER, continueTo } from "./support/intake-flow";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const PANEL = "If you need help now";

describe("crisis numbers", () => {
  it("appear the moment PHQ-9 item 9 is above zero, stay on every later step, and never stop the form", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "mood", { sexAtBirth: "Female", phq9Item9: 1 });
    for (let i = 1; i <= 8; i++) await chooseScale(page, `phq9_${i}`, 1);
    const panel = page.getByRole("complementary", { name: PANEL });
    assert.equal(await panel.count(), 0, "no panel before any trigger");

    await chooseScale(page, "phq9_9", 1); // "Several days"
    await panel.waitFor();
    assert.ok(await panel.getByRole("link", { name: "call 9-8-8" }).isVisible(), "Canadian numbers for a person in Canada");
    assert.equal(await panel.getByRole("link", { name: "text 9-8-8" }).getAttribute("href"), "sms:988");
    assert.equal(await panel.getByRole("link", { name: /911/ }).first().getAttribute("href"), "tel:911");
    assert.match((await panel.textContent())!, /not monitored in real time/);
    assert.match((await panel.textContent())!, /within 2 business days/);
    assert.doesNotMatch((await panel.textContent())!, /call you back|we will call|contact you soon/i, "never promises a call-back");

    await choose(page, /how difficult have these problems/, "Somewhat difficult");
    await continueTo(page, "mood-anxiety");
    for (let i = 1; i <= 7; i++) await chooseScale(page, `gad7_${i}`, 0);
    await continueTo(page, "mood-elevation");
    await choose(page, /In the past week, have you noticed/, "None of these");
    await continueTo(page, "safety");

    // Item 9 above zero brings up the follow-up questions; the full panel stays on the safety step,
    // and every later step opens with the one-line banner (the number, and "More help").
    const banner = page.getByRole("region", { name: "Help now" });
    for (const step of STEP_ORDER.slice(STEP_ORDER.indexOf("safety"))) {
      if (step === "safety") {
        assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "the full panel on the safety step");
        assert.equal(await group(page, /intention of acting/).count(), 1, "intent asked after PHQ-9 item 9");
      } else assert.equal(await banner.getByRole("link", { name: "9-8-8" }).getAttribute("href"), "tel:988", `the crisis banner on the ${step} step`);
      await fillUntil(page, STEP_ORDER[STEP_ORDER.indexOf(step) + 1] ?? "review", { sexAtBirth: "Female", phq9Item9: 1 });
    }
    assert.ok(await banner.getByRole("link", { name: "9-8-8" }).isVisible(), "the crisis banner on the review page");
    await submitFromReview(page);
    assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "crisis numbers on the confirmation page");
    await context.close();
  });

  it("appear at once for thoughts of suicide answered on the safety step, in the numbers of the chosen country", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "safety", { sexAtBirth: "Female", phq9Item9: 0, country: "Another country" });
    const panel = page.getByRole("complementary", { name: PANEL });
    assert.equal(await panel.count(), 0);
    await choose(page, /thoughts of ending your life/, "I'd rather talk about it in person");
    await panel.waitFor();
    assert.match((await panel.textContent())!, /call your local emergency number/);
    assert.equal(await panel.getByRole("link", { name: /9-8-8/ }).count(), 0, "no North American line for another country");
    await choose(page, /intention of acting/, "No");
    await choose(page, /made a plan/, "No");
    await choose(page, "Have you ever tried to end your life?", "Never");
    await choose(page, SAFETY_LABELS.selfHarm, "No");
    await answerSafetyFollowUps(page);
    await choose(page, SAFETY_LABELS.safeNow, "Yes");
    await continueTo(page, "treatment");
    const banner = page.getByRole("region", { name: "Help now" });
    assert.match((await banner.textContent())!, /call your local emergency number/, "the banner stays on the next step, in that country's words");
    await banner.getByText("More help").click();
    assert.ok(await banner.getByRole("heading", { name: PANEL }).isVisible(), "More help opens the full panel");
    await context.close();
  });
});

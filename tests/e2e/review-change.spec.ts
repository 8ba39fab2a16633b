import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage } from "./support/browser";
import { answerSafetyFollowUps, fillUntil, choose, chooseScale, submitFromReview } from "./support/intake-flow";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("changing an answer from the review page", () => {
  it("routes through a step with a newly required question before returning to the review", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "review", { sexAtBirth: "Male", phq9Item9: 0 });
    assert.equal(await page.getByText("Are you pregnant, breastfeeding, or planning a pregnancy?").count(), 0);

    await page.getByRole("link", { name: "Change answers in About you" }).click();
    await page.waitForURL(/\/intake\/about\?return=review$/);
    await choose(page, "Sex assigned at birth", "Female");
    await page.getByRole("button", { name: "Save and continue" }).click();
    // Pregnancy is now asked: the health step comes before the review.
    await page.waitForURL(/\/intake\/health\?return=review$/);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await choose(page, /pregnant, breastfeeding/, "None of these");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/intake\/review$/);
    assert.equal(await page.getByText("Are you pregnant, breastfeeding, or planning a pregnancy?").count(), 1);

    // PHQ-9 item 9 raised: the intent and plan questions must be answered before the review.
    await page.getByRole("link", { name: "Change answers in How you have been feeling" }).click();
    await chooseScale(page, "phq9_9", 2);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/intake\/safety\?return=review$/);
    await choose(page, /intention of acting/, "No");
    await choose(page, /made a plan/, "No");
    await answerSafetyFollowUps(page); // version 2: asked after the same gate
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/intake\/review$/);

    // A change that hides a follow-up clears its answer.
    await page.getByRole("link", { name: "Change answers in How you have been feeling" }).click();
    await chooseScale(page, "phq9_9", 0);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/intake\/review$/);
    assert.equal(await page.getByText("Have you had any intention of acting on these thoughts?").count(), 0);
    assert.equal(await page.getByText("Do you have access to any of these at home?").count(), 0, "and the lethal-means answer with it");
    await submitFromReview(page);
    await context.close();
  });
});

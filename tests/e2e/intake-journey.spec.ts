import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage } from "./support/browser";
import { fillUntil, submitFromReview } from "./support/intake-flow";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("a person completing the intake", () => {
  it("goes from the landing page to a reference code on a 360-px-wide phone", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    await page.getByRole("button", { name: "Start the intake" }).click();
    await page.waitForURL(/\/intake\/consent$/);
    await fillUntil(page, "review");
    await assert.doesNotReject(page.getByRole("heading", { name: "Check your answers before sending" }).waitFor());
    assert.ok(await page.getByText("Zoë Bélanger-Nguyễn").isVisible(), "the review lists the name as typed");
    const reference = await submitFromReview(page);
    assert.ok(await page.getByText(reference).isVisible());
    assert.ok(await page.getByRole("heading", { name: "What happens next" }).isVisible());
    assert.ok(await page.getByRole("link", { name: "call 9-8-8" }).isVisible(), "the confirmation shows the crisis numbers");
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 360, `no sideways scrolling on a phone (page is ${scrollWidth}px wide)`);
    await context.close();
  });
});

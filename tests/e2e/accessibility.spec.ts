import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DESKTOP, launchBrowser, newPage } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { fillUntil, STEP_ORDER, submitFromReview } from "./support/intake-flow";
import { createTherapist, signIn } from "./support/therapist";
import { BASE_URL } from "./support/browser";
import { fullIntake } from "../fixtures/intakes";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

/** 320 CSS px is 1280 px at 400% zoom (WCAG reflow); 200% zoom is met a fortiori. */
async function assertReflows(page: Page, what: string) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} reflows at 320 px (content is ${width}px wide)`);
  await page.setViewportSize(DESKTOP);
}

describe("accessibility", () => {
  it("every step, its error state, the review and the confirmation pass axe and reflow", async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/");
    await assertAccessible(page, "the landing page");
    await assertReflows(page, "the landing page");
    await page.goto("/privacy");
    await assertAccessible(page, "the privacy notice");

    await page.goto("/intake");
    for (const step of STEP_ORDER) {
      await page.waitForURL(new RegExp(`/intake/${step}$`));
      await assertAccessible(page, `the ${step} step`);
      await assertReflows(page, `the ${step} step`);
      // The error state: every required question unanswered (consent has no draft yet to clear).
      if (step === "consent" || step === "about" || step === "treatment") {
        await page.getByRole("button", { name: "Continue" }).click();
        await page.getByRole("heading", { name: "There is a problem" }).waitFor();
        await assertAccessible(page, `the ${step} step with errors`);
      }
      await fillUntil(page, STEP_ORDER[STEP_ORDER.indexOf(step) + 1] ?? "review");
    }
    await assertAccessible(page, "the review page");
    await assertReflows(page, "the review page");
    await submitFromReview(page);
    await assertAccessible(page, "the confirmation page");
    await assertReflows(page, "the confirmation page");
    await page.goto("/intake/resume/not-a-real-token-not-a-real-token-000000000");
    await assertAccessible(page, "the resume page");
    await context.close();
  });

  it("the sign-in page and every dashboard page pass axe", async () => {
    const response = await fetch(`${BASE_URL}/api/intakes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fullIntake({ phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "no", si_plan: "no" }, { submittedAt: undefined })),
    });
    const { id } = (await response.json()) as { id: string };
    const therapist = createTherapist("axe");
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/login");
    await assertAccessible(page, "the sign-in page");
    await signIn(page, therapist);
    await assertAccessible(page, "the dashboard");
    await page.getByLabel("Find an intake").fill("nobody@example.org");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText(/0 matches/).waitFor();
    await assertAccessible(page, "the dashboard with search results");
    await page.goto(`/dashboard/intakes/${id}`);
    await assertAccessible(page, "an urgent intake");
    await page.goto("/dashboard/audit");
    await assertAccessible(page, "the audit log");
    await page.goto("/dashboard/settings");
    await assertAccessible(page, "the settings page");
    await assertReflows(page, "the settings page");
    await context.close();
  });
});

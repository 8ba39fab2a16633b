import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { fillUntil } from "./support/intake-flow";
import { countRows } from "./support/database";
import { fullIntake } from "../fixtures/intakes";

/** A server of its own with a submission limit of 1 per hour and 2 drafts, to see the limits as a person would. */
const DRAFTS_PER_HOUR = 2;
let browser: Browser;
let server: RunningServer;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ RATE_LIMIT_SUBMIT_PER_HOUR: "1", RATE_LIMIT_LOGIN_PER_15MIN: "1000", DRAFTS_PER_HOUR: String(DRAFTS_PER_HOUR) });
});
after(async () => {
  await browser.close();
  server.stop();
});

describe("abuse limits seen from the browser", () => {
  it("a limited final submit keeps the draft and shows the crisis numbers; a spoofed X-Forwarded-For does not get round it", async () => {
    const first = await fetch(`${server.baseUrl}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fullIntake({}, { submittedAt: undefined })) });
    assert.equal(first.status, 201);
    const spoofed = await fetch(`${server.baseUrl}/api/intakes`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.77" },
      body: JSON.stringify(fullIntake({}, { submittedAt: undefined })),
    });
    assert.equal(spoofed.status, 429, "a client cannot choose its own address");
    assert.ok(Number(spoofed.headers.get("retry-after")) > 0);

    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto("/intake");
    await fillUntil(page, "review");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.getByText(/Too many forms have been sent from this connection/).waitFor();
    assert.ok(await page.getByRole("complementary", { name: "If you need help now" }).first().isVisible(), "crisis numbers shown with the refusal");
    await page.reload();
    assert.match(page.url(), /\/intake\/review$/, "still on the review: nothing lost");
    assert.ok(await page.getByText("Zoë Bélanger-Nguyễn").isVisible());
    await context.close();
  });

  it("past DRAFTS_PER_HOUR, starting a form says so, keeps the ticked boxes and stores no draft", async () => {
    process.env.E2E_DATABASE_PATH = server.databasePath;
    let refused = false;
    for (let i = 0; i <= DRAFTS_PER_HOUR && !refused; i++) {
      const context = await browser.newContext({ baseURL: server.baseUrl });
      const page = await context.newPage();
      await page.goto("/intake/consent");
      const drafts = countRows("drafts");
      await page.getByLabel(/I have read the privacy notice/).check();
      await page.getByLabel(/not monitored in real time/).check();
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForFunction(() => location.pathname.endsWith("/about") || document.querySelector("[role=alert]"));
      if (!page.url().endsWith("/about")) {
        await page.getByRole("alert").getByText(/Too many forms have been started from this connection/).waitFor();
        refused = true;
        assert.ok(await page.getByLabel(/I have read the privacy notice/).isChecked(), "what was ticked stays ticked");
        assert.equal(countRows("drafts"), drafts, "no draft stored");
      }
      await context.close();
    }
    assert.ok(refused, `refused within ${DRAFTS_PER_HOUR + 1} starts`);
  });

  it("a bot that fills the hidden honeypot gets nowhere, and no draft is stored", async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    await page.goto("/intake/consent");
    process.env.E2E_DATABASE_PATH = server.databasePath;
    const drafts = countRows("drafts");
    const trap = page.locator("#website-url");
    assert.equal(await trap.getAttribute("tabindex"), "-1");
    assert.equal(await page.locator(".trap").getAttribute("aria-hidden"), "true");
    await trap.fill("http://spam.example", { force: true });
    await page.getByLabel(/I have read the privacy notice/).check();
    await page.getByLabel(/not monitored in real time/).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/intake\/consent$/); // sent back: no draft exists
    assert.equal(countRows("drafts"), drafts);
    await context.close();
  });
});

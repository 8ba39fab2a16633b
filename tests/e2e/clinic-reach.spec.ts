import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { SMTPServer } from "smtp-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { BASE_URL, launchBrowser, newPage, PHONE } from "./support/browser";
import { fullIntakeV2 } from "../fixtures/intakes";
import { freePort, startServer, type RunningServer } from "./support/server";
import { choose, consent, fillUntil, group, STEP_ORDER } from "./support/intake-flow";

/**
 * Issue 16, point 5: the clinic can be reached. A server of its own with the clinic's phone and
 * e-mail, SMTP (a local server started here) and PUBLIC_ORIGIN; the suite's server has none of
 * them, so it shows what a clinic that sets nothing gets.
 */

const PHONE_NUMBER = "416-555-0100";
const CLINIC_EMAIL = "intake@lakeshore.example";
const PERSON_EMAIL = "quillon.zephyr@example.org";
const mails: { to: string[]; data: string }[] = [];
let smtp: SMTPServer;
let browser: Browser;
let server: RunningServer;

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  browser = await launchBrowser();
  const port = await freePort();
  server = await startServer({
    PORT: String(port),
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    CLINIC_NAME: "Lakeshore Clinic",
    CLINIC_PHONE: PHONE_NUMBER,
    CLINIC_EMAIL,
    NOTIFY_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    NOTIFY_EMAIL_TO: "alerts@lakeshore.example",
    RATE_LIMIT_LOGIN_PER_15MIN: "1000",
    RATE_LIMIT_SUBMIT_PER_HOUR: "100000",
    DRAFTS_PER_HOUR: "100000",
  });
});
after(async () => {
  await browser.close();
  server.stop();
  await new Promise<void>((r) => smtp.close(() => r()));
});

const clinicPage = () => newPage(browser, PHONE, server.baseUrl);
/** A browser with JavaScript off, holding the same cookies as `from` (or none). */
async function noScript(baseUrl: string, from?: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseUrl, viewport: PHONE, locale: "en-CA" });
  if (from) await context.addCookies(await from.cookies());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}
async function assertContact(page: Page, where: string) {
  assert.equal(await page.locator(`main a[href="tel:4165550100"]`).first().textContent(), PHONE_NUMBER, `${where}: the phone number as a link`);
  assert.equal(await page.locator(`main a[href="mailto:${CLINIC_EMAIL}"]`).first().textContent(), CLINIC_EMAIL, `${where}: the e-mail as a link`);
}
async function saveForLater(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Save and come back later" }).click();
  return page.getByLabel("Your resume link", { exact: true }).inputValue();
}
/**
 * fillUntil, answering first the version-2 questions the shared fill helpers may not know yet
 * (each only if it is on the page and unanswered), so this spec does not depend on their pace.
 */
async function fillAllUntil(page: Page, stop: (typeof STEP_ORDER)[number] | "review") {
  const extras: Record<string, [RegExp, string][]> = {
    diagnosis: [[/four or more separate mood episodes/, "No"], [/blood relatives had any of these/, "None of these"]],
    safety: [[/hurt yourself on purpose without wanting to die/, "No"]],
    health: [[/serious problem with an anaesthetic/, "No"]],
    substances: [[/problem with ketamine, PCP, DXM/, "Never"]],
  };
  for (;;) {
    const here = new URL(page.url()).pathname.split("/").pop() as (typeof STEP_ORDER)[number];
    if (here === stop || !STEP_ORDER.includes(here)) return;
    for (const [legend, option] of extras[here] ?? []) {
      const box = group(page, legend);
      if ((await box.count()) > 0 && (await box.locator("input:checked").count()) === 0) await choose(page, legend, option);
    }
    await fillUntil(page, STEP_ORDER[STEP_ORDER.indexOf(here) + 1] ?? "review");
  }
}
/**
 * A browser whose draft has been sent, without walking the whole form (tests/e2e/intake-journey
 * does that): consent through the page, an intake through the API, and the draft marked as having
 * become it, as sending does. What is tested here is the page that follows.
 */
async function sentDraft(page: Page, context: BrowserContext): Promise<string> {
  await page.goto("/intake/consent");
  await consent(page);
  const response = await fetch(`${server.baseUrl}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fullIntakeV2({}, { submittedAt: undefined })) });
  assert.equal(response.status, 201);
  const { id, reference } = (await response.json()) as { id: string; reference: string };
  const token = (await context.cookies()).find((c) => c.name.endsWith("intake_draft"))!.value;
  const db = new Database(server.databasePath);
  try {
    const changed = db.prepare("update drafts set intake_id = ? where session_hash = ?").run(id, createHash("sha256").update(token, "utf8").digest("base64url")).changes;
    assert.equal(changed, 1);
  } finally {
    db.close();
  }
  await page.goto("/intake");
  await page.waitForURL(/\/intake\/sent$/);
  assert.equal((await page.locator(".reference").textContent())?.trim(), reference);
  return reference;
}
async function resume(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Continue my intake" }).click();
}

describe("the clinic's phone and e-mail", () => {
  it("are on the confirmation, the privacy notice, the consent step and the no-JavaScript note; forgetting ends on a page that says so, with and without JavaScript", async () => {
    const { context, page } = await clinicPage();
    await sentDraft(page, context);
    await assertContact(page, "the confirmation");
    assert.match(await page.locator("main").innerText(), /To ask about your intake, or to change an answer, contact Lakeshore Clinic: phone 416-555-0100 or e-mail intake@lakeshore\.example\./);

    // The same sent intake, forgotten from a browser without scripts (the form posts).
    const bare = await noScript(server.baseUrl, context);
    await bare.page.goto("/intake/sent");
    await bare.page.getByRole("button", { name: "Forget this intake on this device" }).click();
    await bare.page.waitForURL(/\/intake\/ended\/forgotten$/);
    await bare.page.getByRole("heading", { level: 1, name: "This intake has been forgotten on this device" }).waitFor();
    assert.match(await bare.page.locator("main").innerText(), /The answers you sent are not affected/);
    await assertContact(bare.page, "the forgotten page");
    // This browser holds nothing any more: the intake starts afresh, not on the confirmation.
    await bare.page.goto("/intake");
    await bare.page.waitForURL(/\/intake\/consent$/);
    await bare.context.close();
    // And with scripts, from the browser that sent it.
    await page.getByRole("button", { name: "Forget this intake on this device" }).click();
    await page.waitForURL(/\/intake\/ended\/forgotten$/);
    await page.getByRole("heading", { level: 1, name: "This intake has been forgotten on this device" }).waitFor();
    await page.goto("/intake");
    await page.waitForURL(/\/intake\/consent$/);

    await page.goto("/privacy");
    assert.match(await page.locator("main").innerText(), /To contact Lakeshore Clinic, phone 416-555-0100 or e-mail intake@lakeshore\.example\./);
    await page.goto("/intake/consent");
    await page.getByText("Read the full privacy notice").click();
    assert.match(await page.locator("main").innerText(), /To contact Lakeshore Clinic, phone 416-555-0100/);
    assert.equal(await page.getByText(/JavaScript is off in this browser/).count(), 0, "the no-JavaScript note only without JavaScript");
    await context.close();

    const nojs = await noScript(server.baseUrl);
    await nojs.page.goto("/intake/consent");
    const note = nojs.page.getByRole("complementary", { name: "Using this form without JavaScript" });
    assert.match(await note.innerText(), /JavaScript is off in this browser[\s\S]*would rather do the intake by phone, contact Lakeshore Clinic: phone 416-555-0100 or e-mail/);
    assert.equal(await note.locator('a[href="tel:4165550100"]').count(), 1);
    await nojs.context.close();
  });

  it("are left out, not printed blank, when the clinic sets none", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/privacy");
    const text = await page.locator("main").innerText();
    assert.doesNotMatch(text, /To contact|phone|undefined/);
    await page.goto("/intake/ended/link-used");
    assert.doesNotMatch(await page.locator("main").innerText(), /contact the clinic:|undefined/);
    assert.equal(await page.locator('.clinic-contact, a[href^="mailto:"]').count(), 0); // the crisis numbers' tel: links stay
    await context.close();
  });
});

describe("ends that say what happened", () => {
  it("a draft continued on another device, and a used link, end on pages that say so and offer to start again, with and without JavaScript", async () => {
    // A (no scripts) starts and saves; B (scripts) continues with the link.
    const a = await noScript(server.baseUrl);
    await a.page.goto("/intake/consent");
    await a.page.getByLabel(/I have read the privacy notice/).check();
    await a.page.getByLabel(/not monitored in real time/).check();
    await a.page.getByRole("button", { name: "Continue" }).click();
    await a.page.waitForURL(/\/intake\/about$/);
    await a.page.getByLabel("Full name").fill("Quillon Zephyrwood");
    const link1 = await saveForLater(a.page);
    const b = await clinicPage();
    await resume(b.page, link1);
    await b.page.waitForURL(/\/intake\/about$/);

    await a.page.goto("/intake/about");
    await a.page.waitForURL(/\/intake\/ended\/elsewhere$/);
    await a.page.getByRole("heading", { level: 1, name: "Your intake is no longer open in this browser" }).waitFor();
    assert.match(await a.page.locator("main").innerText(), /continued on another device/);
    await assertContact(a.page, "the continued-elsewhere page");
    await a.page.getByRole("button", { name: "Start a new intake" }).click();
    await a.page.waitForURL(/\/intake\/consent$/);
    await a.page.goto("/intake");
    await a.page.waitForURL(/\/intake\/consent$/, { timeout: 5000 }); // the stale cookie is gone

    // B (scripts) saves again; C (no scripts) continues; B's page, reloaded, says what happened.
    const link2 = await saveForLater(b.page);
    const c = await noScript(server.baseUrl);
    await resume(c.page, link2);
    await c.page.waitForURL(/\/intake\/about$/);
    assert.equal(await c.page.getByLabel("Full name").inputValue(), "Quillon Zephyrwood");
    await b.page.reload();
    await b.page.waitForURL(/\/intake\/ended\/elsewhere$/);
    await b.page.getByRole("heading", { level: 1, name: "Your intake is no longer open in this browser" }).waitFor();

    // Both links are used: with scripts and without, the page says so (not a blank step 1).
    await resume(b.page, link1);
    await b.page.waitForURL(/\/intake\/ended\/link-used$/);
    await b.page.getByRole("heading", { level: 1, name: "This link cannot be used any more" }).waitFor();
    await b.page.getByRole("button", { name: "Start a new intake" }).waitFor();
    const d = await noScript(server.baseUrl);
    await resume(d.page, link2);
    await d.page.waitForURL(/\/intake\/ended\/link-used$/);
    assert.match(await d.page.locator("main").innerText(), /used already \(perhaps on another device\), or it has expired/);
    await assertContact(d.page, "the used-link page");
    // A used link opened where another intake is open offers that intake, never to throw it away.
    await resume(c.page, link1);
    await c.page.waitForURL(/\/intake\/ended\/link-used$/);
    await c.page.getByRole("link", { name: "Continue the intake open in this browser" }).click();
    await c.page.waitForURL(/\/intake\/about$/);
    assert.equal(await c.page.getByRole("button", { name: "Start a new intake" }).count(), 0);
    for (const x of [a, b, c, d]) await x.context.close();
  });
});

describe("the resume link by e-mail", () => {
  it("is sent to the address typed, holding only the link and the clinic's name; the link works", async () => {
    const { context, page } = await clinicPage();
    await page.goto("/intake");
    await fillAllUntil(page, "diagnosis");
    await saveForLater(page);
    await page.getByRole("link", { name: "Send me a link by e-mail instead" }).click();
    await page.waitForURL(/\/intake\/email-link$/);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("alert").getByText("Enter your e-mail address").waitFor();
    await page.getByLabel("Your e-mail address").fill("quillon-not-an-address");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("alert").getByText("Enter an e-mail address in the correct format, like name@example.com").waitFor();
    assert.equal(await page.getByLabel("Your e-mail address").inputValue(), "quillon-not-an-address", "what was typed stays to be corrected");
    const before = mails.length;
    await page.getByLabel("Your e-mail address").fill(PERSON_EMAIL);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("heading", { name: "We have sent you a link" }).waitFor();
    assert.equal(mails.length, before + 1);
    const mail = mails.at(-1)!;
    assert.deepEqual(mail.to, [PERSON_EMAIL]);
    const body = mail.data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const links = body.match(/https?:\/\/\S+/g) ?? [];
    assert.equal(links.length, 1);
    assert.ok(links[0]!.startsWith(`${server.baseUrl}/intake/resume/`));
    assert.match(body, /Subject: Your link from Lakeshore Clinic/);
    for (const answer of ["Zoë", "Bélanger", "zoe.example", "1988", "ketamine", "bipolar"]) assert.ok(!body.includes(answer), `the e-mail holds ${answer}`);
    await context.close();

    const other = await noScript(server.baseUrl);
    await resume(other.page, links[0]!);
    await other.page.waitForURL(/\/intake\/diagnosis$/);
    // Without scripts the e-mail form posts too.
    await other.page.goto("/intake/email-link");
    await other.page.getByLabel("Your e-mail address").fill(PERSON_EMAIL);
    await other.page.getByRole("button", { name: "Send the link" }).click();
    await other.page.getByRole("heading", { name: "We have sent you a link" }).waitFor();
    assert.equal(mails.length, before + 2);
    await other.context.close();
  });

  it("is not offered when SMTP is not configured", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "about");
    await saveForLater(page);
    assert.equal(await page.getByRole("link", { name: /link by e-mail/ }).count(), 0);
    await page.goto("/intake/email-link");
    await page.waitForURL(/\/intake\/about$/);
    await context.close();
  });
});

describe("public pages", () => {
  it("have the app's own icon and log no error and no failed request in the browser", async () => {
    const { context, page } = await newPage(browser);
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${page.url()}: console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    // An RSC fetch the router abandons for a newer navigation is aborted, not failed.
    page.on("requestfailed", (r) => {
      if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`failed ${r.url()} ${r.failure()?.errorText}`);
    });
    const pages = ["/", "/privacy", "/intake/consent", "/intake/resume/not-a-real-token-not-a-real-token-000000000", "/intake/ended/forgotten", "/intake/ended/link-used", "/intake/ended/elsewhere", "/login"];
    for (const p of pages) {
      await page.goto(p);
      await page.waitForLoadState("networkidle");
      const icon = await page.locator('head link[rel="icon"]').first().getAttribute("href");
      assert.match(icon ?? "", /^\/icon\.svg/, `${p} names the app's icon`);
    }
    await page.goto("/intake/consent");
    await consent(page); // and a step page reached by the form itself
    await page.waitForLoadState("networkidle");
    const icon = await fetch(`${BASE_URL}/icon.svg`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get("content-type") ?? "", /^image\/svg\+xml/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

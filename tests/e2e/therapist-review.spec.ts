import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage } from "./support/browser";
import { fillUntil, submitFromReview } from "./support/intake-flow";
import { createTherapist, currentCode, signIn } from "./support/therapist";
import { fullIntake } from "../fixtures/intakes";
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { pdfText } from "../support/pdf-text";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

async function submitThroughApi(overrides: Record<string, unknown>): Promise<{ id: string; reference: string }> {
  const response = await fetch(`${BASE_URL}/api/intakes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fullIntake(overrides, { submittedAt: undefined })),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string; reference: string };
}

describe("a therapist reviewing intakes", () => {
  it("signs in with password and TOTP, handles the urgent intake first, and leaves nothing readable after signing out", async () => {
    // One intake through the form, one urgent one through the API.
    const client = await newPage(browser);
    await client.page.goto("/intake");
    await fillUntil(client.page, "review");
    const formReference = await submitFromReview(client.page);
    await client.context.close();
    const urgent = await submitThroughApi({ full_name: "Mireille Urgent-Case", phq9_9: 3, si_thoughts_past_month: "yes", si_intent: "yes", si_plan: "yes" });

    const therapist = createTherapist("review");
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, therapist);

    const firstRow = page.locator("table.queue tbody tr").first();
    assert.equal(await firstRow.locator("a").first().textContent(), urgent.reference, "the urgent intake is on top");
    assert.match((await firstRow.textContent())!, /Urgent/);
    assert.match((await page.locator(".urgent-count").textContent())!, /[1-9]\d* urgent intakes? not yet acknowledged/);
    // The shared server holds other specs' intakes too: follow "Next page" until the form's intake is listed (25 a page).
    let listed = await page.getByRole("link", { name: formReference }).isVisible();
    for (let pages = 1; !listed && pages < 20 && (await page.getByRole("link", { name: "Next page" }).count()) > 0; pages++) {
      await page.getByRole("link", { name: "Next page" }).click();
      await page.locator("table.queue").waitFor();
      listed = await page.getByRole("link", { name: formReference }).isVisible();
    }
    assert.ok(listed, "the intake from the form is listed too");
    await page.goto("/dashboard");

    await firstRow.getByRole("link", { name: urgent.reference }).click();
    await page.waitForURL(new RegExp(`/dashboard/intakes/${urgent.id}$`));
    const consideration = page.locator(".consideration.severity-urgent_safety").first();
    assert.match((await consideration.textContent())!, /Thoughts that you would be better off dead/, "evidence: the question's label");
    assert.match((await consideration.textContent())!, /Nearly every day/, "evidence: the client's answer in words");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the PDF summary" }).click()]);
    assert.equal(download.suggestedFilename(), `intake-summary-${urgent.reference}.pdf`, "a server-chosen filename without the name");
    const summary = pdfText(fs.readFileSync((await download.path())!));
    assert.match(summary, /Mireille Urgent-Case/);
    assert.match(summary, /Urgent — safety considerations to act on first/);
    assert.match(summary, /Page 1\n/);
    assert.match(summary, /End of the summary — \d+ pages?/);
    assert.match(summary, /Call card/, "the call card on page 1");
    assert.doesNotMatch(summary, /Notes and status history/, "notes and history only when asked for");

    await page.getByRole("button", { name: /Acknowledge/ }).click();
    await page.getByText(/Urgent intake acknowledged by Dr Review Tester/).waitFor();
    assert.equal(await page.getByRole("button", { name: /Acknowledge/ }).count(), 0);

    await page.getByRole("button", { name: "Move to “In review”" }).click();
    await page.getByText(/New → In review, by Dr Review Tester/).waitFor();
    await page.getByLabel("Add a note").fill("Phoned the client; safety plan in place. Consult booked for Thursday.");
    await page.getByRole("button", { name: "Save note" }).click();
    await page.getByText("Phoned the client; safety plan in place.", { exact: false }).waitFor();

    // The download's option: the notes and status history at the end, the address holding only the flag.
    const [withNotes] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download it with the notes and status history" }).click()]);
    assert.match(withNotes.url(), new RegExp(`/api/intakes/${urgent.id}/pdf\\?include=notes$`));
    const withRecord = pdfText(fs.readFileSync((await withNotes.path())!)).replace(/\s+/g, " ");
    assert.match(withRecord, /Notes and status history/);
    assert.match(withRecord, /Dr Review Tester: Phoned the client; safety plan in place\. Consult booked for Thursday\./);
    assert.match(withRecord, /Dr Review Tester: from New to In review/);

    const sessionCookies = await context.cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login\?ended=signed_out$/);
    await page.goBack();
    await page.waitForURL(/\/login/); // Back asks the server again, which sends the browser to sign in
    await page.waitForLoadState("networkidle");
    const afterBack = await page.content();
    assert.ok(!afterBack.includes("Mireille") && !afterBack.includes("Phoned the client"), "Back shows no health information");

    const replay = await browser.newContext({ baseURL: BASE_URL });
    await replay.addCookies(sessionCookies);
    const replayPage = await replay.newPage();
    const response = await replayPage.goto(`/dashboard/intakes/${urgent.id}`);
    assert.match(replayPage.url(), /\/login/, "the old session cookie no longer opens anything");
    assert.ok(!(await response!.text()).includes("Mireille"));
    await replay.close();
    await context.close();

    // The running server anchored every event it wrote: the audit log verifies up to its newest one.
    const verify = spawnSync(process.execPath, ["bin/run.mjs", "scripts/audit.ts", "verify"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH, KEYS_DIR: process.env.E2E_KEYS_DIR },
    });
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /^Audit log intact: \d+ events, every link verified; the newest matches the anchor/);
  });

  it("refuses a wrong code, and after repeated wrong codes asks for the password again", async () => {
    const therapist = createTherapist("wrongcode");
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/login");
    await page.getByLabel("E-mail address").fill(therapist.email);
    await page.getByLabel("Password").fill("not the right password at all");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("The e-mail address or password is not right.").waitFor();

    await page.getByLabel("Password").fill(therapist.password);
    await page.getByRole("button", { name: "Continue" }).click();
    const good = await currentCode(therapist.secret);
    const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, "0");
    // One answer per attempt (the form ignores clicks while a request is in flight), and the
    // message shown is checked, so a failure says what the person saw instead.
    const attempt = async () => {
      await page.getByLabel("Code from your authenticator app").fill(wrong);
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/two-factor/verify-totp"));
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
      // The page has shown this attempt's outcome once the button is no longer busy.
      await page.locator('button[aria-busy="true"]').waitFor({ state: "detached" });
      return (await page.locator(".error-summary").textContent()) ?? "";
    };
    for (let i = 0; i < 5; i++) assert.match(await attempt(), /That code is not right\./, `attempt ${i + 1}`);
    assert.match(await attempt(), /Too many wrong codes\. Enter your password again/);
    assert.ok(await page.getByLabel("Password").isVisible());
    const dashboard = await page.goto("/dashboard");
    assert.match(page.url(), /\/login$/, "no session was created");
    assert.ok(dashboard);
    await context.close();
  });
});

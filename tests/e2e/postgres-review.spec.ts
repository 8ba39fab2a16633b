import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { DESKTOP, launchBrowser, newPage } from "./support/browser";
import { fillUntil, submitFromReview } from "./support/intake-flow";
import { startServer, type RunningServer } from "./support/server";
import { createTherapist, signIn } from "./support/therapist";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster";
import { pdfText } from "../support/pdf-text";

/**
 * The therapist-review journey on PostgreSQL: a server of its own (DATABASE_URL on a throw-away
 * cluster), an intake through the wizard, a therapist made by the users CLI against the same
 * database, sign-in with password and TOTP, the intake reviewed and its PDF downloaded.
 */

let browser: Browser;
let cluster: PostgresCluster;
let server: RunningServer;
let keys: string;
before(async () => {
  cluster = await startPostgresCluster();
  keys = fs.mkdtempSync(path.join(os.tmpdir(), "intake-pg-keys-"));
  server = await startServer({ DATABASE_URL: cluster.url, KEYS_DIR: keys, RATE_LIMIT_LOGIN_PER_15MIN: "1000", RATE_LIMIT_SUBMIT_PER_HOUR: "1000" });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
  await cluster?.stop();
  fs.rmSync(keys, { recursive: true, force: true });
});

describe("a therapist reviewing an intake on PostgreSQL", () => {
  it("intake through the wizard, sign-in with TOTP, review, PDF download", async () => {
    const client = await newPage(browser, undefined, server.baseUrl);
    await client.page.goto("/intake");
    await fillUntil(client.page, "review");
    const reference = await submitFromReview(client.page);
    await client.context.close();

    // The users CLI writes the account to the same PostgreSQL database (DATABASE_URL in its env).
    process.env.DATABASE_URL = cluster.url;
    process.env.E2E_KEYS_DIR = keys;
    const therapist = createTherapist("pgreview");

    const { context, page } = await newPage(browser, DESKTOP, server.baseUrl);
    await signIn(page, therapist);
    const row = page.locator("table.queue tbody tr", { hasText: reference });
    await row.getByRole("link", { name: reference }).click();
    await page.waitForURL(/\/dashboard\/intakes\/[^/]+$/);

    await page.getByRole("button", { name: "Move to “In review”" }).click();
    await page.getByText(/New → In review, by Dr Pgreview Tester/).waitFor();
    await page.getByLabel("Add a note").fill("Reviewed on PostgreSQL; consult booked.");
    await page.getByRole("button", { name: "Save note" }).click();
    await page.getByText("Reviewed on PostgreSQL; consult booked.").waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the PDF summary" }).click()]);
    assert.equal(download.suggestedFilename(), `intake-summary-${reference}.pdf`);
    assert.match(pdfText(fs.readFileSync((await download.path())!)), /End of the summary — \d+ pages?/);
    await context.close();

    assert.ok(!fs.existsSync(server.databasePath), "nothing was written to a SQLite database");
  });
});

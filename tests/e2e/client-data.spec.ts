import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage } from "./support/browser";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntake } from "../fixtures/intakes";

/** Issue 12, item 4: an intake sent with someone else's e-mail must not pull their data into an export or a deletion. */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

async function submit(overrides: Record<string, unknown>): Promise<{ id: string; reference: string }> {
  const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fullIntake(overrides, { submittedAt: undefined })) });
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string; reference: string };
}

describe("a client's data, from the intake page", () => {
  it("lists same-e-mail intakes with reference, date and name, none ticked, and exports and deletes only what was ticked", async () => {
    const email = `shared-${Date.now()}@example.org`;
    const real = await submit({ email, full_name: "Rosalind Realclient", goals: "Rosalind's own goals" });
    const forged = await submit({ email, full_name: "Someone Pretending", goals: "forged goals" });

    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, createTherapist("rights"));
    await page.goto(`/dashboard/intakes/${forged.id}`);

    const exportBoxes = page.getByRole("group", { name: "Intakes to export" }).getByRole("checkbox");
    assert.equal(await exportBoxes.count(), 2);
    for (const box of await exportBoxes.all()) assert.equal(await box.isChecked(), false, "none pre-selected");
    const realBox = page.getByRole("group", { name: "Intakes to export" }).getByLabel(new RegExp(`${real.reference}, received .*, name given: Rosalind Realclient`));
    const forgedBox = page.getByRole("group", { name: "Intakes to export" }).getByLabel(new RegExp(`${forged.reference}, received .*, name given: Someone Pretending — this intake`));
    assert.ok(await realBox.isVisible());
    assert.equal(await page.getByRole("button", { name: "Download the export" }).isDisabled(), true, "nothing chosen, nothing to download");

    // By keyboard: tick this intake only, read the summary, download.
    await forgedBox.focus();
    await page.keyboard.press("Space");
    assert.match((await page.locator("form[aria-labelledby=export-heading] .note").textContent())!, new RegExp(`The export \\(JSON\\) will contain this intake:${forged.reference}`));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the export" }).click()]);
    assert.equal(download.suggestedFilename(), `client-data-${forged.reference}.json`);
    const exported = fs.readFileSync((await download.path())!, "utf8");
    assert.ok(exported.includes("forged goals"));
    assert.ok(!exported.includes("Rosalind"), "the other person's intake is not in the export");

    // Delete only the forged intake, as entered in error.
    await page.getByText("Delete intakes of this client").click();
    await page.getByRole("group", { name: "Intakes to delete" }).getByLabel(new RegExp(forged.reference)).check();
    assert.match((await page.locator("details .note").textContent())!, new RegExp(`This intake will be deleted permanently, with its notes and history:${forged.reference}`));
    await page.getByLabel("Basis").selectOption("entered_in_error");
    await page.getByLabel("Type the reference of each intake you ticked").fill(real.reference);
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await page.locator("details .error-message").waitFor();
    assert.match((await page.locator("details .error-message").textContent())!, new RegExp(`Type the reference of each intake you chose \\(${forged.reference}\\) and no other; nothing was deleted`));
    await page.getByLabel("Type the reference of each intake you ticked").fill(forged.reference.toLowerCase());
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await page.getByText("Deleted 1 intake.").waitFor();

    await page.goto(`/dashboard/intakes/${real.id}`);
    assert.match((await page.locator("main").textContent())!, /Rosalind Realclient/, "the real client's intake is still there");
    assert.match((await page.locator("main").textContent())!, /No other intake was sent with this e-mail address\./);
    await context.close();
  });
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage, PHONE } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntakeV2 } from "../fixtures/intakes";

/**
 * The clinic outcome report as a therapist reads it: six fictional Bipolar II courses (shown, with
 * intervals) and three Bipolar I (fewer than 5: rates withheld, drawn as absent), the filters by date
 * and type, a wrong date named, the CSV of aggregates only.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const DOB = "1985-03-14";
const REMISSION = {
  phq9_1: 1, phq9_2: 1, phq9_3: 1, phq9_4: 0, phq9_5: 0, phq9_6: 0, phq9_7: 0, phq9_8: 0, phq9_9: 0,
  mania_symptoms_past_week: ["none"], si_thoughts_since_last: "no", si_safe_now: "yes", si_attempt_since_last: "no", self_harm_since_last: "no", side_effects: ["none"], global_change: "much_better",
};
const NAMES = ["Ardith", "Bexley", "Caspian", "Delphine", "Ezra", "Florian", "Greer", "Halden", "Isolde"];

async function seedCourses() {
  const specs = [];
  for (const [i, name] of NAMES.entries()) {
    const { submittedAt: _drop, ...body } = fullIntakeV2({ date_of_birth: DOB, full_name: `${name} Outcomereport`, email: `outcomes.${i}.${Date.now()}@example.org`, bipolar_type: i < 6 ? "bipolar_2" : "bipolar_1" });
    const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    assert.equal(response.status, 201, await response.clone().text());
    const { id } = (await response.json()) as { id: string };
    specs.push({ intakeId: id, startedOn: `2024-03-${String(10 + i).padStart(2, "0")}`, dateOfBirth: DOB, checkins: [REMISSION] });
  }
  const result = spawnSync(process.execPath, ["bin/run.mjs", "tests/e2e/support/seed-report-courses.ts"], {
    input: JSON.stringify(specs),
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH, KEYS_DIR: process.env.E2E_KEYS_DIR },
  });
  assert.equal(result.status, 0, `seeding the courses failed: ${result.stdout} ${result.stderr}`);
}

describe("the clinic outcome report", () => {
  it("filters by date and type, shows intervals, suppresses small cells, names a wrong date, downloads aggregates only", async () => {
    await seedCourses();
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, createTherapist("outcomes"));
    await page.goto("/dashboard");
    await page.getByRole("link", { name: "Clinic outcomes" }).click();
    await page.getByRole("heading", { name: "Clinic outcomes" }).waitFor();
    await page.getByLabel("Started from").fill("2024-03-01");
    await page.getByLabel("Started to").fill("2024-03-31");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/from=2024-03-01/);
    const cell = (bucket: string, name: string) => page.locator(`tr[data-bucket="${bucket}"] td[data-cell="${name}"]`).innerText();

    assert.equal(await cell("bipolar_2", "courses"), "6");
    assert.match(await cell("bipolar_2", "response"), /6 of 6\s+100\.0% \(95% CI 61\.0%–100\.0%\)/);
    assert.equal(await cell("bipolar_1", "courses"), "fewer than 5");
    assert.match(await cell("bipolar_1", "response"), /fewer than 5 of fewer than 5\s+rate withheld/);
    assert.equal(await cell("bipolar_1", "median"), "withheld");
    assert.equal(await cell("overall", "courses"), "9");
    assert.equal(await cell("overall", "median"), "1");
    assert.match(await page.locator("main").innerText(), /report response in about 30–50% of people; this clinic's figures are its own and are not a prediction for any one person/);

    // The chart: Bipolar II's response drawn at 100% with its interval; Bipolar I's left out with a note.
    const chart = page.getByRole("img", { name: /Response and remission rates/ });
    assert.equal(await chart.locator('[data-bucket="bipolar_2"] [data-measure="response"]').getAttribute("data-rate"), "1");
    assert.equal(Number(await chart.locator('[data-bucket="bipolar_2"] [data-measure="response"]').getAttribute("data-low")).toFixed(3), "0.610");
    assert.match(await chart.locator('[data-bucket="bipolar_1"] [data-measure="response"]').textContent() ?? "", /withheld \(fewer than 5\)/);

    // The CSV: aggregates only, no name or id, not cached, a server-chosen name.
    const href = await page.getByRole("link", { name: /Download these figures/ }).getAttribute("href");
    const csv = await context.request.get(href!);
    assert.equal(csv.status(), 200);
    assert.equal(csv.headers()["cache-control"], "no-store");
    assert.equal(csv.headers()["content-disposition"], 'attachment; filename="clinic-outcomes-2024-03-01-to-2024-03-31.csv"');
    const text = await csv.text();
    assert.equal(text.trim().split("\r\n").length, 5);
    for (const name of NAMES) assert.ok(!text.includes(name));

    // Type filter: one row; a wrong date is named and not applied.
    await page.locator("#filter-type").selectOption("bipolar_1");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/type=bipolar_1/);
    assert.equal(await page.locator("tbody tr").count(), 1);
    assert.equal(await cell("bipolar_1", "courses"), "fewer than 5");
    await page.goto("/dashboard/outcomes?from=2024-02-30&to=2024-03-31");
    assert.match(await page.locator("p.error-message[role=alert]").innerText(), /Started from is not a real date/);
    assert.ok(!(await page.locator("p.error-message[role=alert]").innerText()).includes("2024-02-30"));
    await context.close();
  });

  it("reads at 360 px and passes axe", async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, createTherapist("outcomes-phone"));
    await page.goto("/dashboard/outcomes?from=2024-03-01&to=2024-03-31");
    await page.getByRole("heading", { name: "Clinic outcomes" }).waitFor();
    await assertAccessible(page, "the clinic outcome report at 360 px");
    await context.close();
  });
});

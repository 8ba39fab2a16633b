import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { BASE_URL, launchBrowser, newPage, PHONE } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntakeV2 } from "../fixtures/intakes";
import { formatDate } from "../../lib/questionnaire/format-answer";

/**
 * The course page's charts on a phone (360 px), on a course with eight sessions and six check-ins
 * over ten weeks (support/course-charts-seed.ts, through lib/course-records): no sideways
 * scrolling, the three pictures visible and fitting, each table's values equal to the records,
 * each marker's height (read against the axis's labelled ticks) equal to its record's value, axe
 * clean, and printing keeps the pictures and the tables whole.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const DOB = "1985-03-14";
type Pair = [number, number];
interface Seeded {
  courseId: string;
  startedOn: string;
  baseline: number;
  sessions: { date: string; pre: Pair; min40: Pair | null; discharge: Pair }[];
  checkins: { date: string; total: number; count: number }[];
}

async function seedCourse(): Promise<Seeded> {
  const { submittedAt: _drop, ...body } = fullIntakeV2({ date_of_birth: DOB, full_name: "Charlie Charts", email: `charts-${Date.now()}@example.org` });
  const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
  const { id } = (await response.json()) as { id: string };
  const result = spawnSync(process.execPath, ["bin/run.mjs", "tests/e2e/support/course-charts-seed.ts", id, DOB], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH, KEYS_DIR: process.env.E2E_KEYS_DIR },
  });
  assert.equal(result.status, 0, `seeding the course failed: ${result.stdout} ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Seeded;
}

/** A chart's table as text, header first. */
const tableOf = (page: Page, chart: string) =>
  page.locator(`[data-chart="${chart}"] table`).evaluate((t) => [...t.querySelectorAll("tr")].map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent!.trim())));

/** Each series' markers as the values they stand for, from the y axis's labelled ticks, in drawing order. */
async function markersOf(page: Page, chart: string) {
  // No named functions inside evaluate(): tsx would wrap them in a helper the page does not have.
  const raw = await page.locator(`[data-chart="${chart}"] svg.chart-svg`).evaluate((svg) => ({
    ticks: [...svg.querySelectorAll(".chart-y-axis text")].map((t) => ({ y: Number(t.getAttribute("y")), v: Number(t.textContent) })),
    series: [...svg.querySelectorAll("[data-series]")].map((g) => ({
      id: g.getAttribute("data-series")!,
      points: [...g.querySelectorAll(".chart-point")].map((p) => p.getAttribute("transform")!),
    })),
    references: [...svg.querySelectorAll("[data-reference]")].map((r) => ({ id: r.getAttribute("data-reference")!, y: Number(r.querySelector("line")!.getAttribute("y1")) })),
  }));
  const [a, b] = [raw.ticks[0]!, raw.ticks.at(-1)!];
  const valueAt = (y: number) => Math.round((a.v + ((y - a.y) / (b.y - a.y)) * (b.v - a.v)) * 10) / 10;
  const series: Record<string, { x: number; value: number }[]> = {};
  for (const s of raw.series)
    series[s.id] = s.points.map((transform) => {
      const [x, y] = /translate\(([\d.]+) ([\d.]+)\)/.exec(transform)!.slice(1).map(Number) as [number, number];
      return { x, value: valueAt(y) };
    });
  return { series, references: Object.fromEntries(raw.references.map((r) => [r.id, valueAt(r.y)])) };
}

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const bp = (p: Pair | null) => (p ? `${p[0]}/${p[1]}` : "Not taken");

describe("the course page's charts on a phone", () => {
  it("shows the three charts and their tables at 360 px, with the records' values, axe clean, and prints them whole", async () => {
    const seeded = await seedCourse();
    const therapist = createTherapist("coursecharts");
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, therapist);
    await page.goto(`/dashboard/courses/${seeded.courseId}`);
    await page.locator("#charts-heading").waitFor();

    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling at 360 px");
    for (const chart of ["phq9", "blood-pressure", "elevation"]) {
      const svg = page.locator(`[data-chart="${chart}"] svg.chart-svg`);
      assert.ok(await svg.isVisible(), `${chart}: the picture is shown`);
      const box = (await svg.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width && box.width >= 280, `${chart}: the picture fits the phone (${box.x}+${box.width})`);
      assert.ok(await page.locator(`[data-chart="${chart}"] table`).isVisible(), `${chart}: the table is shown`);
      // The table sits below the picture on a phone.
      const table = (await page.locator(`[data-chart="${chart}"] table`).boundingBox())!;
      assert.ok(table.y >= box.y + box.height, `${chart}: the table is below the picture`);
    }

    // PHQ-9: the table and the markers say what the records say.
    assert.deepEqual(await tableOf(page, "phq9"), [
      ["Date", "PHQ-9 total", "Change from baseline"],
      [`${formatDate(seeded.startedOn)} (baseline)`, String(seeded.baseline), "—"],
      ...seeded.checkins.map((c) => [formatDate(c.date), String(c.total), signed(c.total - seeded.baseline)]),
    ]);
    const phq9 = await markersOf(page, "phq9");
    assert.deepEqual(phq9.series.baseline!.map((p) => p.value), [seeded.baseline]);
    assert.deepEqual(phq9.series.checkins!.map((p) => p.value), seeded.checkins.map((c) => c.total));
    assert.ok(increasing(phq9.series.checkins!.map((p) => p.x)), "check-ins left to right in time order");
    assert.deepEqual(phq9.references, { response: seeded.baseline / 2, remission: 4 });
    const description = await page.locator('[data-chart="phq9"] svg desc').textContent();
    assert.match(description!, new RegExp(`from ${seeded.baseline} at baseline .* to ${seeded.checkins.at(-1)!.total} at the latest of ${seeded.checkins.length} check-ins`));
    assert.equal(await page.getByRole("img", { name: "PHQ-9 over time" }).count(), 1, "the picture is named by its title");

    // Blood pressure: one row per session; each series' markers are its readings.
    assert.deepEqual(await tableOf(page, "blood-pressure"), [
      ["Session date", "Before the session", "At 40 minutes", "At discharge"],
      ...seeded.sessions.map((s) => [formatDate(s.date), bp(s.pre), bp(s.min40), bp(s.discharge)]),
    ]);
    const pressure = await markersOf(page, "blood-pressure");
    const readings = (moment: "pre" | "min40" | "discharge", part: 0 | 1) => seeded.sessions.flatMap((s) => (s[moment] ? [s[moment]![part]] : []));
    for (const [id, moment] of [["pre", "pre"], ["40min", "min40"], ["discharge", "discharge"]] as const) {
      assert.deepEqual(pressure.series[`systolic-${id}`]!.map((p) => p.value), readings(moment, 0), `systolic ${id}`);
      assert.deepEqual(pressure.series[`diastolic-${id}`]!.map((p) => p.value), readings(moment, 1), `diastolic ${id}`);
    }
    assert.ok(increasing(pressure.series["systolic-pre"]!.map((p) => p.x)), "sessions left to right in date order");

    // Elevation symptoms: the count per check-in.
    assert.deepEqual((await tableOf(page, "elevation")).map((r) => r.slice(0, 2)), [["Check-in", "Count"], ...seeded.checkins.map((c) => [formatDate(c.date), String(c.count)])]);
    assert.deepEqual((await markersOf(page, "elevation")).series.elevation!.map((p) => p.value), seeded.checkins.map((c) => c.count));

    await assertAccessible(page, "the course page with charts at 360 px");

    // Printed: pictures and tables shown and whole (nothing cut by a scroll box), in the PDF's text too.
    await page.emulateMedia({ media: "print" });
    for (const chart of ["phq9", "blood-pressure", "elevation"]) {
      assert.ok(await page.locator(`[data-chart="${chart}"] svg.chart-svg`).isVisible(), `${chart}: the picture is printed`);
      const clipped = await page.locator(`[data-chart="${chart}"] .chart-table`).evaluate((box) => box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible");
      assert.equal(clipped, false, `${chart}: the table is not cut off in print`);
    }
    const pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charts-")), "course.pdf");
    await page.pdf({ path: pdfPath, format: "A4", printBackground: true });
    const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
    for (const caption of ["PHQ-9 totals: the baseline and each check-in", "Blood pressure per session, systolic/diastolic in mmHg", "Elevation symptoms chosen at each check-in"])
      assert.ok(text.includes(caption), `the printed page has the table "${caption}"`);
    const last = seeded.sessions.at(-1)!;
    assert.ok(text.includes(bp(last.discharge)), "the printed blood-pressure table has the last session's values");
    assert.ok(text.includes("Remission: 4 or less"), "the printed PHQ-9 picture has its remission line label");
    await context.close();
  });
});

/**
 * `npm run screenshots [-- --url http://127.0.0.1:3000]`: drives a running app (npm start) in
 * Debian's Chromium with a fictional person and saves the README's screenshots to docs/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { DESKTOP, PHONE, launchBrowser } from "../tests/e2e/support/browser";
import { chooseScale, fillUntil } from "../tests/e2e/support/intake-flow";

const urlFlag = process.argv.indexOf("--url");
const baseURL = urlFlag > 0 ? process.argv[urlFlag + 1]! : "http://127.0.0.1:3000";
const outDir = path.join(process.cwd(), "docs", "screenshots");
fs.mkdirSync(outDir, { recursive: true });

const browser = await launchBrowser();
for (const [width, viewport] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
  const context = await browser.newContext({ viewport, baseURL, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const shot = (name: string) => page.screenshot({ path: path.join(outDir, `${name}-${width}.png`) });

  await page.goto("/");
  await shot("landing");
  await page.goto("/intake");
  await fillUntil(page, "diagnosis");
  await shot("question-step");
  await fillUntil(page, "mood", { sexAtBirth: "Female", phq9Item9: 1 });
  for (let i = 1; i <= 8; i++) await chooseScale(page, `phq9_${i}`, 2);
  await chooseScale(page, "phq9_9", 1);
  await scrollTo(page.getByRole("complementary", { name: "If you need help now" }));
  await shot("crisis-panel");
  await page.goto("/intake/mood");
  await fillUntil(page, "review", { sexAtBirth: "Female", phq9Item9: 1 });
  await shot("review");
  await context.close();
}
await browser.close();
console.log(`Saved screenshots to ${outDir}`);

async function scrollTo(locator: ReturnType<Page["getByRole"]>) {
  await locator.waitFor();
  // The question that brought the panel up stays in view above it.
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 200));
}

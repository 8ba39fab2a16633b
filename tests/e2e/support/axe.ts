import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe-core on the page as it is now: no serious or critical violation of WCAG 2.2 A/AA. */
export async function assertAccessible(page: Page, what: string) {
  // After a client-side navigation Next streams the new <title> in; a person sees it a moment later.
  await page.waitForFunction(() => document.title.length > 0);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    [],
    `${what} has no serious or critical accessibility violations`,
  );
}

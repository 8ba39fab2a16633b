import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** Presses Tab and checks where focus lands, as a keyboard user would see it. */
export async function tabTo(page: Page, expected: string, key: "Tab" | "Shift+Tab" = "Tab") {
  await page.keyboard.press(key);
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : undefined;
    const style = el ? getComputedStyle(el) : undefined;
    return { text: (label ?? el?.textContent ?? "").trim(), outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : "" };
  });
  assert.equal(focused.text, expected, `focus moved to "${focused.text}", expected "${expected}"`);
  assert.match(focused.outline, /^solid [1-9]/, `"${expected}" shows a visible focus ring`);
}

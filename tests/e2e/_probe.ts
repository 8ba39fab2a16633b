import { launchBrowser, newPage, DESKTOP } from "./support/browser";
import { fillUntil } from "./support/intake-flow";
const browser = await launchBrowser();
const { page } = await newPage(browser, DESKTOP);
await page.goto("/intake");
await fillUntil(page, "treatment");
await page.setViewportSize({ width: 320, height: 640 });
console.log(await page.evaluate("Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right > 320).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0,10).join('\\n')"));
await browser.close();

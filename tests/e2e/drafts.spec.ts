import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage } from "./support/browser";
import { fillUntil, choose, chooseScale, submitFromReview } from "./support/intake-flow";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("drafts on the server", () => {
  it("lose nothing on a reload mid-way, including what was typed on the current step", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "mood");
    await chooseScale(page, "phq9_1", 3);
    await chooseScale(page, "phq9_2", 2);
    await page.getByText(/last saved/).waitFor(); // autosaved to the server
    await page.reload();
    assert.ok(await page.locator("#f-phq9_1-3").isChecked(), "the answer typed on this step survived the reload");
    assert.ok(await page.locator("#f-phq9_2-2").isChecked());

    await page.goto("/intake/about");
    assert.equal(await page.getByLabel("Full name").inputValue(), "Zoë Bélanger-Nguyễn");
    assert.equal(await page.getByLabel("Year").inputValue(), "1988");
    await page.goto("/intake");
    await page.waitForURL(/\/intake\/mood$/);
    await context.close();
  });

  it("a page over the draft size cap is refused with a message; what was typed stays on screen and nothing is stored", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "about");
    await page.getByLabel("Full name").fill("Ana");
    await page.getByText(/last saved/).waitFor();
    const huge = "€".repeat(45_000); // 135 KB in UTF-8, over the 128 KiB cap
    await page.getByLabel("Full name").fill(huge);
    await page.getByRole("status").getByText(/not saved: it holds too much text/).waitFor(); // the autosave
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await page.getByRole("alert").getByText(/not saved: it holds too much text/).waitFor();
    assert.equal(await page.getByLabel("Full name").inputValue(), huge, "what was typed is still on screen");
    await page.reload();
    await page.waitForFunction(() => (document.querySelector("#f-full_name") as HTMLInputElement | null)?.value); // filled once hydrated
    assert.equal(await page.getByLabel("Full name").inputValue(), "Ana", "the refused page stored nothing");
    await context.close();
  });

  it("come back through a resume link in a fresh browser, once; the used link then fails", async () => {
    const first = await newPage(browser);
    await first.page.goto("/intake");
    await fillUntil(first.page, "treatment");
    await choose(first.page, /mood stabilizer or an antipsychotic now/, "No");
    await first.page.getByRole("button", { name: "Save and come back later" }).click();
    const link = await first.page.getByLabel("Your resume link", { exact: true }).inputValue();
    assert.match(link, /\/intake\/resume\/[A-Za-z0-9_-]{43}$/, "a link with a 256-bit token");
    await first.context.close();

    const second = await newPage(browser);
    await second.page.goto(link);
    await second.page.getByRole("button", { name: "Continue my intake" }).click();
    await second.page.waitForURL(/\/intake\/treatment$/);
    assert.ok(await second.page.getByRole("group", { name: /mood stabilizer or an antipsychotic now/ }).getByLabel("No").isChecked());
    // The used link fails at once, in any browser.
    const third = await newPage(browser);
    await third.page.goto(link);
    await third.page.getByRole("button", { name: "Continue my intake" }).click();
    await third.page.waitForURL(/\/intake\/ended\/link-used$/);
    await third.page.getByRole("heading", { name: "This link cannot be used any more" }).waitFor();
    await third.page.goto("/intake/about");
    await third.page.waitForURL(/\/intake\/consent$/);
    await third.context.close();

    await second.page.goto("/intake/about");
    assert.equal(await second.page.getByLabel("Full name").inputValue(), "Zoë Bélanger-Nguyễn");
    await second.page.goto("/intake/treatment");
    await fillUntil(second.page, "review");
    await submitFromReview(second.page);
    await second.context.close();
  });
});

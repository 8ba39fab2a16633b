import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage, PHONE } from "./support/browser";
import { choose, continueTo, fillUntil, group } from "./support/intake-flow";
import { assertAccessible } from "./support/axe";

/**
 * Issue 16, "one thing per page" and tolerant answers: PHQ-9, GAD-7 and the elevation checklist on
 * pages of their own under their stem, lists as "add another" loops (by keyboard, with and without
 * scripts), the review grouped on a phone, "(optional)", months for the episode, a month-only
 * blood-pressure date, and no adequate-dose question for talk therapy.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** The same draft in a browser without scripts (filled with scripts up to `stop`). */
async function withoutScripts(stop: Parameters<typeof fillUntil>[1]) {
  const filler = await newPage(browser);
  await filler.page.goto("/intake");
  await fillUntil(filler.page, stop);
  const cookies = await filler.context.cookies();
  await filler.context.close();
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE_URL, viewport: PHONE, locale: "en-CA" });
  await context.addCookies(cookies);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`/intake/${stop}`);
  return { context, page };
}

describe("one thing per page", () => {
  it("asks PHQ-9, GAD-7 and the elevation checklist on pages of their own, each under its stem", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "mood");
    assert.equal((await page.locator(".caption").textContent())?.trim(), "How you have been feeling", "the section is the caption");
    await page.getByRole("heading", { level: 1, name: "Low mood (PHQ-9)" }).waitFor();
    const phq = page.getByRole("group", { name: STEM });
    assert.equal(await phq.count(), 1, "the stem names the group of PHQ-9 questions");
    assert.equal(await phq.locator("input[id^='f-phq9_']").count(), 9 * 4);
    assert.equal(await page.locator("[id^='f-gad7_']").count(), 0, "no GAD-7 item on the PHQ-9 page");
    assert.match((await page.title()), /step 4 of 16/, "the progress counts pages");

    await fillUntil(page, "mood-anxiety");
    await page.getByRole("heading", { level: 1, name: "Worry and anxiety (GAD-7)" }).waitFor();
    assert.equal(await page.getByRole("group", { name: STEM }).locator("input[id^='f-gad7_']").count(), 7 * 4);
    assert.equal(await page.locator("[id^='f-phq9_']").count(), 0);
    await assertAccessible(page, "the GAD-7 page");

    await fillUntil(page, "mood-elevation");
    await page.getByRole("heading", { level: 1, name: "Signs of a high" }).waitFor();
    assert.equal(await group(page, /In the past week, have you noticed/).count(), 1);
    await page.getByRole("link", { name: "Back" }).click();
    await page.waitForURL(/\/intake\/mood-anxiety$/);
    assert.ok(await page.locator("#f-gad7_1-1").isChecked(), "Back shows the page's saved answers");
    await context.close();
  });

  it("says (optional) in the label of every optional question, and only there", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "about");
    assert.equal(await page.getByLabel("Name you like to be called (optional)", { exact: true }).count(), 1);
    assert.equal(await page.getByLabel("Full name", { exact: true }).count(), 1, "a required question is not marked");
    assert.equal(await page.getByLabel("Family doctor (optional)", { exact: true }).count(), 1);
    await context.close();
  });
});

describe("add another", () => {
  it("adds, lists, changes and removes medicines by keyboard, with focus where the person is", async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/intake");
    await fillUntil(page, "treatment");
    await group(page, /mood stabilizer or an antipsychotic now/).getByLabel("Yes", { exact: true }).focus();
    await page.keyboard.press("Space");
    const name = page.locator("#f-current_mood_medications-0-name");
    await name.waitFor();
    await name.focus();
    await name.selectOption("lithium");
    await page.locator("#f-current_mood_medications-0-dose_mg_per_day").focus();
    await page.keyboard.type("900");
    // "Save medication 1" is the next button after the entry's fields.
    const save = page.getByRole("button", { name: "Save medication 1" });
    await save.focus();
    await page.keyboard.press("Enter");
    await page.getByText("You have added 1 medication").waitFor();
    assert.equal(await focusedId(page), "f-current_mood_medications-count", "focus lands on the list's count");
    const first = page.getByRole("group", { name: /^Medication 1/ });
    assert.match((await first.textContent())!, /Lithium.*Dose: 900 mg per day/s, "the entry is summed up");

    await page.getByRole("button", { name: "Add another medication" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await focusedId(page), "f-current_mood_medications-1-name", "focus moves to the new entry");
    await page.locator("#f-current_mood_medications-1-name").selectOption("quetiapine");
    await page.getByRole("button", { name: "Save medication 2" }).focus();
    await page.keyboard.press("Space");
    await page.getByText("You have added 2 medications").waitFor();

    await page.getByRole("button", { name: "Change medication 1" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await focusedId(page), "f-current_mood_medications-0-name", "Change opens the entry at its first field");
    await page.locator("#f-current_mood_medications-0-dose_mg_per_day").fill("1200");
    await page.getByRole("button", { name: "Save medication 1" }).focus();
    await page.keyboard.press("Enter");
    assert.match((await first.textContent())!, /1200 mg per day/);

    await page.getByRole("button", { name: "Remove medication 2" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("You have added 1 medication").waitFor();
    assert.equal(await focusedId(page), "f-current_mood_medications-count", "after a removal, focus goes to what is left");
    assert.equal(await page.locator(".added-entry").filter({ hasText: "Quetiapine" }).count(), 0, "the removed entry is gone");
    await assertAccessible(page, "the medicines list");
    await continueTo(page, "treatment-other");
    await page.goto("/intake/treatment");
    assert.equal(await page.getByRole("group", { name: /^Medication \d/ }).count(), 1, "one entry saved");
    assert.match((await page.getByRole("group", { name: /^Medication 1/ }).textContent())!, /Lithium.*1200 mg per day/s);
    await context.close();
  });

  it("works without JavaScript: each button posts, and the list comes back from the server", async () => {
    const { context, page } = await withoutScripts("treatment-past");
    await group(page, /tried other treatments/).getByLabel("Yes", { exact: true }).check();
    await page.getByRole("button", { name: "Save and come back later" }).click();
    await page.waitForLoadState("load");
    await page.getByLabel("Treatment", { exact: true }).selectOption("lithium");
    await page.getByLabel("How many weeks did you try it?").fill("10");
    await group(page, /reach the dose your prescriber aimed for/).getByLabel("Yes", { exact: true }).check();
    await group(page, "How did it go?").getByLabel("It did not help").check();
    await page.getByRole("button", { name: "Add another treatment" }).click();
    await page.waitForLoadState("load");
    assert.match((await page.getByRole("group", { name: /^Treatment 1/ }).textContent())!, /Lithium/);
    // The dose question is not asked for talk therapy: without scripts it goes once the page is sent.
    await page.getByLabel("Treatment", { exact: true }).selectOption("psychotherapy");
    await page.getByLabel("How many weeks did you try it?").fill("20");
    await group(page, "How did it go?").getByLabel("It helped a little").check();
    await page.getByRole("button", { name: "Save treatment 2" }).click();
    await page.waitForLoadState("load");
    await page.getByText("You have added 2 treatments").waitFor();
    assert.equal(await group(page, /reach the dose your prescriber aimed for/).count(), 0, "no dose question in the list");
    await page.getByRole("button", { name: "Remove treatment 1" }).click();
    await page.waitForLoadState("load");
    await page.getByText("You have added 1 treatment").waitFor();
    assert.match((await page.getByRole("group", { name: /^Treatment 1/ }).textContent())!, /Talk therapy/);
    await group(page, /seeing a therapist or counsellor/).getByLabel("Yes", { exact: true }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/intake\/ketamine$/);
    await context.close();
  });

  it("does not ask the adequate-dose question for talk therapy, ECT or rTMS", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "treatment-past");
    await choose(page, /tried other treatments/, "Yes");
    const dose = group(page, /reach the dose your prescriber aimed for/);
    const treatment = page.getByLabel("Treatment", { exact: true });
    await treatment.selectOption("lithium");
    await dose.waitFor();
    for (const talk of ["psychotherapy", "ect", "rtms"]) {
      await treatment.selectOption(talk);
      await dose.waitFor({ state: "detached" });
    }
    await treatment.selectOption("psychotherapy");
    await page.getByLabel("How many weeks did you try it?").fill("16");
    await choose(page, "How did it go?", "It helped a little");
    await choose(page, /seeing a therapist or counsellor/, "Yes");
    await continueTo(page, "ketamine");
    await context.close();
  });
});

describe("tolerant answers", () => {
  it("takes the current episode in months, says it counts them as weeks, and explains errors in months", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "diagnosis");
    await choose(page, /Which type of bipolar disorder/, "Bipolar II");
    await choose(page, "Who diagnosed it?", "A psychiatrist");
    await choose(page, /stayed in hospital/, "Never");
    await choose(page, /heard or seen things others don't/, "Never");
    await choose(page, /manic or hypomanic episode/, "No");
    await choose(page, /high or hypomanic after starting an antidepressant/, "No");
    await choose(page, /four or more separate mood episodes/, "No");
    await choose(page, /blood relatives had any of these/, "None of these");
    assert.match((await page.locator("#f-current_episode_weeks-hint").textContent())!, /52 weeks in 12 months/, "the conversion is stated");
    await page.getByLabel("Months", { exact: true }).check();
    await page.getByLabel(/How many weeks has your current low mood lasted/).fill("300");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("link", { name: /Enter a number of months between 0 and 240/ }).waitFor();
    await page.getByLabel(/How many weeks has your current low mood lasted/).fill("6");
    await page.getByText("That is about 26 weeks.").waitFor();
    await continueTo(page, "mood");
    await fillUntil(page, "review");
    assert.ok(await page.getByText("26 weeks (6 months, as you entered it)").isVisible(), "stored as weeks, shown as typed");
    await page.goto("/intake/diagnosis?return=review");
    assert.equal(await page.getByLabel(/How many weeks has your current low mood lasted/).inputValue(), "6");
    assert.ok(await page.getByLabel("Months", { exact: true }).isChecked());
    await context.close();
  });

  it("dates a blood-pressure reading by month and year, with and without JavaScript", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "health");
    await choose(page, /told you that you have high blood pressure/, "Yes");
    await choose(page, "Is your blood pressure under control now?", "Yes");
    await page.getByLabel(/top number \(systolic\)/).fill("150");
    await page.getByLabel(/bottom number \(diastolic\)/).fill("90");
    const date = group(page, "Date of that reading (optional)");
    const day = date.getByLabel("Day", { exact: true });
    assert.ok(await day.isVisible());
    await date.getByLabel("I only know the month").check();
    await day.waitFor({ state: "hidden" });
    await date.getByLabel("Month", { exact: true }).fill("9");
    await date.getByLabel("Year", { exact: true }).fill("2026");
    await page.getByLabel("Height in centimetres").fill("168");
    await page.getByLabel("Weight in kilograms").fill("64");
    await choose(page, "Have you ever had any of these?", "None of these");
    await choose(page, "Do you have any of these?", "None of these");
    await choose(page, "Do you have any of these health conditions?", "None of these");
    await choose(page, /serious problem with an anaesthetic/, "No");
    await choose(page, /pregnant, breastfeeding/, "None of these");
    await continueTo(page, "substances");
    await fillUntil(page, "review");
    assert.ok(await page.getByText("September 2026", { exact: true }).isVisible(), "a month alone, as the person knew it");
    const cookies = await context.cookies();
    await context.close();

    // Without scripts the box hides the day by CSS, and the server stores the month.
    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE_URL, viewport: PHONE, locale: "en-CA" });
    await noJs.addCookies(cookies);
    const bare = await noJs.newPage();
    await bare.goto("/intake/health?return=review");
    const again = group(bare, "Date of that reading (optional)");
    assert.ok(await again.getByLabel("I only know the month").isChecked(), "the month-only answer comes back ticked");
    assert.ok(!(await again.getByLabel("Day", { exact: true }).isVisible()), "and the day box stays hidden");
    await again.getByLabel("Month", { exact: true }).fill("8");
    await bare.getByRole("button", { name: "Save and continue" }).click();
    await bare.waitForURL(/\/intake\/review$/);
    assert.ok(await bare.getByText("August 2026", { exact: true }).isVisible());
    await noJs.close();
  });
});

describe("check your answers on a phone", () => {
  it("is grouped by section with a Change link per page, in rows that fit 360 px", async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto("/intake");
    await fillUntil(page, "review");
    const headings = await page.locator(".review-section h2").allTextContents();
    assert.equal(headings.length, 12 - 1, "one group per section (the review is not one)");
    assert.ok(headings.includes("How you have been feeling"));
    assert.equal(await page.locator(".review-section h3").filter({ hasText: "Worry and anxiety (GAD-7)" }).count(), 1, "a later page is named in its section");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `no sideways scrolling at 360 px (${width})`);
    // On a phone the question stands above its answer.
    const row = page.locator(".summary-row").first();
    const [dt, dd] = [await row.locator("dt").boundingBox(), await row.locator("dd").boundingBox()];
    assert.ok(dt && dd && dd.y >= dt.y + dt.height - 1, "answer under its question");
    await assertAccessible(page, "the grouped review");

    await page.getByRole("link", { name: "Change answers in Worry and anxiety (GAD-7)" }).click();
    await page.waitForURL(/\/intake\/mood-anxiety\?return=review$/);
    await page.locator("#f-gad7_2-3").check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/intake\/review$/);
    await page.getByRole("link", { name: "Change answers in Treatments you have tried" }).click();
    await page.waitForURL(/\/intake\/treatment-past\?return=review$/);
    await context.close();
  });
});

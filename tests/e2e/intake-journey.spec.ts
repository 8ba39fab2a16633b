import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { DESKTOP, launchBrowser, newPage } from "./support/browser";
import { about, choose, consent, continueTo, fillUntil, group, submitFromReview } from "./support/intake-flow";
import { countRows } from "./support/database";
import { tabTo } from "./support/keyboard";
import fs from "node:fs";
import { pdfText } from "../support/pdf-text";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

describe("a person completing the intake", () => {
  it("goes from the landing page to a reference code on a 360-px-wide phone", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    await page.getByRole("button", { name: "Start the intake" }).click();
    await page.waitForURL(/\/intake\/consent$/);
    await fillUntil(page, "review");
    await page.getByRole("heading", { name: "Check your answers before sending" }).waitFor();
    assert.ok(await page.getByText("Zoë Bélanger-Nguyễn").isVisible(), "the review lists the name as typed");
    assert.ok(await page.getByText("Lamotrigine", { exact: false }).first().isVisible(), "the review lists the medication row");
    const reference = await submitFromReview(page);
    assert.ok(await page.getByText(reference).isVisible());
    assert.ok(await page.getByRole("heading", { name: "What happens next" }).isVisible());
    assert.ok(await page.getByRole("link", { name: "call 9-8-8" }).isVisible(), "the confirmation shows the crisis numbers");
    // The client's copy: downloadable from this browser only.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download a copy of my answers (PDF)" }).click()]);
    const copy = pdfText(fs.readFileSync((await download.path())!));
    assert.match(copy, /Zoë Bélanger-Nguyễn/);
    assert.match(copy, new RegExp(reference));
    assert.doesNotMatch(copy, /Consideration|URGENT|Needs medical clearance/);
    const other = await newPage(browser);
    const response = await other.page.request.get("/api/intake-copy");
    assert.equal(response.status(), 410, "another browser cannot download it");
    await other.context.close();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 360, `no sideways scrolling on a phone (page is ${scrollWidth}px wide)`);
    await context.close();
  });

  it("completes a step with the keyboard alone: error summary, links to fields, radios, typing, Continue", async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/intake");
    await consent(page);
    await about(page);
    // On "Your diagnosis", focus starts on the heading.
    await tabTo(page, "Bipolar I");
    await tabTo(page, "A psychiatrist");
    await tabTo(page, "How old were you when mood problems started? (optional)"); // version 2, optional
    await tabTo(page, "How many weeks has your current low mood lasted?");
    await page.keyboard.press("Enter"); // submits the step unfinished
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.className), "error-summary", "the error summary takes focus");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // the first link in the summary
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-bipolar_type", "the link moves focus to the question");

    await page.keyboard.press("ArrowDown"); // Bipolar I → Bipolar II
    await tabTo(page, "A psychiatrist");
    await page.keyboard.press("Space");
    await tabTo(page, "How old were you when mood problems started? (optional)");
    await tabTo(page, "How many weeks has your current low mood lasted?");
    await page.keyboard.type("20");
    await tabTo(page, "Weeks"); // the unit of that number (weeks or months, issue 16)
    await tabTo(page, "No"); // four or more episodes in a year (version 2)
    await page.keyboard.press("Space");
    await tabTo(page, "Never");
    await page.keyboard.press("Space");
    await tabTo(page, "Never");
    await page.keyboard.press("Space");
    await tabTo(page, "No");
    await page.keyboard.press("Space");
    await tabTo(page, "No");
    await page.keyboard.press("Space");
    // Family history (version 2): each checkbox is a stop of its own.
    for (const option of ["Bipolar disorder", "Psychosis or schizophrenia", "Death by suicide", "Alcohol or drug problems"]) await tabTo(page, option);
    await tabTo(page, "None of these");
    await page.keyboard.press("Space");
    await tabTo(page, "I'm not sure");
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/intake\/mood$/);

    await page.goto("/intake/diagnosis");
    assert.ok(await page.getByLabel("Bipolar II").isChecked(), "the keyboard answers were saved");
    assert.equal(await page.getByLabel(/How many weeks/).inputValue(), "20");
    await context.close();
  });

  it("takes height in feet and inches and weight in pounds, and notes a very high blood pressure at once", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "health");
    await group(page, "Height").getByLabel("Feet and inches").check();
    await page.getByLabel("Feet", { exact: true }).fill("5");
    await page.getByLabel("Inches", { exact: true }).fill("7");
    await group(page, "Weight").getByLabel("Pounds").check();
    await page.getByLabel("Weight in pounds").fill("154");
    await choose(page, /told you that you have high blood pressure/, "Yes");
    await choose(page, "Is your blood pressure under control now?", "I'm not sure");
    const note = page.getByRole("status").filter({ hasText: "180/110" });
    await page.getByLabel(/top number \(systolic\)/).fill("178");
    await page.getByLabel(/bottom number \(diastolic\)/).fill("96");
    assert.equal(await note.count(), 0, "no note below 180/110");
    await page.getByLabel(/top number \(systolic\)/).fill("184");
    await note.waitFor();
    // The emergency sentence is the country's (Canada here): intake-v2.md, "Both versions".
    assert.match((await note.textContent())!, /see a doctor soon.*call 911/is);
    await page.getByRole("button", { name: "Continue" }).click(); // the reading has no date yet
    await page.getByRole("link", { name: "Enter the date of the reading" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-bp_recent_date");
    await group(page, "Date of that reading").getByLabel("Day").fill("2");
    await group(page, "Date of that reading").getByLabel("Month", { exact: true }).fill("11");
    await group(page, "Date of that reading").getByLabel("Year").fill("2026");
    await choose(page, "Have you ever had any of these?", "None of these");
    await choose(page, "Do you have any of these?", "None of these");
    await choose(page, "Do you have any of these health conditions?", "None of these");
    await choose(page, /serious problem with an anaesthetic/, "No");
    await choose(page, /pregnant, breastfeeding/, "None of these");
    await continueTo(page, "substances");
    await fillUntil(page, "review");
    assert.ok(await page.getByText("170.2 cm (5 ft 7 in)").isVisible(), "converted height, shown in both units");
    assert.ok(await page.getByText("69.9 kg (154 lb)").isVisible(), "converted weight, shown in both units");
    await context.close();
  });

  it("adds and removes medication rows, and an error about the list leads to its first field", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "treatment");
    await choose(page, /mood stabilizer or an antipsychotic now/, "Yes");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("link", { name: /Add at least 1 medication/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-current_mood_medications-0-name");

    await page.getByLabel("Medication", { exact: true }).selectOption("lithium");
    await page.getByRole("button", { name: "Add another medication" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-current_mood_medications-1-name", "focus moves to the new row");
    await page.locator("#f-current_mood_medications-1-name").selectOption("other");
    await page.getByRole("button", { name: "Continue" }).click();
    // The summary shows the message alone, and the message names the row.
    await page.getByRole("link", { name: "Enter the name of medication 2", exact: true }).waitFor();
    await page.getByRole("button", { name: "Remove medication 2" }).click();
    await continueTo(page, "treatment-other");
    await choose(page, /any of these other medicines/, "None of these");
    await continueTo(page, "treatment-past");
    await choose(page, /tried other treatments/, "No");
    await choose(page, /seeing a therapist or counsellor/, "No");
    await continueTo(page, "ketamine");
    await page.goto("/intake/treatment");
    assert.equal(await page.getByRole("group", { name: /^Medication \d/ }).count(), 1, "one row kept");
    await context.close();
  });

  it("leaves no answer in localStorage or sessionStorage, and a double click sends one intake", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/intake");
    await fillUntil(page, "review");
    const before = countRows("intakes");
    await page.getByRole("button", { name: "Send my answers" }).dblclick();
    await page.waitForURL(/\/intake\/sent$/);
    await page.locator(".reference").waitFor();
    assert.equal(countRows("intakes"), before + 1, "exactly one intake was stored");

    // A string, not a function: the test's TypeScript transform would add helpers the page lacks.
    const stored = await page.evaluate<string>(
      "[localStorage, sessionStorage].map((s) => Object.keys(s).map((k) => k + '=' + s.getItem(k)).join('\\n')).join('\\n')",
    );
    for (const answer of ["Bélanger", "zoe.example", "555 0142", "Øster", "Ontario", "lamotrigine", "Getting back to work", "1988"])
      assert.ok(!stored.includes(answer), `browser storage holds no answer (found "${answer}")`);
    const cookies = await context.cookies();
    for (const cookie of cookies) assert.ok(cookie.httpOnly, `cookie ${cookie.name} is HttpOnly`);
    assert.ok(cookies.every((c) => !/Bélanger|example\.org|1988/.test(decodeURIComponent(c.value))), "cookies hold no answers");
    await context.close();
  });
});

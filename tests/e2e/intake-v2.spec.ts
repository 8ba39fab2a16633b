import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { DESKTOP, launchBrowser, newPage } from "./support/browser";
import { assertAccessible } from "./support/axe";
import { storedVersions } from "./support/database";
import { choose, continueTo, fillUntil, group, SAFETY_LABELS, submitFromReview } from "./support/intake-flow";
import { tabTo } from "./support/keyboard";
import { createTherapist, signIn } from "./support/therapist";

/**
 * Questionnaire version 2 (shared/product/intake-v2.md) in the browser: its questions appear where
 * the branching says, self-harm brings up the crisis numbers, and the intake arrives as version 2,
 * assessed with rule set 2.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const PANEL = "If you need help now";
const STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

describe("a version-2 intake", () => {
  it("asks the new questions where the branching says, shows the crisis numbers on self-harm, and is stored as version 2 under rule set 2", async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto("/intake");
    // The consent step's crisis help, written from the configured numbers (the defaults here).
    await page.getByText("In Canada or the United States: call or text 9-8-8 or call 911.", { exact: false }).waitFor();
    await fillUntil(page, "diagnosis"); // born 12 April 1988

    // Your diagnosis, by keyboard alone. Focus starts on the heading.
    const lastStay = group(page, /most recent hospital stay/);
    assert.equal(await lastStay.count(), 0, "no hospital-stay follow-up before a stay is reported");
    await tabTo(page, "Bipolar I");
    await page.keyboard.press("ArrowDown"); // Bipolar II
    await tabTo(page, "A psychiatrist");
    await page.keyboard.press("Space");
    await tabTo(page, "How old were you when mood problems started? (optional)");
    await page.keyboard.type("60"); // older than the person is: refused below
    await tabTo(page, "How many weeks has your current low mood lasted?");
    await page.keyboard.type("20");
    await tabTo(page, "Weeks"); // the unit of that number (weeks or months, issue 16)
    await tabTo(page, "No"); // four or more episodes in a year
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown"); // Yes
    await tabTo(page, "Never"); // hospital stays
    await page.keyboard.press("ArrowDown"); // Once
    await lastStay.waitFor();
    await tabTo(page, "More than 12 months ago");
    await page.keyboard.press("ArrowDown"); // In the past 12 months
    await tabTo(page, "Never");
    await page.keyboard.press("Space");
    await tabTo(page, "No");
    await page.keyboard.press("Space");
    await tabTo(page, "No");
    await page.keyboard.press("Space");

    // Family history: "None of these" and "I'm not sure" stand alone.
    const family = group(page, /blood relatives had any of these/);
    await tabTo(page, "Bipolar disorder");
    await page.keyboard.press("Space");
    await tabTo(page, "Psychosis or schizophrenia");
    await tabTo(page, "Death by suicide");
    await page.keyboard.press("Space");
    await tabTo(page, "Alcohol or drug problems");
    await tabTo(page, "None of these");
    await page.keyboard.press("Space");
    assert.ok(!(await family.getByLabel("Bipolar disorder").isChecked()) && !(await family.getByLabel("Death by suicide").isChecked()), "None of these clears the others");
    await tabTo(page, "I'm not sure");
    await page.keyboard.press("Space");
    assert.ok(!(await family.getByLabel("None of these").isChecked()), "I'm not sure clears None of these");
    await tabTo(page, "None of these", "Shift+Tab");
    await tabTo(page, "Alcohol or drug problems", "Shift+Tab");
    await tabTo(page, "Death by suicide", "Shift+Tab");
    await page.keyboard.press("Space");
    assert.ok(!(await family.getByLabel("I'm not sure").isChecked()), "choosing a relative's illness clears I'm not sure");
    await tabTo(page, "Alcohol or drug problems");
    await tabTo(page, "None of these");
    await tabTo(page, "I'm not sure");
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");

    // The age at onset above the person's age (38) is refused, on that question.
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-age_at_onset", "the error leads to the age at onset");
    assert.match((await page.locator(".error-summary").textContent())!, /Enter an age no higher than your age now/);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("19");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/intake\/mood$/);

    // The PHQ-9 and GAD-7 stem, verbatim, above each instrument's items, naming the group of its
    // questions: each instrument on a page of its own (issue 16), so once per page.
    assert.equal(await page.getByText(STEM, { exact: true }).count(), 1);
    assert.equal(await page.getByRole("group", { name: STEM }).count(), 1);
    assert.equal(await page.getByRole("group", { name: STEM }).first().locator("#f-phq9_1").count(), 1, "the PHQ-9 items sit under it");
    await assertAccessible(page, "the mood step with its stems");
    await fillUntil(page, "mood-anxiety");
    assert.equal(await page.getByRole("group", { name: STEM }).count(), 1);
    assert.equal(await page.getByRole("group", { name: STEM }).first().locator("#f-gad7_1").count(), 1, "the GAD-7 items sit under it");
    await fillUntil(page, "safety");

    // Safety: lethal means and the safety plan only after the gate, an attempt, or self-harm.
    const panel = page.getByRole("complementary", { name: PANEL });
    const lethalMeans = group(page, SAFETY_LABELS.lethalMeans);
    const safetyPlan = group(page, SAFETY_LABELS.safetyPlan);
    await choose(page, /thoughts of ending your life/, "No");
    await choose(page, "Have you ever tried to end your life?", "Never");
    await choose(page, SAFETY_LABELS.selfHarm, "No");
    assert.equal(await lethalMeans.count(), 0, "no lethal-means question without the gate, an attempt or self-harm");
    assert.equal(await safetyPlan.count(), 0);
    await choose(page, "Have you ever tried to end your life?", "Yes, more than 3 months ago");
    await lethalMeans.waitFor();
    assert.equal(await safetyPlan.count(), 1, "asked after any attempt");
    assert.equal(await panel.count(), 0, "an attempt long ago does not bring up the numbers");
    await choose(page, "Have you ever tried to end your life?", "Never");
    await lethalMeans.waitFor({ state: "detached" });
    await choose(page, SAFETY_LABELS.selfHarm, "I'd rather talk about it in person");
    await lethalMeans.waitFor();
    assert.equal(await panel.count(), 0, "self-harm 'rather talk' asks the follow-ups without the crisis numbers");
    await choose(page, SAFETY_LABELS.selfHarm, "Yes");
    await panel.waitFor(); // at once, under the question
    assert.ok(await panel.getByRole("link", { name: "call 9-8-8" }).isVisible(), "the Canadian numbers");
    assert.match((await panel.textContent())!, /9-8-8 Suicide Crisis Helpline/, "named as Canada names it");
    await lethalMeans.getByLabel("A firearm (gun)").check();
    await lethalMeans.getByLabel("None of these").check();
    assert.ok(!(await lethalMeans.getByLabel("A firearm (gun)").isChecked()), "None of these stands alone");
    await lethalMeans.getByLabel("A firearm (gun)").check();
    await choose(page, SAFETY_LABELS.safetyPlan, "No");
    await choose(page, SAFETY_LABELS.safeNow, "Yes");
    await assertAccessible(page, "the safety step with the version-2 follow-ups and the crisis numbers");
    await continueTo(page, "treatment");
    assert.equal(await page.getByRole("region", { name: "Help now" }).getByRole("link", { name: "9-8-8" }).getAttribute("href"), "tel:988", "the number stays on the next step, in the one-line banner");

    await fillUntil(page, "review");
    for (const shown of ["How old were you when mood problems started?", "When did your most recent hospital stay for your mental health end?", "Do you have a written safety plan for when things get hard?"])
      assert.equal(await page.getByText(shown, { exact: true }).count(), 1, `the review lists "${shown}"`);
    assert.equal(await page.getByText(STEM, { exact: true }).count(), 2, "the review shows the stem above each instrument");
    await assertAccessible(page, "the version-2 review page");
    const reference = await submitFromReview(page);
    await context.close();

    // The therapist's view: the intake as version 2, its considerations from rule set 2.
    const therapist = createTherapist("version2");
    const desk = await newPage(browser, DESKTOP);
    await signIn(desk.page, therapist);
    // Found by its reference (the queue may hold many intakes from other specs by now).
    await desk.page.getByLabel("Find an intake").fill(reference);
    await desk.page.getByRole("button", { name: "Search" }).click();
    await desk.page.getByText(/1 match/).waitFor();
    await desk.page.getByRole("link", { name: reference }).first().click();
    await desk.page.waitForURL(/\/dashboard\/intakes\/[^/]+$/);
    const id = new URL(desk.page.url()).pathname.split("/").pop()!;
    assert.deepEqual(storedVersions(id), { questionnaireVersion: "2", ruleSetVersion: "2" }, "stored as version 2, assessed with rule set 2");
    const considerations = (await desk.page.locator(".considerations").textContent())!;
    for (const title of [
      "Self-harm in the past month",
      "Access to a firearm at home", // the title names the means reported (rule set 2's LETHAL_MEANS)
      "Four or more mood episodes in a year (rapid cycling)",
      "Psychiatric hospital stay in the past 12 months",
      "A blood relative died by suicide",
    ])
      assert.ok(considerations.includes(title), `rule set 2 raised "${title}"`);
    assert.ok(await desk.page.getByText(/Questionnaire version 2, rule set 2, reference date/).isVisible());
    assert.equal(await desk.page.getByText(STEM, { exact: true }).count(), 2, "every answer, with the stems, on the therapist's page");
    await assertAccessible(desk.page, "the therapist's page of a version-2 intake");
    await desk.context.close();
  });
});

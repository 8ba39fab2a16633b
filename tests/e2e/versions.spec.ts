import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, DESKTOP, launchBrowser, newPage } from "./support/browser";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntake, fullIntakeV2 } from "../fixtures/intakes";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

async function submit(body: Record<string, unknown>): Promise<{ id: string; reference: string }> {
  const { submittedAt: _drop, ...withoutTime } = body;
  const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(withoutTime) });
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string; reference: string };
}

describe("stored intakes of both questionnaire versions", () => {
  it("shows each intake with its own version's questions and rule set", async () => {
    const one = await submit(fullIntake({ full_name: "Version One-Client" }));
    const two = await submit(fullIntakeV2({ full_name: "Version Two-Client", rapid_cycling: "yes" }));
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, createTherapist("versions"));

    await page.goto(`/dashboard/intakes/${one.id}`);
    const v1 = (await page.locator("main").textContent())!;
    assert.match(v1, /Questionnaire version 1, rule set 1,/);
    assert.match(v1, /Do you feel safe right now\?/, "version 1's own wording");
    assert.doesNotMatch(v1, /four or more separate mood episodes/, "no version-2 question on a version-1 intake");
    assert.doesNotMatch(v1, /Right now, do you feel safe from acting/);

    await page.goto(`/dashboard/intakes/${two.id}`);
    const v2 = (await page.locator("main").textContent())!;
    assert.match(v2, /Questionnaire version 2, rule set 2,/);
    assert.match(v2, /Right now, do you feel safe from acting on thoughts of suicide\?/);
    assert.match(v2, /four or more separate mood episodes/);
    assert.match(v2, /Four or more mood episodes in a year \(rapid cycling\)/, "a rule set 2 consideration");
    assert.doesNotMatch(v2, /The current rules for questionnaire version/, "no re-assessment when the current rules agree");
    await context.close();
  });
});

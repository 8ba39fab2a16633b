import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { BASE_URL, launchBrowser, newPage } from "./support/browser";
import { chooseScale, fillUntil, group, SAFETY_LABELS } from "./support/intake-flow";
import { countRows } from "./support/database";

/**
 * The intake with JavaScript turned off: every form posts, nothing typed ever reaches a URL, the
 * server shows the error summary, and the intake still arrives with a reference.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

// Distinctive values typed into the form: none of them may appear in any URL (numbers are caught
// by the rule that no URL carries form fields at all).
const CANARY = {
  name: "Quillon Zephyrwood",
  badEmail: "quillon-not-an-address",
  email: "quillon.zephyr@example.org",
  phone: "+1 416 555 0177",
  region: "Quillonshire",
  contactName: "Maribel Zephyrwood",
  contactPhone: "416 555 0166",
  hope: "Zephyrine mornings again",
};

const PANEL = "If you need help now";

interface Recorder {
  urls: string[];
}

async function noScriptPage(): Promise<{ context: BrowserContext; page: Page; seen: Recorder }> {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE_URL, viewport: { width: 1280, height: 900 }, locale: "en-CA" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const seen: Recorder = { urls: [] };
  page.on("request", (request) => {
    seen.urls.push(request.url());
    if (request.isNavigationRequest() && request.postData() !== null)
      assert.equal(request.method(), "POST", `a form sent its fields by ${request.method()} to ${request.url()}`);
  });
  page.on("framenavigated", (frame) => seen.urls.push(frame.url()));
  return { context, page, seen };
}

/** No typed value and no `name=value` pair from the form in any URL the browser asked for or showed. */
function assertNoAnswersInUrls(urls: string[], atLeast: number) {
  assert.ok(urls.length >= atLeast, `requests were recorded (${urls.length})`);
  for (const raw of urls) {
    const url = new URL(raw);
    const text = decodeURIComponent(raw.replace(/\+/g, " "));
    for (const value of Object.values(CANARY)) assert.ok(!text.includes(value), `an answer (${value}) appeared in the URL ${raw}`);
    // Static assets carry a build hash as their query (app/icon.svg: "/icon.svg?icon.<hash>.svg"), never a field.
    if (url.origin !== new URL(BASE_URL).origin || url.pathname.startsWith("/_next/") || url.pathname === "/icon.svg") continue;
    const params = [...url.searchParams.keys()].filter((k) => k !== "return");
    assert.deepEqual(params, [], `form fields appeared in the URL ${raw}`);
  }
}

const present = async (locator: Locator) => (await locator.count()) > 0;
async function pick(page: Page, legend: string | RegExp, option: string) {
  const box = group(page, legend).getByLabel(option, { exact: true });
  if (await present(box)) await box.check();
}
async function type(locator: Locator, value: string) {
  if (await present(locator)) await locator.fill(value);
}

/** Presses Continue; without scripts, questions that depend on an answer come up after a round trip. */
async function step(page: Page, next: string, fill: () => Promise<void>) {
  const here = new URL(page.url()).pathname;
  for (let round = 0; round < 3; round++) {
    await fill();
    await page.getByRole("button", { name: /^(Continue|Save and continue)$/ }).click();
    await page.waitForLoadState("load");
    assertNoAnswersInUrls([page.url()], 1);
    if (new URL(page.url()).pathname === `/intake/${next}`) return;
    assert.equal(new URL(page.url()).pathname, here, "stays on the step while questions are open");
  }
  assert.fail(`did not reach ${next}: ${await page.locator(".error-summary").textContent().catch(() => "")}`);
}

describe("the intake without JavaScript", () => {
  it("posts every form, shows server-side errors, keeps answers out of every URL, and stores the intake", async () => {
    const intakesBefore = countRows("intakes");
    const { context, page, seen } = await noScriptPage();
    await page.goto("/intake");
    await page.waitForURL(/\/intake\/consent$/);
    const method = await page.locator("main form").first().getAttribute("method");
    assert.equal(method?.toLowerCase(), "post", "the step form posts");

    // Consent: Continue with one box ticked shows the error summary, rendered by the server.
    await page.getByLabel(/I have read the privacy notice/).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.match(new URL(page.url()).pathname, /\/intake\/consent$/);
    assert.ok(await page.getByLabel(/I have read the privacy notice/).isChecked(), "the ticked box stays ticked");
    await step(page, "about", async () => {
      await page.getByLabel(/not monitored in real time/).check();
    });

    // About you, first with an e-mail address that is not one.
    const about = async (email: string) => {
      await type(page.getByLabel("Full name"), CANARY.name);
      await type(page.getByLabel("Day"), "12");
      await type(page.getByLabel("Month"), "4");
      await type(page.getByLabel("Year"), "1988");
      await pick(page, "Sex assigned at birth", "Female");
      await type(page.getByLabel("Email address"), email);
      await type(page.getByLabel("Phone number", { exact: true }), CANARY.phone);
      await pick(page, /OK to leave a voicemail/, "Yes");
      await pick(page, "Where do you live?", "Canada");
      await type(page.getByLabel("Province or state"), CANARY.region);
      await pick(page, "How should we contact you?", "Email");
      await type(page.getByLabel("Emergency contact: name"), CANARY.contactName);
      await type(page.getByLabel("Emergency contact: phone number"), CANARY.contactPhone);
    };
    await about(CANARY.badEmail);
    await page.getByRole("button", { name: "Continue" }).click();
    const summary = page.locator(".error-summary");
    await summary.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.match((await summary.textContent())!, /Enter an email address like name@example\.com/, "the summary's message says which answer and what to do");
    assert.equal(await summary.getByRole("link").first().getAttribute("href"), "#f-email", "and links to it");
    assert.equal(await page.getByLabel("Full name").inputValue(), CANARY.name, "what was typed is still there");
    assert.equal(await page.getByLabel("Email address").inputValue(), CANARY.badEmail);
    await step(page, "diagnosis", () => about(CANARY.email));

    const diagnosis = async () => {
      await pick(page, /Which type of bipolar disorder/, "Bipolar II");
      await pick(page, "Who diagnosed it?", "A psychiatrist");
      await type(page.getByLabel(/How old were you when mood problems started/), "17");
      await type(page.getByLabel(/How many weeks has your current low mood lasted/), "37");
      await pick(page, /four or more separate mood episodes/, "I'm not sure");
      await pick(page, /stayed in hospital/, "Once");
      await pick(page, /most recent hospital stay/, "More than 12 months ago");
      await pick(page, /heard or seen things others don't/, "Never");
      await pick(page, /manic or hypomanic episode/, "No");
      await pick(page, /high or hypomanic after starting an antidepressant/, "No");
    };
    // Without scripts, one hospital stay brings up its follow-up after a round trip, and nothing
    // unticks "None of these" (version 2's family history): the server says what is wrong.
    const family = group(page, /blood relatives had any of these/);
    await diagnosis();
    await family.getByLabel("Bipolar disorder", { exact: true }).check();
    await family.getByLabel("None of these", { exact: true }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText(/brought up more questions on this page/).waitFor();
    assert.ok(await present(page.getByRole("group", { name: /most recent hospital stay/ })), "the hospital-stay follow-up came up after one stay");
    await diagnosis();
    await page.getByRole("button", { name: "Continue" }).click();
    await summary.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.match((await summary.textContent())!, /"None of these" cannot be combined with other options/);
    await step(page, "mood", async () => {
      await diagnosis();
      await family.getByLabel("None of these", { exact: true }).uncheck();
    });

    // PHQ-9, GAD-7 and the elevation checklist: a page each (issue 16).
    await step(page, "mood-anxiety", async () => {
      // Item 9 above zero: the server shows the crisis numbers on the page it returns.
      for (let i = 1; i <= 9; i++) await chooseScale(page, `phq9_${i}`, i === 9 ? 1 : 2);
      await pick(page, /how difficult have these problems/, "Very difficult");
    });
    await step(page, "mood-elevation", async () => {
      for (let i = 1; i <= 7; i++) await chooseScale(page, `gad7_${i}`, 1);
    });
    await step(page, "safety", async () => {
      await pick(page, /In the past week, have you noticed/, "None of these");
    });

    assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "crisis numbers on the next step");
    // Item 9 above zero opened the follow-up gate on the step before: version 2's means and plan questions are on the page.
    assert.ok(await present(group(page, SAFETY_LABELS.lethalMeans)), "lethal means asked after the gate, without scripts");
    await step(page, "treatment", async () => {
      await pick(page, /thoughts of ending your life/, "No");
      await pick(page, /intention of acting/, "No");
      await pick(page, /made a plan/, "No");
      await pick(page, "Have you ever tried to end your life?", "Never");
      await pick(page, SAFETY_LABELS.selfHarm, "No");
      await pick(page, SAFETY_LABELS.lethalMeans, "A supply of medicines saved up, beyond what you take");
      await pick(page, SAFETY_LABELS.safetyPlan, "I'm not sure");
      await pick(page, SAFETY_LABELS.safeNow, "Yes");
    });

    // "Save and come back later" posts too, and the link is shown on the page, not in its address.
    await pick(page, /mood stabilizer or an antipsychotic now/, "Yes");
    await page.getByRole("button", { name: "Save and come back later" }).click();
    const link = await page.getByLabel("Your resume link", { exact: true }).inputValue();
    assert.match(link, /\/intake\/resume\/[A-Za-z0-9_-]{43}$/);
    assert.match(new URL(page.url()).pathname, /\/intake\/treatment$/);

    // Without scripts "Add another medication" posts: the server lists the first and opens a new entry.
    const medications = page.getByLabel("Medication", { exact: true });
    await medications.first().selectOption("lamotrigine");
    await type(page.getByLabel("Dose (optional)", { exact: true }).first(), "275");
    await page.getByRole("button", { name: "Add another medication" }).click();
    await page.waitForLoadState("load");
    assert.ok(await page.getByRole("group", { name: /^Medication 1/ }).getByText("Lamotrigine").isVisible(), "the first medication is listed");
    await step(page, "treatment-other", async () => {
      await pick(page, /mood stabilizer or an antipsychotic now/, "Yes");
      if ((await medications.count()) === 1) await medications.first().selectOption("lithium");
    });
    await step(page, "treatment-past", async () => {
      // A version-2 option, as its label says it.
      await group(page, /any of these other medicines/).getByLabel(/^Naltrexone/).check();
    });
    await step(page, "ketamine", async () => {
      await pick(page, /tried other treatments/, "No");
      await pick(page, /seeing a therapist or counsellor/, "Yes");
    });
    assert.ok(seen.urls.some((u) => u.endsWith("/intake/ketamine")));

    await step(page, "health", async () => {
      await pick(page, /ketamine or esketamine \(Spravato\) before/, "Never");
      await pick(page, /allergic reaction to ketamine/, "No");
    });
    await step(page, "substances", async () => {
      await type(page.getByLabel("Height in centimetres"), "168");
      await type(page.getByLabel("Weight in kilograms"), "64");
      await pick(page, /told you that you have high blood pressure/, "No");
      await pick(page, "Have you ever had any of these?", "None of these");
      await pick(page, "Do you have any of these?", "None of these");
      await pick(page, "Do you have any of these health conditions?", "None of these");
      await pick(page, /serious problem with an anaesthetic/, "I'm not sure");
      await pick(page, /pregnant, breastfeeding/, "None of these");
    });
    await step(page, "practical", async () => {
      await chooseScale(page, "auditc_1", 1);
      if (await present(page.locator("#f-auditc_2"))) await chooseScale(page, "auditc_2", 0);
      if (await present(page.locator("#f-auditc_3"))) await chooseScale(page, "auditc_3", 0);
      await pick(page, "How often do you use cannabis?", "Never");
      await pick(page, /In the past 12 months, have you used/, "None of these");
      await pick(page, /problem with ketamine, PCP, DXM/, "Never");
      await pick(page, /caused problems for you/, "Never");
    });
    await step(page, "questions", async () => {
      await pick(page, /take you home after each session/, "Yes");
      await pick(page, /reach out to between sessions/, "Yes");
      await pick(page, "How did you hear about us?", "My psychiatrist");
    });
    await step(page, "review", async () => {
      await group(page, "Which of these would you like to discuss?").getByLabel(/safe for my bipolar type/).check();
      await page.getByLabel("What do you hope treatment will change for you?").fill(CANARY.hope);
    });

    await page.getByRole("heading", { name: "Check your answers before sending" }).waitFor();
    assert.ok(await page.getByText(CANARY.name).isVisible(), "the review lists the answers");
    assert.ok(await page.getByText("Lithium").first().isVisible(), "the medication typed in the extra row was kept");
    const banner = page.getByRole("region", { name: "Help now" });
    assert.ok(await banner.getByRole("link", { name: "9-8-8" }).isVisible(), "the one-line crisis banner on the review page");
    await banner.getByText("More help").click();
    assert.ok(await banner.getByRole("heading", { name: PANEL }).isVisible(), "its More help opens the full panel without scripts");
    assert.equal((await page.locator("main form").last().getAttribute("method"))?.toLowerCase(), "post", "sending posts");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.waitForURL(/\/intake\/sent$/);
    assert.match((await page.locator(".reference").textContent())!.trim(), /^KT-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(countRows("intakes"), intakesBefore + 1, "the intake is stored");

    assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "crisis numbers on the confirmation page");
    const depth = await page.evaluate(() => window.history.length);
    assert.ok(depth > 10, "every step was a page of its own in the history");
    assertNoAnswersInUrls([...seen.urls, page.url()], 30);
    await context.close();
  });

  it("shows the crisis numbers for self-harm on the page the server returns, with the follow-ups (version 2)", async () => {
    // The steps before are not the point here: filled with scripts, then the same draft without.
    const filler = await newPage(browser);
    await filler.page.goto("/intake");
    await fillUntil(filler.page, "safety");
    const cookies = await filler.context.cookies();
    await filler.context.close();
    const { context, page } = await noScriptPage();
    await context.addCookies(cookies);
    await page.goto("/intake/safety");
    const panel = page.getByRole("complementary", { name: PANEL });
    assert.equal(await panel.count(), 0, "no numbers before a trigger");
    assert.equal(await present(group(page, SAFETY_LABELS.lethalMeans)), false);
    await pick(page, /thoughts of ending your life/, "No");
    await pick(page, "Have you ever tried to end your life?", "Never");
    await pick(page, SAFETY_LABELS.selfHarm, "Yes");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForLoadState("load");
    await panel.waitFor();
    assert.ok(await panel.getByRole("link", { name: "call 9-8-8" }).isVisible());
    assert.ok(await present(group(page, SAFETY_LABELS.lethalMeans)), "and the lethal-means question came up");
    assert.ok(await present(group(page, SAFETY_LABELS.safetyPlan)));
    await context.close();
  });

  it("saves for later and resumes through the link, by POST", async () => {
    const { context, page, seen } = await noScriptPage();
    await page.goto("/intake/consent");
    await step(page, "about", async () => {
      await page.getByLabel(/I have read the privacy notice/).check();
      await page.getByLabel(/not monitored in real time/).check();
    });
    await type(page.getByLabel("Full name"), CANARY.name);
    await page.getByRole("button", { name: "Save and come back later" }).click();
    const link = await page.getByLabel("Your resume link", { exact: true }).inputValue();
    await context.close();

    const other = await noScriptPage();
    await other.page.goto(link);
    await other.page.getByRole("button", { name: "Continue my intake" }).click();
    await other.page.waitForURL(/\/intake\/about$/);
    assert.equal(await other.page.getByLabel("Full name").inputValue(), CANARY.name, "the draft came back, typed name included");
    await other.page.goto("/intake/about");
    assertNoAnswersInUrls([...seen.urls, ...other.seen.urls], 6);
    await other.context.close();
  });

  it("accepts the browser's own post with Origin: null only when fetch metadata says same-origin", async () => {
    const page = await fetch(`${BASE_URL}/intake/consent`);
    const html = await page.text();
    const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html)?.[1] ?? "";
    const body = new FormData();
    for (const [, tag] of form.matchAll(/(<input[^>]*>)/g)) {
      const name = /name="([^"]+)"/.exec(tag!)?.[1];
      if (!name || name === "website_url") continue;
      body.append(name, /type="checkbox"/.test(tag!) ? "on" : (/value="([^"]*)"/.exec(tag!)?.[1] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
    }
    const post = (site: string) =>
      fetch(`${BASE_URL}/intake/consent`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: "null", "sec-fetch-site": site, "sec-fetch-mode": "navigate" },
        body,
      });
    const drafts = countRows("drafts");
    const forged = await post("cross-site");
    assert.equal(forged.status, 403, "a cross-site post is refused by the proxy (not a 500 from the framework)");
    assert.equal(forged.headers.get("set-cookie"), null);
    assert.equal(countRows("drafts"), drafts, "and stores nothing");
    body.set("website_url", "https://spam.example");
    const bot = await post("same-origin");
    assert.equal(bot.status, 303, "a filled honeypot looks like success");
    assert.equal(countRows("drafts"), drafts, "but stores nothing");
    body.delete("website_url");
    const own = await post("same-origin");
    assert.equal(own.status, 303, "the site's own post is answered with a redirect");
    assert.match(own.headers.get("location") ?? "", /\/intake\/about$/);
    assert.equal(countRows("drafts"), drafts + 1);
  });
});

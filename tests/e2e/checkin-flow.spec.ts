import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { BASE_URL, launchBrowser, PHONE } from "./support/browser";
import { assertAccessible as checkAccessible } from "./support/axe";
import { countCheckins, createCheckinLink } from "./support/checkin-link";
import { CHECKIN_SEND_PATH } from "@/lib/checkin-flow/send-state";

/**
 * The client's check-in on a phone: a link that opening does not use up, the date of birth (tries
 * counted, five wrong close the link), one step at a time by keyboard, the crisis numbers for an
 * attempt since the last session (at once, and on every later page), the error summary, sending
 * once, and nothing left behind: no token or answer in any address after Start, no storage, no cookie.
 * Then the same journey without JavaScript.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const PANEL = "If you need help now";
const MESSAGE = "Quillon orchard mornings";
const RIGHT_DOB = { day: "14", month: "3", year: "1985" }; // fullAnswersV2's date_of_birth

interface Journey {
  context: BrowserContext;
  page: Page;
  /** Every address the browser asked for or showed. */
  urls: string[];
}

async function phone(javaScriptEnabled: boolean): Promise<Journey> {
  const context = await browser.newContext({ viewport: PHONE, baseURL: BASE_URL, locale: "en-CA", timezoneId: "America/Toronto", javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("framenavigated", (f) => f === page.mainFrame() && urls.push(f.url()));
  return { context, page, urls };
}

/** After Start: no address carries the token, an answer, or any query but `return`. */
function assertCleanUrls(urls: string[], token: string) {
  assert.ok(urls.length > 5, `addresses were recorded (${urls.length})`);
  for (const raw of urls) {
    assert.ok(!raw.includes(token), `the link's token is in the address ${raw}`);
    assert.ok(!decodeURIComponent(raw.replace(/\+/g, " ")).includes(MESSAGE), `an answer is in the address ${raw}`);
    const url = new URL(raw);
    if (url.origin !== new URL(BASE_URL).origin || url.pathname.startsWith("/_next/") || url.pathname === "/icon.svg") continue;
    assert.deepEqual([...url.searchParams.keys()].filter((k) => k !== "return" && k !== "_rsc"), [], `fields in the address ${raw}`);
  }
}

async function assertNothingStored(page: Page, what: string) {
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  assert.deepEqual(stored, { local: 0, session: 0 }, `${what}: nothing in localStorage or sessionStorage`);
}

/** The error summary (Next's route announcer is an alert too). */
const problem = (page: Page) => page.getByRole("alert", { name: "There is a problem" });
const group = (page: Page, legend: string | RegExp) => page.getByRole("group", { name: legend });

/** Focus an answer and press Space, as a keyboard user does. */
async function key(page: Page, option: ReturnType<Page["locator"]>) {
  await option.focus();
  await page.keyboard.press("Space");
  assert.ok(await option.isChecked(), "Space chose the focused answer");
}

async function pick(page: Page, js: boolean, legend: string | RegExp, label: string) {
  const option = group(page, legend).getByLabel(label, { exact: true });
  if (js) await key(page, option);
  else await option.check();
}

async function enterDob(page: Page, dob: { day: string; month: string; year: string }) {
  await page.getByLabel("Day").fill(dob.day);
  await page.getByLabel("Month").fill(dob.month);
  await page.getByLabel("Year").fill(dob.year);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function pressContinue(page: Page, js: boolean) {
  const button = page.getByRole("button", { name: /^(Continue|Save and continue)$/ });
  if (js) {
    await button.focus();
    await page.keyboard.press("Enter");
  } else await button.click();
}

async function continueTo(page: Page, js: boolean, step: string) {
  await pressContinue(page, js);
  await page.waitForURL(new RegExp(`/check-in/step/${step}$`));
}

async function openAndStart(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole("button", { name: "Start" }).click();
  await page.waitForURL(/\/date-of-birth(\?|$)/);
}

async function journey(js: boolean) {
  const link = await createCheckinLink();
  const { context, page, urls } = await phone(js);
  // axe runs as a script in the page: with scripts off it cannot (the same pages are checked with them on).
  const assertAccessible = js ? checkAccessible : async () => {};

  // Opening the link, as a mail scanner would, any number of times: only the clinic and Start.
  for (let i = 0; i < 2; i++) {
    const scanned = await fetch(`${BASE_URL}${link.path}`);
    assert.equal(scanned.status, 200);
    assert.doesNotMatch(await scanned.text(), /date of birth|ketamine/i, "the link page names only the clinic");
  }
  await page.goto(link.path);
  assert.equal(await page.getByRole("button", { name: "Start" }).count(), 1);
  assert.equal(await page.locator("input:not([type=hidden])").count(), 0, "no question before Start");
  assert.doesNotMatch((await page.content()).toLowerCase(), /ketamine/, "not even the title names the treatment");
  await assertAccessible(page, "the link page");

  await page.getByRole("button", { name: "Start" }).click();
  await page.waitForURL(/\/date-of-birth(\?|$)/);
  assert.equal(await page.getByLabel("Day").getAttribute("autocomplete"), "bday-day");
  assert.equal(await page.getByLabel("Year").getAttribute("autocomplete"), "bday-year");
  await assertAccessible(page, "the date-of-birth page");
  for (const left of [4, 3]) {
    await enterDob(page, { day: "1", month: "1", year: "1990" });
    await page.waitForURL(new RegExp(`left=${left}`));
    const summary = problem(page);
    assert.match((await summary.textContent())!, new RegExp(`${left} tries left`), `a wrong date says ${left} tries are left`);
    assert.equal(await page.getByLabel("Day").inputValue(), "", "the wrong date typed is not kept");
    if (js) assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true, "the error summary has focus");
  }
  await assertAccessible(page, "the date-of-birth page with an error");

  await enterDob(page, RIGHT_DOB);
  await page.waitForURL(/\/check-in\/step\/mood$/);
  // From here on (the post that confirmed the date carried the token, as the link does): no token in any address.
  urls.length = 0;
  await assertAccessible(page, "the mood step");
  await assertNothingStored(page, "the mood step");

  // Continue with nothing answered: the summary names the questions and takes focus.
  await pressContinue(page, js);
  const summary = problem(page);
  await summary.waitFor();
  assert.match((await summary.textContent())!, /little interest or pleasure in doing things/i, "the summary names the first question");
  if (js) assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true, "the error summary has focus");
  await assertAccessible(page, "the mood step with errors");

  for (let i = 1; i <= 9; i++) {
    const option = page.locator(i === 9 ? `#f-phq9_${i}` : `#f-phq9_${i}-1`);
    if (js) await key(page, option);
    else await option.check();
  }
  await pick(page, js, /In the past week, have you noticed/, "None of these");
  await continueTo(page, js, "safety");
  await assertAccessible(page, "the safety step");

  const panel = page.getByRole("complementary", { name: PANEL });
  assert.equal(await panel.count(), 0, "no crisis numbers before a trigger");
  await pick(page, js, /have you had thoughts of ending your life/, "No");
  await pick(page, js, /feel safe from acting/, "Yes");
  await pick(page, js, /have you tried to end your life/, "Yes");
  if (js) {
    await panel.waitFor();
    assert.ok(await panel.getByRole("link", { name: "call 9-8-8" }).isVisible(), "the numbers of the client's country (Canada), at once");
    await assertAccessible(page, "the safety step with the crisis numbers");
  }
  await pick(page, js, /have you hurt yourself on purpose/, "No");
  await continueTo(page, js, "side_effects");
  assert.ok(await panel.isVisible(), "the crisis numbers stay on the next step");
  assert.ok(await panel.getByRole("link", { name: "call 9-8-8" }).isVisible());
  await pick(page, js, /have you noticed any of these/, "None of these");
  await continueTo(page, js, "blood_pressure");
  assert.ok(await panel.isVisible(), "and on the blood-pressure step");

  // One number of a pair: the check-in's own cross-item rule, named in the summary.
  await page.locator("#f-home_bp_systolic").fill("150");
  await pressContinue(page, js);
  await problem(page).waitFor();
  assert.match(new URL(page.url()).pathname, /\/blood_pressure$/, "nothing saved, still on the step");
  await assertAccessible(page, "the blood-pressure step with an error");
  await page.locator("#f-home_bp_systolic").fill("");
  await continueTo(page, js, "change");
  assert.ok(await panel.isVisible(), "and on the last step");
  await pick(page, js, /how are you now/, "A little better");
  await page.getByLabel(/Anything you would like the clinic to know/).fill(MESSAGE);
  await continueTo(page, js, "review");
  assert.ok(await panel.isVisible(), "and on the review");
  assert.match((await page.locator("main").textContent())!, new RegExp(MESSAGE), "the review shows the answers");
  await assertAccessible(page, "the review");
  await assertNothingStored(page, "the review");

  // A double click sends one check-in (with JavaScript: one request, from the page's script to the send's route).
  const posts: string[] = [];
  page.on("request", (r) => void (r.method() === "POST" && posts.push(new URL(r.url()).pathname)));
  await page.getByRole("button", { name: "Send my check-in" }).dblclick();
  await page.getByRole("heading", { name: "Your check-in has been sent" }).waitFor();
  if (js) assert.deepEqual(posts, [CHECKIN_SEND_PATH], "one send, by the page's script");
  else assert.ok(posts.length > 0 && posts.every((p) => p === "/check-in/step/review"), `the form posts itself: ${posts.join(", ")}`);
  assert.ok(await panel.isVisible(), "the crisis numbers stay on the confirmation");
  await assertAccessible(page, "the confirmation");
  await assertNothingStored(page, "the confirmation");
  assert.equal(await countCheckins(link.courseId), 1, "one check-in stored");
  const cookies = await context.cookies();
  assert.deepEqual(cookies.filter((c) => /checkin/.test(c.name)).map((c) => c.name), [], "the check-in cookie is gone");
  assertCleanUrls(urls, link.token);

  // Back and Forward after sending bring none of the answers back (a shared phone): each page the
  // tab's router had rendered is fetched again and finds no check-in. (Without JavaScript every page
  // was the browser's own load of a no-store page; Forward to the send's POST is the browser's
  // resubmission warning.)
  if (js)
    for (const move of ["back", "back", "forward", "forward"] as const) {
      await (move === "back" ? page.goBack() : page.goForward());
      await page.getByRole("heading", { level: 1, name: "No check-in is open in this browser" }).waitFor({ timeout: 15_000 });
      assert.ok(!(await page.locator("body").textContent())!.includes(MESSAGE), `after ${move}: none of the answers on the page`);
    }

  // The link is used up, and this browser has nothing open any more.
  await page.goto(link.path);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "This check-in has already been sent");
  assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "crisis numbers on the used link's page");
  await assertAccessible(page, "the used link's page");
  await page.goto("/check-in/step/mood");
  await page.waitForURL(/\/check-in\/step\/review$/);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "No check-in is open in this browser");
  await context.close();
}

describe("the client's check-in", () => {
  it("on a phone with JavaScript: Start, date of birth, each step by keyboard, crisis numbers at once, one check-in sent, nothing left behind", { timeout: 180_000 }, async () => {
    await journey(true);
  });

  it("the same without JavaScript", { timeout: 180_000 }, async () => {
    await journey(false);
  });

  it("closes the link after five wrong dates of birth, and says so", { timeout: 120_000 }, async () => {
    const link = await createCheckinLink();
    const { context, page } = await phone(true);
    await openAndStart(page, link.path);
    for (let i = 1; i <= 4; i++) {
      await enterDob(page, { day: "2", month: "2", year: "1992" });
      await page.waitForURL(new RegExp(`left=${5 - i}`));
    }
    assert.match((await problem(page).textContent())!, /1 try left/);
    await enterDob(page, { day: "2", month: "2", year: "1992" });
    await page.getByRole("heading", { name: "This check-in link has been closed" }).waitFor();
    assert.match((await page.locator("main").textContent())!, /five times/);
    assert.ok(await page.getByRole("complementary", { name: PANEL }).isVisible(), "crisis numbers on the closed link's page");
    await checkAccessible(page, "the closed link's page");
    // Not even the right date opens it now.
    await page.goto(`${link.path}/date-of-birth`);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "This check-in link has been closed");
    const late = await fetch(`${BASE_URL}${link.path}/start`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ "date_of_birth.day": RIGHT_DOB.day, "date_of_birth.month": RIGHT_DOB.month, "date_of_birth.year": RIGHT_DOB.year }),
    });
    assert.equal(late.status, 303);
    assert.equal(late.headers.get("location"), link.path, "back to the closed link's page");
    assert.equal(late.headers.get("set-cookie"), null, "no session");
    await context.close();
  });
});

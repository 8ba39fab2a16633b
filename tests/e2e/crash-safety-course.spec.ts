import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { DESKTOP, launchBrowser, newPage, PHONE } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { createTherapist, signIn } from "./support/therapist";
import { fullIntakeV2 } from "../fixtures/intakes";
import { CHECKIN_SEND_PATH } from "@/lib/checkin-flow/send-state";

/**
 * The course's writes through kill -9, as crash-safety.spec.ts does for intakes: the real server
 * is killed with SIGKILL the moment it has acknowledged a session record (the 303 after the form
 * post) and, on the restarted server, the moment it has acknowledged a check-in (the page saying
 * it was sent). After each restart on the same data directory what was acknowledged is there,
 * decrypting, and SQLite's integrity check is ok. The pages are used without JavaScript so the
 * acknowledgement is one plain HTTP response, and the kill follows it before anything else.
 */

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

const DOB = { iso: "1985-03-14", day: "14", month: "3", year: "1985" };
const env = { RATE_LIMIT_LOGIN_PER_15MIN: "1000" };

/** The course as stored, read by a process of its own after the restart (support/list-course.ts). */
function storedCourse(server: RunningServer, courseId: string) {
  const result = spawnSync(process.execPath, ["bin/run.mjs", "tests/e2e/support/list-course.ts", courseId], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: server.databasePath, KEYS_DIR: server.keysDir },
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { integrity: string; sessions: { date: string; doseMg: number; bpPre: string }[]; checkins: { message: string | null }[] };
}

/** SIGKILL to the process serving HTTP as soon as `acknowledged` resolves; then the rest of the server's process group. */
async function killRightAfter(server: RunningServer, acknowledged: Promise<Response>, act: () => Promise<unknown>): Promise<Response> {
  const pid = server.httpServerPid();
  assert.ok(pid, "found the server process");
  const acting = act().catch(() => undefined); // the page may fail to load what follows: the server is gone
  const response = await acknowledged;
  process.kill(pid!, "SIGKILL");
  await acting;
  server.stop({ keepData: true });
  return response;
}

async function withoutScripts(server: RunningServer, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: server.baseUrl, javaScriptEnabled: false, locale: "en-CA", timezoneId: "America/Toronto" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

describe("crash safety of the treatment course", () => {
  it("keeps an acknowledged session record and an acknowledged check-in through kill -9 right after each acknowledgement", { timeout: 600_000 }, async () => {
    let server = await startServer(env);
    const dataDir = server.dataDir;
    try {
      // The CLI and seed helpers act on this server's database and keys.
      process.env.E2E_DATABASE_PATH = server.databasePath;
      process.env.E2E_KEYS_DIR = server.keysDir;
      const body = fullIntakeV2({ email: `crash-${randomBytes(4).toString("hex")}@example.org`, date_of_birth: DOB.iso, weight_kg: 72 }, { submittedAt: undefined });
      const sent = await fetch(`${server.baseUrl}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      assert.equal(sent.status, 201);
      const intakeId = ((await sent.json()) as { id: string }).id;
      const seeded = spawnSync(process.execPath, ["bin/run.mjs", "tests/e2e/support/checkin-seed.ts", intakeId], {
        encoding: "utf8",
        env: { ...process.env, DATABASE_PATH: server.databasePath, KEYS_DIR: server.keysDir },
      });
      assert.equal(seeded.status, 0, seeded.stderr);
      const { courseId, token } = JSON.parse(seeded.stdout.trim().split("\n").at(-1)!) as { courseId: string; token: string };
      const therapist = createTherapist("crashcourse");

      // 1. A session record, acknowledged by the redirect to "Session recorded"; killed at once.
      const scripted = await newPage(browser, DESKTOP, server.baseUrl);
      await signIn(scripted.page, therapist);
      const desk = await withoutScripts(server);
      await desk.context.addCookies(await scripted.context.cookies());
      await scripted.context.close();
      await desk.page.goto(`/dashboard/courses/${courseId}`);
      const today = await desk.page.locator("#session-session_date").inputValue();
      for (const [field, value] of Object.entries({ dose_mg: "43", bp_pre_systolic: "131", bp_pre_diastolic: "83", bp_discharge_systolic: "135", bp_discharge_diastolic: "85" }))
        await desk.page.locator(`#session-${field}`).fill(value);
      await desk.page.locator("#session-dissociation-mild").check();
      await desk.page.locator("#session-sedation").check();
      await desk.page.locator("#session-adverse_events-none").check();
      await desk.page.locator("#session-discharged_with_escort").check();
      const recorded = await killRightAfter(
        server,
        desk.page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 303 && /[?&]done=session$/.test(r.headers()["location"] ?? "")),
        () => desk.page.getByRole("button", { name: "Record the session" }).click(),
      );
      assert.equal(recorded.status(), 303);
      await desk.context.close();

      server = await startServer(env, { dataDir });
      const afterFirst = storedCourse(server, courseId);
      assert.equal(afterFirst.integrity, "ok");
      assert.deepEqual(afterFirst.sessions, [{ date: today, doseMg: 43, bpPre: "131/83" }], "the acknowledged session is there, decrypting");

      // 2. On the restarted server, the client's check-in, acknowledged by the page saying it was sent; killed at once.
      const message = `CANARY-${randomBytes(6).toString("hex")}`;
      const client = await withoutScripts(server, PHONE);
      const page = client.page;
      const choose = (legend: RegExp, label: string) => page.getByRole("group", { name: legend }).getByLabel(label, { exact: true }).check();
      const next = async (step: string) => {
        await page.getByRole("button", { name: /^(Continue|Save and continue)$/ }).click();
        await page.waitForURL(new RegExp(`/check-in/step/${step}$`));
      };
      await page.goto(`/check-in/${token}`);
      await page.getByRole("button", { name: "Start" }).click();
      await page.getByLabel("Day").fill(DOB.day);
      await page.getByLabel("Month").fill(DOB.month);
      await page.getByLabel("Year").fill(DOB.year);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(/\/check-in\/step\/mood$/);
      for (let i = 1; i <= 8; i++) await page.locator(`#f-phq9_${i}-1`).check();
      await page.locator("#f-phq9_9").check();
      await choose(/In the past week, have you noticed/, "None of these");
      await next("safety");
      await choose(/have you had thoughts of ending your life/, "No");
      await choose(/feel safe from acting/, "Yes");
      await choose(/have you tried to end your life/, "No");
      await choose(/have you hurt yourself on purpose/, "No");
      await next("side_effects");
      await choose(/have you noticed any of these/, "None of these");
      await next("blood_pressure");
      await next("change");
      await choose(/how are you now/, "A little better");
      await page.getByLabel(/Anything you would like the clinic to know/).fill(message);
      await next("review");
      const answered = await killRightAfter(
        server,
        page.waitForResponse(async (r) => {
          // The page's script posts to the send's route; a click before the page has hydrated posts the form itself (the server action).
          if (r.request().method() !== "POST" || ![CHECKIN_SEND_PATH, "/check-in/step/review"].includes(new URL(r.url()).pathname)) return false;
          await r.finished();
          return true;
        }),
        () => page.getByRole("button", { name: "Send my check-in" }).click(),
      );
      assert.equal(answered.status(), 200);
      if (new URL(answered.url()).pathname === CHECKIN_SEND_PATH) assert.equal(((await answered.json()) as { status: string }).status, "sent", "the server had said it was sent");
      else assert.match(await answered.text(), /Your check-in has been sent/, "the server had said it was sent");
      await client.context.close();

      server = await startServer(env, { dataDir });
      const afterSecond = storedCourse(server, courseId);
      assert.equal(afterSecond.integrity, "ok");
      assert.deepEqual(afterSecond.checkins, [{ message }], "the acknowledged check-in is there, decrypting");
      assert.deepEqual(afterSecond.sessions, afterFirst.sessions, "and the session still is");
      assert.equal((await fetch(`${server.baseUrl}/check-in/${token}`)).status, 200);
    } finally {
      server.stop();
    }
  });
});

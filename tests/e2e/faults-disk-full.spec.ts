import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { startServer, type RunningServer } from "./support/server";
import { listIntakes, messageOf, mountTmpfs, postIntake, startDraftOverHttp, writeBallast, type Answer, type Tmpfs } from "./support/faults";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster";
import { CHECKIN_SENT, checkinUpToReview, formSession, hiddenFieldsOf } from "./support/checkin-http";
import { fullAnswersV2 } from "../fixtures/intakes";

/**
 * Issue 20, faults: the disk holding the database fills while intakes are submitted — SQLite's data
 * directory, then a PostgreSQL cluster's, each on a size-limited tmpfs (needs root, as CI has;
 * otherwise skipped, saying why). The real built server answers every submission (201, or 503 with
 * Retry-After and a plain message — never a 500 or a hang), /api/health says "storage_full",
 * drafts saved before are still there, and once space is freed (the ballast file deleted)
 * submissions succeed again without a restart. Every 201 is stored exactly once and decrypts; no
 * other row exists. The wizard's send and the client's check-in send, posted as a browser without
 * scripts posts them, say plainly that nothing was saved while the disk is full (never an error
 * page), store nothing, and keep the draft: the same send succeeds once space is freed.
 */

const NOT_SAVED = "Nothing was saved just now. Please try again in a moment; your answers are kept.";
const run = (script: string, args: string[], env: Record<string, string>) => {
  const child = spawnSync(process.execPath, ["bin/run.mjs", script, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  if (child.status !== 0) throw new Error(`${script} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Record<string, string>;
};

/** A complete intake draft and a check-in answered up to its review, both ready to send: their send forms. */
async function readyToSend(server: RunningServer, env: Record<string, string>) {
  const cookie = await startDraftOverHttp(server.baseUrl);
  const draftToken = cookie.split("; ").find((c) => c.startsWith("intake_draft="))?.slice("intake_draft=".length);
  assert.ok(draftToken, "the draft's cookie");
  run("tests/e2e/support/complete-draft.ts", [draftToken], env);
  const wizardSend = async () => {
    const page = await fetch(`${server.baseUrl}/intake/review`, { headers: { cookie }, redirect: "manual" });
    assert.equal(page.status, 200, "the complete draft's review page opens");
    const fields = hiddenFieldsOf(await page.text(), /Send my answers/);
    const body = new FormData();
    for (const [k, v] of fields) body.append(k, v);
    return () => fetch(`${server.baseUrl}/intake/review`, { method: "POST", headers: { origin: "null", "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate", cookie }, body, redirect: "manual", signal: AbortSignal.timeout(15_000) });
  };
  const intake = await postIntake(server.baseUrl, "checkin-client");
  assert.equal(intake.status, 201);
  const intakeId = (intake.body as { id: string }).id;
  const { token } = run("tests/e2e/support/checkin-seed.ts", [intakeId], env);
  const checkin = formSession(server.baseUrl);
  const checkinFields = await checkinUpToReview(checkin, token!, "1985-03-14");
  return { intakeId, sendIntake: await wizardSend(), sendCheckin: () => checkin.post("/check-in/step/review", checkinFields), sendCheckinByScript: () => checkin.sendByScript() };
}

async function fillAndRecover(tmpfs: Tmpfs, server: RunningServer, env: Record<string, string>, count: (table: "drafts" | "checkins") => Promise<number>) {
  const output: string[] = [];
  const acknowledged = new Map<string, string>();
  const accept = (answer: Answer, goals: string) => {
    assert.equal(answer.failure, undefined, `every request is answered (${answer.failure})`);
    if (answer.status === 201) acknowledged.set((answer.body as { id: string }).id, goals);
    return answer;
  };
  for (let i = 0; i < 5; i++) accept(await postIntake(server.baseUrl, `before-${i}`), `before-${i}`);
  assert.equal(acknowledged.size, 5);
  const drafts = await Promise.all([1, 2, 3].map(() => startDraftOverHttp(server.baseUrl)));
  const ready = await readyToSend(server, { ...env, KEYS_DIR: server.keysDir });
  acknowledged.set(ready.intakeId, "checkin-client");

  // Leave a little room, then submit until the database cannot grow.
  const ballast = writeBallast(tmpfs, 256 * 1024);
  let full: Answer | undefined;
  let n = 0;
  for (; n < 3000 && !full; n += 4) {
    const batch = await Promise.all([0, 1, 2, 3].map((k) => postIntake(server.baseUrl, `fill-${n + k}`).then((a) => accept(a, `fill-${n + k}`))));
    for (const answer of batch) {
      if (answer.status === 201) continue;
      assert.equal(answer.status, 503, `a full disk is a 503, not ${answer.status}: ${JSON.stringify(answer.body)}`);
      full ??= answer;
    }
  }
  assert.ok(full, `the disk filled within ${n} submissions`);
  assert.match(messageOf(full), /out of storage space.*Nothing was saved/);
  assert.equal(full.headers.get("retry-after"), "30");

  // While full: still 503 (never 500), and the health endpoint says why, and nothing else.
  for (let i = 0; i < 3; i++) {
    const again = accept(await postIntake(server.baseUrl, `while-full-${i}`), `while-full-${i}`);
    assert.ok(again.status === 503 || again.status === 201, `while full: ${again.status}`);
  }
  const health = await fetch(`${server.baseUrl}/api/health`);
  assert.equal(health.status, 503);
  assert.deepEqual(await health.json(), { status: "unavailable", reason: "storage_full" });
  assert.equal(health.headers.get("retry-after"), "30");

  // The wizard's send and the check-in's send while full: the plain message in the page and nothing stored, never an
  // error page. On PostgreSQL every write fails while full; SQLite can still fit a small write in its WAL's reused
  // frames, so there a send may go through — then it is confirmed and stored once, as any send (and, as any write
  // that succeeds, clears the fault: hence after the health check).
  const strict = !!env.DATABASE_URL;
  const intakeWhileFull = await ready.sendIntake();
  const intakePage = await intakeWhileFull.text();
  const intakeWent = intakeWhileFull.status === 303;
  assert.ok(intakeWhileFull.status === 200 || (!strict && intakeWent), `the wizard's send answers with its page, not an error: ${intakeWhileFull.status}`);
  if (!intakeWent) assert.ok(intakePage.includes(NOT_SAVED), "the wizard says nothing was saved and the answers are kept");
  // The check-in's send as the review page's script makes it (the JSON route, on the production fast path) …
  const scriptWhileFull = await ready.sendCheckinByScript();
  let checkinWent = scriptWhileFull.status === 200 && scriptWhileFull.body.status === "sent";
  if (!checkinWent) {
    assert.equal(scriptWhileFull.status, 503, `the script's send while full: ${scriptWhileFull.status} ${JSON.stringify(scriptWhileFull.body)}`);
    assert.deepEqual(scriptWhileFull.body, { status: "failed", message: NOT_SAVED }, "the script's send says nothing was saved");
    assert.equal(scriptWhileFull.retryAfter, "30");
    assert.deepEqual(scriptWhileFull.setCookie, [], "the cookie is kept for the next try");
  } else assert.ok(!strict, "a full disk refuses the check-in");
  // … and as a browser without JavaScript posts the form (the server action).
  if (!checkinWent) {
    const checkinWhileFull = await ready.sendCheckin();
    assert.equal(checkinWhileFull.status, 200, "the check-in's send answers with its page, not an error");
    checkinWent = checkinWhileFull.text.includes(CHECKIN_SENT);
    assert.ok(checkinWent ? !strict : checkinWhileFull.text.includes(NOT_SAVED), "the check-in says nothing was saved");
  }
  assert.equal(await count("checkins"), checkinWent ? 1 : 0, "no check-in stored while full, unless confirmed");

  // Space freed: the same server stores again, and says it is healthy.
  fs.rmSync(ballast);
  const after = accept(await postIntake(server.baseUrl, "after-freeing"), "after-freeing");
  assert.equal(after.status, 201, `stores again once space is freed: ${JSON.stringify(after.body)}`);
  assert.equal((await fetch(`${server.baseUrl}/api/health`)).status, 200);

  // The drafts saved before the disk filled still open (a lost draft sends the browser back to consent).
  for (const cookie of drafts) {
    const page = await fetch(`${server.baseUrl}/intake/about`, { headers: { cookie }, redirect: "manual" });
    assert.equal(page.status, 200, "a draft saved before the disk filled still opens");
  }
  assert.ok((await count("drafts")) >= drafts.length);

  // The same sends, now that there is room: the draft and the check-in were kept, and go.
  const intakeSent = await ready.sendIntake();
  assert.equal(intakeSent.status, 303, `the kept draft sends: ${intakeSent.status}`);
  assert.equal(new URL(intakeSent.headers.get("location")!, server.baseUrl).pathname, "/intake/sent");
  if (!checkinWent) {
    const checkinSent = await ready.sendCheckin();
    assert.ok(checkinSent.status === 200 && checkinSent.text.includes(CHECKIN_SENT), `the kept check-in sends: ${checkinSent.status}`);
  }
  assert.equal(await count("checkins"), 1, "one check-in stored");

  // Every 201 stored once and decrypting; no row the client was not told about.
  const { integrity, intakes } = listIntakes({ ...env, KEYS_DIR: server.keysDir });
  if (!env.DATABASE_URL) assert.equal(integrity, "ok");
  for (const [id, goals] of acknowledged) assert.equal(intakes[id], goals, `acknowledged intake ${id} is present and decrypts`);
  const fromWizard = Object.keys(intakes).filter((id) => !acknowledged.has(id));
  assert.deepEqual(fromWizard.map((id) => intakes[id]), [fullAnswersV2().goals], "the wizard's send stored once, after space was freed");
  assert.equal(Object.keys(intakes).length, acknowledged.size + 1, "no intake stored that was not acknowledged");
  assert.ok(!output.join("").includes("fill-"), "no answer in the server's output");
}

describe("the disk fills", () => {
  const sqliteDisk = mountTmpfs(48);
  it("under SQLite: 503 + Retry-After while full, drafts and every acknowledged intake kept, stores again once space is freed", { skip: typeof sqliteDisk === "string" ? sqliteDisk : false }, async () => {
    if (typeof sqliteDisk === "string") return;
    let server: RunningServer | undefined;
    try {
      server = await startServer({ RATE_LIMIT_SUBMIT_PER_HOUR: "100000", DRAFTS_PER_HOUR: "1000" }, { dataDir: fs.mkdtempSync(path.join(sqliteDisk.dir, "server-")) });
      const databasePath = server.databasePath;
      await fillAndRecover(sqliteDisk, server, { DATABASE_PATH: databasePath }, async (table) => {
        const db = new Database(databasePath, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
        } finally {
          db.close();
        }
      });
    } finally {
      server?.stop();
      sqliteDisk.unmount();
    }
  });

  const pgDisk = mountTmpfs(160);
  it("under PostgreSQL: the same, with the cluster's data directory on the full disk", { skip: typeof pgDisk === "string" ? pgDisk : false }, async () => {
    if (typeof pgDisk === "string") return;
    let cluster: PostgresCluster | undefined;
    let server: RunningServer | undefined;
    try {
      cluster = await startPostgresCluster({ parentDir: pgDisk.dir });
      const url = cluster.url;
      server = await startServer({ DATABASE_URL: url, RATE_LIMIT_SUBMIT_PER_HOUR: "100000", DRAFTS_PER_HOUR: "1000" });
      await fillAndRecover(pgDisk, server, { DATABASE_URL: url }, async (table) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
        } finally {
          await client.end();
        }
      });
    } finally {
      server?.stop();
      await cluster?.stop();
      pgDisk.unmount();
    }
  });
});

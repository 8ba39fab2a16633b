import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { startServer, type RunningServer } from "./support/server";
import { listIntakes, messageOf, postIntake, type Answer } from "./support/faults";
import { checkinUpToReview, formSession } from "./support/checkin-http";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster";

/**
 * Issue 20, faults: PostgreSQL stopped and started by the test while four clients keep submitting
 * to the real built server. Each request is answered promptly — 201, or 503 with Retry-After and a
 * plain message while the database is away (never a 500, never a hang) — the pool reconnects by
 * itself, and once every refused submission is retried with its own Idempotency-Key each key is
 * stored exactly once, with the id its 201 gave.
 */

let cluster: PostgresCluster;
let server: RunningServer;
const output: string[] = [];

before(async () => {
  cluster = await startPostgresCluster();
  server = await startServer({ DATABASE_URL: cluster.url, RATE_LIMIT_SUBMIT_PER_HOUR: "100000" }, { output });
});
after(async () => {
  server?.stop();
  await cluster?.stop();
});

async function count(table: "intakes" | "checkins" = "intakes"): Promise<number> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe("PostgreSQL restarts mid-load", () => {
  for (const mode of ["fast", "immediate"] as const) {
    it(`(${mode} shutdown) refuses cleanly during the outage, reconnects, and stores every submission exactly once`, async () => {
      const before = await count();
      type Sent = { goals: string; key: string; answers: Answer[] };
      const sent: Sent[] = [];
      let phase: "up" | "down" | "back" = "up";
      const statusesBy = { up: [] as number[], down: [] as number[], back: [] as number[] };
      let running = true;
      const client = async (c: number) => {
        for (let i = 0; running; i++) {
          const entry: Sent = { goals: `restart-${mode}-${c}-${i}`, key: `restart-${randomBytes(8).toString("hex")}`, answers: [] };
          sent.push(entry);
          const at = phase;
          const answer = await postIntake(server.baseUrl, entry.goals, { "idempotency-key": entry.key });
          entry.answers.push(answer);
          assert.equal(answer.failure, undefined, `answered, not hung or cut off (${answer.failure})`);
          assert.ok(answer.status === 201 || answer.status === 503, `201 or 503, not ${answer.status}: ${JSON.stringify(answer.body)}`);
          if (answer.status === 503) {
            assert.match(messageOf(answer), /database cannot be reached.*Nothing was saved/);
            assert.equal(answer.headers.get("retry-after"), "5");
          }
          statusesBy[at].push(answer.status);
          if (answer.status === 503) await new Promise((r) => setTimeout(r, 50));
        }
      };
      const clients = Promise.all([0, 1, 2, 3].map(client));

      await new Promise((r) => setTimeout(r, 1500));
      await cluster.stopServer(mode);
      phase = "down";
      await new Promise((r) => setTimeout(r, 2500));
      const health = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(15_000) });
      assert.equal(health.status, 503);
      assert.deepEqual(await health.json(), { status: "unavailable", reason: "database_unavailable" });
      assert.ok(health.headers.get("retry-after"));
      await cluster.startServer();
      phase = "back";
      // The pool finds the server again by itself: wait for a few 201s after the restart.
      const deadline = Date.now() + 20_000;
      while (statusesBy.back.filter((s) => s === 201).length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      running = false;
      await clients;

      assert.ok(statusesBy.up.filter((s) => s === 201).length > 0, "stored before the outage");
      assert.ok(statusesBy.down.includes(503), `refused during the outage: ${statusesBy.down.join(",")}`);
      assert.ok(statusesBy.back.filter((s) => s === 201).length >= 8, `stores again after the restart without a server restart: ${statusesBy.back.join(",")}`);
      assert.equal((await fetch(`${server.baseUrl}/api/health`)).status, 200);

      // A client told 503 retries with the same key; one told 201 that retries gets the same id back.
      for (const entry of sent) {
        const retry = await postIntake(server.baseUrl, entry.goals, { "idempotency-key": entry.key });
        assert.equal(retry.status, 201, JSON.stringify(retry.body));
        const first = entry.answers.find((a) => a.status === 201);
        if (first) assert.equal((retry.body as { id: string }).id, (first.body as { id: string }).id, "a retried key returns the first id");
        entry.answers.push(retry);
      }
      const ids = new Map(sent.map((e) => [(e.answers.find((a) => a.status === 201)!.body as { id: string }).id, e.goals]));
      assert.equal(ids.size, sent.length, "one id per key");
      assert.equal((await count()) - before, sent.length, "exactly one row per submission: none lost, none doubled");
      const { intakes } = listIntakes({ DATABASE_URL: cluster.url, KEYS_DIR: server.keysDir });
      for (const [id, goals] of ids) assert.equal(intakes[id], goals, `intake ${id} is present and decrypts`);
      assert.ok(!output.join("").includes(`restart-${mode}-`), "no answer in the server's output");
    });
  }

  it("refuses the check-in's send cleanly while the database is away, keeps the draft, and sends it once it is back", async () => {
    const intake = await postIntake(server.baseUrl, "restart-checkin-client");
    assert.equal(intake.status, 201);
    const seeded = spawnSync(process.execPath, ["bin/run.mjs", "tests/e2e/support/checkin-seed.ts", (intake.body as { id: string }).id], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: cluster.url, KEYS_DIR: server.keysDir },
    });
    assert.equal(seeded.status, 0, seeded.stderr);
    const { token } = JSON.parse(seeded.stdout.trim().split("\n").at(-1)!) as { token: string };
    const phone = formSession(server.baseUrl);
    await checkinUpToReview(phone, token, "1985-03-14");
    const before = await count("checkins");

    await cluster.stopServer("fast");
    const refused = await phone.sendByScript();
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.deepEqual(refused.body, { status: "failed", message: "Nothing was saved just now. Please try again in a moment; your answers are kept." });
    assert.equal(refused.retryAfter, "5");
    assert.deepEqual(refused.setCookie, [], "the cookie is kept for the next try");
    await cluster.startServer();

    // The pool finds the server again by itself; the same phone's next press sends it.
    let sent = await phone.sendByScript();
    for (const deadline = Date.now() + 20_000; sent.status === 503 && Date.now() < deadline; sent = await phone.sendByScript()) await new Promise((r) => setTimeout(r, 250));
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.status, "sent");
    assert.equal((await count("checkins")) - before, 1, "stored once");
  });
});

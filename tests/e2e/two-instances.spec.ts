import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { startServer, type RunningServer } from "./support/server";
import { createTherapist, signInOverHttp } from "./support/therapist";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster";
import { fullIntake } from "../fixtures/intakes";

/**
 * Two app instances (`npm start`, each on its own port) sharing one PostgreSQL database (a
 * throw-away cluster) and one KEYS_DIR, as behind a load balancer: idempotent retries, the audit
 * chain, the submission limit and crash safety hold across both. Integrations (the Bearer key) are
 * not limited per address, so (a), (b), (d) use the key and (c) the public, limited path. Storing an
 * intake writes no audit event, so (b) also has a therapist open the 200 intakes across both.
 */

const API_KEY = randomBytes(24).toString("base64url");
const LIMIT = 10;

let cluster: PostgresCluster;
let shared: string;
let a: RunningServer;
let b: RunningServer;
const output: string[] = [];

const env = () => ({ DATABASE_URL: cluster.url, KEYS_DIR: path.join(shared, "keys"), INTAKE_API_KEY: API_KEY, RATE_LIMIT_SUBMIT_PER_HOUR: String(LIMIT) });

before(async () => {
  cluster = await startPostgresCluster();
  shared = fs.mkdtempSync(path.join(os.tmpdir(), "intake-two-"));
  // One after the other: the first may build the app, the second finds the build and the keys.
  a = await startServer(env(), { output });
  b = await startServer(env(), { output });
});
after(async () => {
  a?.stop();
  b?.stop();
  await cluster?.stop();
  fs.rmSync(shared, { recursive: true, force: true });
});

async function post(server: RunningServer, goals: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/api/intakes`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(fullIntake({ goals }, { submittedAt: undefined })),
  });
  const body = response.status === 201 ? ((await response.json()) as { id: string; reference: string }) : await response.text();
  return { status: response.status, body };
}
const integration = { authorization: `Bearer ${API_KEY}` };

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function cli(script: string, args: string[]) {
  return spawnSync(process.execPath, ["bin/run.mjs", script, ...args], { encoding: "utf8", env: { ...process.env, ...env(), DATABASE_PATH: a.databasePath } });
}

describe("two instances on one PostgreSQL database", () => {
  it("store nothing in SQLite and answer health from PostgreSQL", async () => {
    for (const server of [a, b]) assert.equal((await fetch(`${server.baseUrl}/api/health`)).status, 200);
    assert.ok(!fs.existsSync(a.databasePath) && !fs.existsSync(b.databasePath), "no SQLite database was created");
  });

  it("(a) concurrent retries of one submission with one Idempotency-Key, split across both: one row, the same id and reference", async () => {
    const goals = `idempotent-${randomBytes(4).toString("hex")}`;
    const key = `retry-${randomBytes(8).toString("hex")}`;
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => post(i % 2 ? a : b, goals, { ...integration, "idempotency-key": key })));
    assert.deepEqual(results.map((r) => r.status), Array(16).fill(201));
    const bodies = results.map((r) => r.body as { id: string; reference: string });
    assert.equal(new Set(bodies.map((x) => x.id)).size, 1, "one id in every 201");
    assert.equal(new Set(bodies.map((x) => x.reference)).size, 1, "one reference in every 201");
    assert.deepEqual(await sql("select count(*)::int as n from intakes where idempotency_index is not null"), [{ n: 1 }]);
  });

  it("(b) 200 submissions and 200 audited views across both at once keep one audit chain: verify intact, then a tampered row is found", async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(i % 2 ? a : b, `bulk-${i}`, integration)));
    assert.deepEqual(results.map((r) => r.status), Array(200).fill(201));
    // Storing an intake is not an audit event; a therapist opening one is. One session, valid on both.
    process.env.DATABASE_URL = cluster.url;
    process.env.E2E_KEYS_DIR = env().KEYS_DIR;
    const cookie = await signInOverHttp(a.baseUrl, createTherapist("twoinstances"));
    const views = await Promise.all(
      results.map((r, i) => fetch(`${(i % 2 ? b : a).baseUrl}/dashboard/intakes/${(r.body as { id: string }).id}`, { headers: { cookie }, redirect: "manual" }).then((v) => v.status)),
    );
    assert.deepEqual(views, Array(200).fill(200));
    const [{ n: viewed }] = (await sql<{ n: number }>("select count(*)::int as n from audit_events where action = 'intake.view'")) as [{ n: number }];
    assert.equal(viewed, 200);
    const intact = cli("scripts/audit.ts", ["verify"]);
    assert.equal(intact.status, 0, intact.stderr + intact.stdout);
    const events = Number(/^Audit log intact: (\d+) events/.exec(intact.stdout)?.[1]);
    assert.ok(events > 200, intact.stdout);

    await sql("update audit_events set detail = $1 where seq = (select min(seq) + 100 from audit_events)", [JSON.stringify({ tampered: true })]);
    const tampered = cli("scripts/audit.ts", ["verify"]);
    assert.equal(tampered.status, 3, tampered.stderr + tampered.stdout);
  });

  it("(c) the submission limit is counted across both instances", async () => {
    const statuses: number[] = [];
    // Concurrently, alternating instances: exactly LIMIT accepted in total.
    const first = await Promise.all(Array.from({ length: LIMIT + 6 }, (_, i) => post(i % 2 ? a : b, `limited-${i}`)));
    statuses.push(...first.map((r) => r.status));
    assert.equal(statuses.filter((s) => s === 201).length, LIMIT, `statuses: ${statuses.join(",")}`);
    assert.equal(statuses.filter((s) => s === 429).length, 6);
    for (const server of [a, b]) assert.equal((await post(server, "one more")).status, 429, `429 from ${server.baseUrl}`);
  });

  it("(d) every submission acknowledged by an instance killed with SIGKILL is in the database and decrypts", async () => {
    const acknowledged = new Map<string, string>();
    const pid = a.httpServerPid();
    assert.ok(pid, "found instance A's server process");
    let killed = false;
    const streaming = (async () => {
      for (let i = 0; i < 400 && !killed; i++) {
        const goals = `stream-${i}-${randomBytes(4).toString("hex")}`;
        try {
          const r = await post(a, goals, integration);
          if (r.status === 201) acknowledged.set((r.body as { id: string }).id, goals);
        } catch {
          return; // the connection died with the server
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(pid!, "SIGKILL");
    killed = true;
    await streaming;
    assert.ok(acknowledged.size > 5, `some submissions were acknowledged before the kill (${acknowledged.size})`);

    // B still serves, on the same database.
    assert.equal((await fetch(`${b.baseUrl}/api/health`)).status, 200);
    assert.equal((await post(b, "after the kill", integration)).status, 201);

    const check = cli("tests/support/list-intakes.ts", []);
    assert.equal(check.status, 0, check.stderr);
    const { intakes } = JSON.parse(check.stdout) as { intakes: Record<string, string> };
    for (const [id, goals] of acknowledged) assert.equal(intakes[id], goals, `acknowledged intake ${id} is present and decrypts`);
    const n = (await sql<{ n: number }>("select count(*)::int as n from intakes"))[0]!.n;
    assert.equal(n, Object.keys(intakes).length);
    assert.ok(n >= 1 + 200 + LIMIT + acknowledged.size + 1);
  });
});

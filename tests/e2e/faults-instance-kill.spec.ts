import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { startServer, type RunningServer } from "./support/server";
import { listIntakes, postIntake, type Answer } from "./support/faults";
import { fullIntake } from "../fixtures/intakes";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster";

/**
 * Issue 20, faults: two instances on one PostgreSQL database; A is killed with SIGKILL while
 * clients submit to both, some of them mid-request on A. B keeps serving without an error. Every
 * submission A acknowledged is stored exactly once, and retrying each of A's submissions on B with
 * its Idempotency-Key returns the id A gave (or stores it, once, if A died before answering).
 */

let cluster: PostgresCluster;
let shared: string;
let a: RunningServer;
let b: RunningServer;

before(async () => {
  cluster = await startPostgresCluster();
  shared = fs.mkdtempSync(path.join(os.tmpdir(), "intake-kill-"));
  const env = { DATABASE_URL: cluster.url, KEYS_DIR: path.join(shared, "keys"), RATE_LIMIT_SUBMIT_PER_HOUR: "100000" };
  a = await startServer(env);
  b = await startServer(env);
});
after(async () => {
  a?.stop();
  b?.stop();
  await cluster?.stop();
  fs.rmSync(shared, { recursive: true, force: true });
});

/**
 * A submission whose body is still arriving when the instance dies: all but its last bytes are
 * sent, so it is certainly in flight at the kill however fast the server answers the others.
 */
function halfSent(baseUrl: string, goals: string, key: string): Promise<Answer> {
  const body = Buffer.from(JSON.stringify(fullIntake({ goals }, { submittedAt: undefined })));
  return new Promise((resolve) => {
    const request = http.request(`${baseUrl}/api/intakes`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": body.length, "idempotency-key": key },
    });
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: new Headers(), body: undefined }));
    });
    request.on("error", (error) => resolve({ status: 0, headers: new Headers(), body: undefined, failure: `${error.name}: ${error.message}` }));
    request.write(body.subarray(0, body.length - 10));
  });
}

describe("kill -9 of one of two instances on PostgreSQL", () => {
  it("loses no acknowledged intake, stores none twice, and a retried Idempotency-Key on the survivor returns the same id", async () => {
    type Sent = { goals: string; key: string; answer?: Answer };
    const onA: Sent[] = [];
    const onB: Sent[] = [];
    let killed = false;
    const stream = async (server: RunningServer, list: Sent[], c: number, until: () => boolean) => {
      for (let i = 0; !until(); i++) {
        const entry: Sent = { goals: `kill-${server === a ? "a" : "b"}-${c}-${i}`, key: `kill-${randomBytes(8).toString("hex")}` };
        list.push(entry);
        entry.answer = await postIntake(server.baseUrl, entry.goals, { "idempotency-key": entry.key });
        if (entry.answer.failure) return; // A died with this request in flight
      }
    };
    // Warm both (the first requests compile routes), so A is busy when it dies.
    await stream(a, onA, 9, () => onA.length >= 4);
    await stream(b, onB, 9, () => onB.length >= 4);
    let bDone = false;
    const streams = [
      ...[0, 1, 2, 3].map((c) => stream(a, onA, c, () => killed)),
      ...[0, 1].map((c) => stream(b, onB, c, () => bDone)),
    ];
    const pending: Sent = { goals: "kill-a-half-sent", key: `kill-${randomBytes(8).toString("hex")}` };
    onA.push(pending);
    const pendingAnswer = halfSent(a.baseUrl, pending.goals, pending.key).then((answer) => (pending.answer = answer));
    await new Promise((r) => setTimeout(r, 1500));
    const pid = a.httpServerPid();
    assert.ok(pid, "found instance A's server process");
    process.kill(pid!, "SIGKILL");
    killed = true;
    await new Promise((r) => setTimeout(r, 1000));
    bDone = true;
    await Promise.all([...streams, pendingAnswer]);

    const acknowledgedByA = onA.filter((e) => e.answer?.status === 201);
    const cutOff = onA.filter((e) => e.answer?.failure);
    assert.ok(acknowledgedByA.length > 10, `A acknowledged some before the kill (${acknowledgedByA.length})`);
    assert.ok(cutOff.length > 0, "some requests were in flight on A when it was killed");
    for (const entry of onB) assert.equal(entry.answer?.status, 201, `B served throughout: ${JSON.stringify(entry.answer?.body ?? entry.answer?.failure)}`);

    // Each of A's submissions retried on B with its key: the same id for every 201 A gave.
    for (const entry of onA) {
      const retry = await postIntake(b.baseUrl, entry.goals, { "idempotency-key": entry.key });
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      if (entry.answer?.status === 201) {
        assert.equal((retry.body as { id: string }).id, (entry.answer.body as { id: string }).id, "the survivor returns the id A acknowledged");
        assert.equal(retry.headers.get("idempotent-replayed"), "true");
      }
      entry.answer = retry;
    }

    const all = [...onA, ...onB];
    const ids = new Map(all.map((e) => [(e.answer!.body as { id: string }).id, e.goals]));
    assert.equal(ids.size, all.length, "one id per submission");
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const rows = (await client.query<{ n: number }>("select count(*)::int as n from intakes")).rows[0]!.n;
    await client.end();
    assert.equal(rows, all.length, "exactly one row per submission: none lost, none doubled");
    const { intakes } = listIntakes({ DATABASE_URL: cluster.url, KEYS_DIR: b.keysDir });
    for (const [id, goals] of ids) assert.equal(intakes[id], goals, `intake ${id} is present and decrypts`);
  });
});

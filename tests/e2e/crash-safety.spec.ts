import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { startServer } from "./support/server";
import { fullIntake } from "../fixtures/intakes";

/**
 * The real server (`next build` output behind scripts/http-server.mjs) killed with SIGKILL while
 * intakes stream in: every intake that was acknowledged with 201 must be there after a restart,
 * decrypting, with integrity_check ok. And nothing a client typed ever appears in the server's output.
 */
describe("crash safety and log hygiene", () => {
  it("keeps every acknowledged submission through kill -9 of the server process, and logs no answer", async () => {
    const output: string[] = [];
    const canary = () => `CANARY-${randomBytes(6).toString("hex")}`;
    const canaries: string[] = [];
    const env = { RATE_LIMIT_SUBMIT_PER_HOUR: "100000" };
    const server = await startServer(env, { output });
    const acknowledged = new Map<string, string>();
    const post = async (goals: string, extra: Record<string, unknown> = {}) => {
      const response = await fetch(`${server.baseUrl}/api/intakes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(fullIntake({ goals, ...extra }, { submittedAt: undefined })),
      });
      return { status: response.status, body: response.status === 201 ? ((await response.json()) as { id: string }) : await response.text() };
    };

    // 50 at once, all stored; and refused submissions carrying canaries in bad values.
    const parallel = await Promise.all(Array.from({ length: 50 }, () => { const c = canary(); canaries.push(c); return post(c).then((r) => ({ ...r, c })); }));
    assert.deepEqual(parallel.map((r) => r.status), Array(50).fill(201));
    for (const r of parallel) acknowledged.set((r.body as { id: string }).id, r.c);
    for (const bad of [{ phone: canary() }, { date_of_birth: canary() }, { phq9_1: canary() }]) {
      canaries.push(...Object.values(bad));
      assert.equal((await post("fine", bad)).status, 400);
    }

    // Stream submissions and kill the HTTP server process mid-stream.
    const pid = server.httpServerPid();
    assert.ok(pid, "found the server process");
    let killed = false;
    const streaming = (async () => {
      for (let i = 0; i < 400 && !killed; i++) {
        const c = canary();
        canaries.push(c);
        try {
          const r = await post(c);
          if (r.status === 201) acknowledged.set((r.body as { id: string }).id, c);
        } catch {
          return; // the connection died with the server
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 400));
    process.kill(pid!, "SIGKILL");
    killed = true;
    await streaming;
    server.stop({ keepData: true });
    assert.ok(acknowledged.size > 55, `some submissions were acknowledged before the kill (${acknowledged.size})`);

    // Restart on the same data and check every acknowledged intake.
    const restarted = await startServer(env, { dataDir: server.dataDir, output });
    const check = spawnSync(process.execPath, ["bin/run.mjs", "tests/support/list-intakes.ts"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_PATH: restarted.databasePath, KEYS_DIR: restarted.keysDir },
    });
    assert.equal(check.status, 0, check.stderr);
    const { integrity, intakes } = JSON.parse(check.stdout) as { integrity: string; intakes: Record<string, string> };
    assert.equal(integrity, "ok");
    for (const [id, goals] of acknowledged) assert.equal(intakes[id], goals, `acknowledged intake ${id} is present and decrypts`);
    assert.equal((await fetch(`${restarted.baseUrl}/api/health`)).status, 200);
    restarted.stop();

    const printed = output.join("");
    assert.ok(printed.length > 0);
    for (const c of canaries) assert.ok(!printed.includes(c), `the server printed a client's answer (${c})`);
  });
});

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { startServer, type RunningServer } from "./support/server";
import { startPostgresCluster, type PostgresCluster } from "../support/postgres-cluster";

/**
 * The treatment course's browser specs on PostgreSQL: a server of its own (DATABASE_URL on a
 * throw-away cluster, as postgres-review.spec.ts), and the same spec files the suite runs on SQLite
 * (course-pages, checkin-flow, course-journey) run again against it, unchanged: their helpers (the
 * users CLI, the seeding scripts, the check-in count) inherit DATABASE_URL and act on the cluster.
 */

const SPECS = ["course-pages.spec.ts", "checkin-flow.spec.ts", "course-journey.spec.ts"];

let cluster: PostgresCluster;
let server: RunningServer;
let keys: string;
before(async () => {
  cluster = await startPostgresCluster();
  keys = fs.mkdtempSync(path.join(os.tmpdir(), "intake-pg-keys-"));
  server = await startServer({ DATABASE_URL: cluster.url, KEYS_DIR: keys, RATE_LIMIT_LOGIN_PER_15MIN: "1000", RATE_LIMIT_SUBMIT_PER_HOUR: "100000", DRAFTS_PER_HOUR: "100000", DRAFT_SAVE_MB_PER_HOUR: "100000" });
});
after(async () => {
  server?.stop();
  await cluster?.stop();
  fs.rmSync(keys, { recursive: true, force: true });
});

describe("the treatment course's pages on PostgreSQL", () => {
  it(`${SPECS.join(", ")} pass against a server on PostgreSQL`, { timeout: 1_200_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, E2E_BASE_URL: server.baseUrl, DATABASE_URL: cluster.url, E2E_KEYS_DIR: keys, E2E_DATABASE_PATH: server.databasePath };
    // This file runs as a child of node's test runner; without this the nested runner would report to it instead of running.
    delete env.NODE_TEST_CONTEXT;
    const runner = spawn(
      process.execPath,
      ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...SPECS.map((f) => path.join("tests", "e2e", f))],
      { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "inherit"] },
    );
    const output: string[] = [];
    runner.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
    const code: number = await new Promise((resolve) => runner.on("exit", (c) => resolve(c ?? 1)));
    const text = output.join("");
    console.log(text.split("\n").filter((l) => /^\s*[✔✖]/.test(l)).join("\n"));
    const passed = Number(/ℹ pass (\d+)/.exec(text)?.[1] ?? 0);
    const failed = Number(/ℹ fail (\d+)/.exec(text)?.[1] ?? 0);
    assert.equal(failed, 0, `failures on PostgreSQL:\n${text.slice(-6000)}`);
    assert.ok(passed >= 6, `the course specs ran (${passed} passed)`);
    assert.equal(code, 0, text.slice(-3000));
    assert.ok(!fs.existsSync(server.databasePath), "nothing was written to a SQLite database");
  });
});

/**
 * `npm run test:e2e`: builds the app if needed and serves it with `next start` on a free port with a
 * fresh database and key directory, runs the browser specs (node's test runner, playwright-core
 * driving Debian's Chromium) one file at a time, prints "N passed, N failed", and stops the server.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startServer } from "./support/server";

const root = process.cwd();
const specsDir = path.join(root, "tests", "e2e");

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it with: apt-get update && apt-get install -y chromium`);
  process.exit(1);
}

// Every browser test signs in and starts drafts from 127.0.0.1; the limits themselves are tested in
// tests/integration (and tests/e2e/abuse-limits.spec.ts on a server of its own).
const server = await startServer({ RATE_LIMIT_LOGIN_PER_15MIN: "1000", RATE_LIMIT_SUBMIT_PER_HOUR: "100000", DRAFTS_PER_HOUR: "100000", DRAFT_SAVE_MB_PER_HOUR: "100000" });
const baseUrl = server.baseUrl;

let exitCode = 1;
try {
  const only = process.argv.slice(2);
  const specs = fs
    .readdirSync(specsDir)
    .filter((f) => f.endsWith(".spec.ts"))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort()
    .map((f) => path.join(specsDir, f));
  const output: string[] = [];
  const runner = spawn(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...specs],
    { cwd: root, env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_DATABASE_PATH: server.databasePath, E2E_KEYS_DIR: server.keysDir, CHROMIUM_PATH: chromium }, stdio: ["ignore", "pipe", "inherit"] },
  );
  runner.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    output.push(chunk.toString("utf8"));
  });
  const code: number = await new Promise((resolve) => runner.on("exit", (c) => resolve(c ?? 1)));
  const text = output.join("");
  const passed = Number(/ℹ pass (\d+)/.exec(text)?.[1] ?? 0);
  const failed = Number(/ℹ fail (\d+)/.exec(text)?.[1] ?? 0);
  console.log(`\nBrowser tests: ${passed} passed, ${failed} failed`);
  exitCode = code === 0 && failed === 0 && passed > 0 ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  server.stop();
}
process.exit(exitCode);

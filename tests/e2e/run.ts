/**
 * `npm run test:e2e`: builds the app if needed and serves it with `next start` on a free port with a
 * fresh database and key directory, runs the browser specs (node's test runner, playwright-core
 * driving Debian's Chromium) one file at a time, prints "N passed, N failed", and stops the server.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = process.cwd();
const specsDir = path.join(root, "tests", "e2e");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHealth(url: string, server: ReturnType<typeof spawn>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode} before it was healthy`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server was not healthy within ${timeoutMs / 1000} s`);
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it with: apt-get update && apt-get install -y chromium`);
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-e2e-"));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const serverEnv = {
  ...process.env,
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_PATH: path.join(dataDir, "data", "intake.db"),
  KEYS_DIR: path.join(dataDir, "keys"),
  NEXT_TELEMETRY_DISABLED: "1",
  // Every browser test signs in from 127.0.0.1; the limit itself is tested in tests/integration.
  RATE_LIMIT_LOGIN_PER_15MIN: "1000",
};
const server = spawn(process.execPath, ["bin/run.mjs", "scripts/serve.ts"], { cwd: root, env: serverEnv, stdio: ["ignore", "inherit", "inherit"], detached: true });
const stopServer = () => {
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stopServer);

let exitCode = 1;
try {
  await waitForHealth(baseUrl, server, 10 * 60 * 1000);
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
    { cwd: root, env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_DATABASE_PATH: serverEnv.DATABASE_PATH, E2E_KEYS_DIR: serverEnv.KEYS_DIR, CHROMIUM_PATH: chromium }, stdio: ["ignore", "pipe", "inherit"] },
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
  stopServer();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);

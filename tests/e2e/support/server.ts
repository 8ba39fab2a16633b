import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * The app as `npm start` runs it (scripts/serve.ts: config, keys, migrations, `next build` when
 * stale, the PDF worker, `next start`), on a free port with a fresh database and key directory.
 * Used by the browser tests and the benchmarks.
 */
export interface RunningServer {
  baseUrl: string;
  databasePath: string;
  keysDir: string;
  stop: () => void;
}

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

export async function startServer(extraEnv: Record<string, string> = {}, timeoutMs = 10 * 60 * 1000): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-server-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_PATH: path.join(dataDir, "data", "intake.db"),
    KEYS_DIR: path.join(dataDir, "keys"),
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
  const child = spawn(process.execPath, ["bin/run.mjs", "scripts/serve.ts"], { cwd: process.cwd(), env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} before it was healthy`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`The server was not healthy within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, databasePath: env.DATABASE_PATH, keysDir: env.KEYS_DIR, stop };
}

import { spawn, spawnSync } from "node:child_process";
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
  dataDir: string;
  /** The process actually serving HTTP (scripts/http-server.mjs), not the npm-style wrapper. */
  httpServerPid: () => number | undefined;
  stop: (options?: { keepData?: boolean }) => void;
}

interface StartOptions {
  /** Reuse a data directory (a restart after a crash). */
  dataDir?: string;
  /** Collect everything the server prints, instead of passing it through. */
  output?: string[];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startServer(extraEnv: Record<string, string> = {}, options: StartOptions = {}, timeoutMs = 10 * 60 * 1000): Promise<RunningServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "intake-server-"));
  // A spec may choose the port (to set PUBLIC_ORIGIN to the address it will serve on).
  const port = extraEnv.PORT ? Number(extraEnv.PORT) : await freePort();
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
  const output = options.output;
  const child = spawn(process.execPath, ["bin/run.mjs", "scripts/serve.ts"], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", output ? "pipe" : "inherit", output ? "pipe" : "inherit"],
    detached: true,
  });
  if (output) {
    child.stdout?.on("data", (c: Buffer) => output.push(c.toString("utf8")));
    child.stderr?.on("data", (c: Buffer) => output.push(c.toString("utf8")));
  }
  const stop = (stopOptions: { keepData?: boolean } = {}) => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    if (stopOptions.keepData) return;
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.off("exit", onExit); // nothing left to clean up (a bench starts dozens of servers)
  };
  const onExit = () => stop();
  process.on("exit", onExit);
  const httpServerPid = () => {
    const found = spawnSync("pgrep", ["-P", String(child.pid), "-f", "http-server.mjs"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
    return found ? Number(found) : undefined;
  };
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
  return { baseUrl, databasePath: env.DATABASE_PATH, keysDir: env.KEYS_DIR, dataDir, httpServerPid, stop };
}

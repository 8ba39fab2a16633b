/**
 * `npm start`: validates configuration, prepares secrets and the database, builds the app when the
 * build is missing or older than the sources, then serves it with `next start`.
 * `npm run dev` does the same with `next dev`.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "@/lib/config";
import { prepareServer } from "@/lib/server/prepare-server";
import { closeDatabases } from "@/db/prepare-database";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "lib", "db", "instrumentation.ts", "proxy.ts", "next.config.js", "scripts/security-headers.mjs", "package-lock.json"];
  return sources.some((s) => newestMtime(s) > built);
}

let config;
try {
  config = await prepareServer();
  await closeDatabases();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    console.error("The server did not start. Fix the variables above (see the configuration table in README.md).");
    process.exit(78);
  }
  throw error;
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!dev && buildIsStale()) {
  console.log("Building the app (first start or sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
{
  // The PDF render thread is bundled outside Next (a fraction of a second), so it always matches the sources.
  const worker = spawnSync(process.execPath, [path.join(root, "scripts", "build-pdf-worker.mjs")], { stdio: "inherit", env });
  if (worker.status !== 0) process.exit(worker.status ?? 1);
}

console.log(`Serving the intake for ${config.clinicName} on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`);
const flags = [...(dev ? ["--dev"] : []), ...(config.trustProxy ? ["--trust-proxy"] : [])];
const child = spawn(process.execPath, [path.join(root, "scripts", "http-server.mjs"), ...flags], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: dev ? "development" : "production", PORT: String(config.port), HOST: config.host },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

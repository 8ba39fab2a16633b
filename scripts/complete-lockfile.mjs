#!/usr/bin/env node
// The npm registry mirror reachable here lacks Next's macOS and Windows SWC binaries, so
// `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock file.
// This adds the missing optional, platform-restricted entries (never installed on Linux), so
// `npm ci` works on a clean machine. Run it after any `npm install` that changes next.
import fs from "node:fs";

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const next = lock.packages["node_modules/next"];
let added = 0;
for (const [name, range] of Object.entries(next.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  const platform = /^@next\/swc-(darwin|win32|linux)-(arm64|x64)/.exec(name);
  if (lock.packages[key] || !platform) continue;
  lock.packages[key] = { version: range, cpu: [platform[2]], license: "MIT", optional: true, os: [platform[1]], engines: { node: ">= 10" } };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)));
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`complete-lockfile: added ${added} optional platform entries`);

#!/usr/bin/env node
// The one launcher for the project's TypeScript CLIs: `node bin/run.mjs scripts/NAME.ts [args…]`.
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register as registerTsx } from "tsx/esm/api";

register("./server-only-hooks.mjs", import.meta.url);
registerTsx();

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: node bin/run.mjs SCRIPT.ts [args…]");
  process.exit(1);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
await import(pathToFileURL(path.resolve(script)).href);

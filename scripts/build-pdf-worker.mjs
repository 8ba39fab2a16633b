/**
 * Bundles the PDF render thread (lib/pdf/pdf-worker-entry.ts and what it imports from lib/) into
 * .pdf-worker/pdf-worker.mjs with esbuild. Packages stay external and load from node_modules.
 * Run by `npm run build` and by `npm start` whenever the build is stale.
 */
import path from "node:path";
import { build } from "esbuild";

const root = process.cwd();
await build({
  entryPoints: [path.join(root, "lib", "pdf", "pdf-worker-entry.ts")],
  outfile: path.join(root, ".pdf-worker", "pdf-worker.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  jsx: "automatic",
  alias: { "@": root },
  logLevel: "warning",
});
console.log("Built .pdf-worker/pdf-worker.mjs");

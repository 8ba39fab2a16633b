/** Writes the generated docs, or with --check exits 1 when a committed one is stale. */
import fs from "node:fs";
import path from "node:path";
import { generatedDocs } from "@/lib/generated-docs";

const check = process.argv.includes("--check");
let stale = 0;
for (const [file, render] of Object.entries(generatedDocs)) {
  const text = render();
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current === text) continue;
  if (check) {
    console.error(`${file} is stale: run npm run docs:generate`);
    stale++;
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale > 0 ? 1 : 0);

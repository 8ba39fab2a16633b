import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// npm audit cannot reach its endpoint here; this holds the floor the 2025–26 advisories set.
const MINIMUMS: Record<string, string> = { next: "16.3.4", react: "19.2.8", "react-dom": "19.2.8", "better-sqlite3": "12.11.0", "better-auth": "1.7.25" };

function atLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

describe("installed dependency versions", () => {
  it.each(Object.entries(MINIMUMS))("%s is at least %s", (name, minimum) => {
    // Read from node_modules directly: some packages (better-auth) do not export their package.json.
    const { version } = JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")) as { version: string };
    expect(atLeast(version, minimum), `${name} ${version}`).toBe(true);
  });

  it("Node.js is at least 20.9 (the floor package.json declares)", () => {
    expect(atLeast(process.versions.node, "20.9.0"), process.versions.node).toBe(true);
  });
});

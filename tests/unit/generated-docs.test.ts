import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedDocs } from "@/lib/generated-docs";

describe("generated documentation", () => {
  it.each(Object.keys(generatedDocs))("%s is current (run npm run docs:generate if not)", (file) => {
    expect(fs.readFileSync(file, "utf8")).toBe(generatedDocs[file]!());
  });
});

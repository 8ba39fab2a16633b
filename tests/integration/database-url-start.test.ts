import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, resetConfigForTests } from "@/lib/config";
import { prepareServer } from "@/lib/server/prepare-server";

/** Until the features run on PostgreSQL, a DATABASE_URL must stop the start, never be ignored. */

afterEach(() => {
  delete process.env.DATABASE_URL;
  resetConfigForTests();
});

describe("starting with DATABASE_URL", () => {
  it("refuses with a message naming the variable and never the password, rather than serving SQLite", async () => {
    process.env.DATABASE_URL = "postgres://intake_app:s3cret-Pa55word@db.example.org:5432/intake";
    resetConfigForTests();
    const error = await prepareServer(() => {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^  - DATABASE_URL: serving on PostgreSQL is not finished in this version/m);
    expect(String((error as Error).message) + String((error as Error).stack)).not.toContain("s3cret-Pa55word");
  });
});

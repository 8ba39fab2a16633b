import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

describe("better-sqlite3 native binding", () => {
  it("opens an in-memory database (fails loudly if npm skipped the native build)", () => {
    const db = new Database(":memory:");
    expect(db.prepare("select sqlite_version() as v").get()).toMatchObject({ v: expect.stringMatching(/^3\./) });
    db.close();
  });
});

import { describe, expect, it, vi } from "vitest";
import { logServerError } from "@/lib/server/log";

describe("server error log", () => {
  it("records the event, error class and code, never the message or other text", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = Object.assign(new Error("UNIQUE failed: zoe.belanger@example.org"), { code: "SQLITE_CONSTRAINT_UNIQUE" });
    logServerError("intake.store_failed", error);
    logServerError("intake.store_failed", Object.assign(new Error("x"), { name: "Zoë Bélanger", code: "416-555-0142 call me" }));
    // drizzle's wrapper: its message quotes the query's parameters; the driver's code is on the cause.
    logServerError("intake.store_failed", Object.assign(new Error("Failed query: params: zoe.belanger@example.org"), { name: "DrizzleQueryError", cause: { code: "53100" } }));
    const lines = spy.mock.calls.map((c) => String(c[0]));
    spy.mockRestore();
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", event: "intake.store_failed", error: "Error", code: "SQLITE_CONSTRAINT_UNIQUE" });
    expect(JSON.parse(lines[2]!)).toMatchObject({ error: "DrizzleQueryError", code: "53100" });
    for (const text of ["belanger", "Bélanger", "416-555", "UNIQUE failed"]) expect(lines.join("\n")).not.toContain(text);
  });
});

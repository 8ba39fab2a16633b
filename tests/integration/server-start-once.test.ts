import { afterAll, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";
import { useMigratedDatabase } from "../support/database";

useMigratedDatabase();

describe("server start-up", () => {
  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("runs once per process, however often Next calls register(): one set of announcements, one retention timer", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.useFakeTimers();
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    await register();
    const first = [...lines];
    expect(first.some((l) => l.includes("No therapist account exists yet"))).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    await register();
    expect(lines).toEqual(first);
    expect(vi.getTimerCount()).toBe(1);
  });
});

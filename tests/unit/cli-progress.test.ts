import { describe, expect, it } from "vitest";
import { formatDuration, formatProgress, isCi, startProgress, withProgress } from "@/lib/cli/progress";

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe("CLI progress", () => {
  it("formats done of total, the percentage and the time left from the rate so far", () => {
    expect(formatProgress("Re-encrypting values", 1200, 5000, 4000)).toBe("Re-encrypting values: 1,200 of 5,000 (24%), about 13 s left");
    expect(formatProgress("Copying pages", 0, 800, 50)).toBe("Copying pages: 0 of 800 (0%)");
    expect(formatProgress("Copying pages", 800, 800, 9000)).toBe("Copying pages: 800 of 800 (100%)");
    expect(formatProgress("Copying pages", 900, 800, 9000)).toBe("Copying pages: 800 of 800 (100%)");
    expect(formatProgress("Nothing", 0, 0, 0)).toBe("Nothing: 0 of 0 (100%)");
  });

  it("writes durations in seconds, minutes and hours", () => {
    expect(formatDuration(10)).toBe("1 s");
    expect(formatDuration(59_000)).toBe("59 s");
    expect(formatDuration(61_000)).toBe("1 min 1 s");
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe("2 h 5 min");
  });

  it("redraws one line in a terminal, at most once per interval, and ends it with a newline", () => {
    const { stream, written } = terminal(true);
    let clock = 0;
    const progress = startProgress("Seeding intakes", 100, { stream, env: {}, now: () => clock, intervalMs: 200 });
    clock = 100;
    progress.update(10);
    clock = 150;
    progress.update(20); // within the interval: not drawn
    clock = 400;
    progress.update(50);
    clock = 450;
    progress.update(100); // the last one always draws
    progress.update(100); // once
    progress.finish();
    progress.finish();
    expect(written).toEqual([
      "\rSeeding intakes: 10 of 100 (10%), about 1 s left\x1b[K",
      "\rSeeding intakes: 50 of 100 (50%), about 1 s left\x1b[K",
      "\rSeeding intakes: 100 of 100 (100%)\x1b[K",
      "\n",
    ]);
  });

  it("stays quiet when stderr is not a terminal, and in CI even on a terminal", () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: "true" }],
      [true, { CI: "1" }],
    ] as const) {
      const { stream, written } = terminal(isTTY);
      const progress = startProgress("Backing up", 10, { stream, env });
      progress.update(5);
      progress.update(10);
      progress.finish();
      expect(written).toEqual([]);
    }
    expect(isCi({ CI: "false" })).toBe(false);
    expect(isCi({ CI: "" })).toBe(false);
    expect(isCi({})).toBe(false);
  });

  it("shows nothing when there is nothing to do", () => {
    const { stream, written } = terminal(true);
    const progress = startProgress("Re-encrypting values", 0, { stream, env: {} });
    progress.update(0);
    progress.finish();
    expect(written).toEqual([]);
  });
});

describe("withProgress", () => {
  it("ends the line when the work returns, throws or rejects", async () => {
    const { stream, written } = terminal(true);
    const options = { stream, env: {}, intervalMs: 0 };
    expect(withProgress("Sync", 2, (update) => (update(2), "done"), options)).toBe("done");
    expect(() => withProgress("Throws", 2, (update) => { update(1); throw new Error("stop"); }, options)).toThrow("stop");
    await expect(withProgress("Rejects", 2, async (update) => { update(1); throw new Error("later"); }, options)).rejects.toThrow("later");
    expect(written.filter((t) => t === "\n")).toHaveLength(3);
    expect(written.at(-2)).toMatch(/^\rRejects: 1 of 2 \(50%\)/);
  });
});

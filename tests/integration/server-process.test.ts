import { spawn, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getIntakeById } from "@/lib/intake/intake-record";
import { useMigratedDatabase } from "../support/database";

useMigratedDatabase();

const launcher = ["bin/run.mjs"];

describe("start-up configuration", () => {
  it.each([
    ["PORT", "not-a-port"],
    ["CLINIC_TIME_ZONE", "Mars/Olympus_Mons"],
    ["CRISIS_NUMBERS", "{not json"],
    ["INTAKE_API_KEY", "short"],
    ["REQUIRE_EXTERNAL_KEYS", "yes please"],
    ["COURSE_THRESHOLDS", '{"doseCeiling":2}'],
  ])("refuses to start when %s is %j, naming it, with a non-zero exit", (name, value) => {
    const result = spawnSync(process.execPath, [...launcher, "scripts/serve.ts"], {
      env: { ...process.env, [name]: value },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(name);
    expect(result.stdout).not.toContain("Serving");
  });

  it("refuses to start without external keys when REQUIRE_EXTERNAL_KEYS=true", () => {
    const result = spawnSync(process.execPath, [...launcher, "scripts/serve.ts"], {
      env: { ...process.env, REQUIRE_EXTERNAL_KEYS: "true" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain("ENCRYPTION_KEYS: required because REQUIRE_EXTERNAL_KEYS=true");
  });
});

describe("crash safety", () => {
  it("keeps an acknowledged intake when the process is killed right after answering", async () => {
    const child = spawn(process.execPath, [...launcher, "tests/support/submit-then-hang.ts"], { env: process.env });
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.trim());
      });
      child.on("exit", (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill("SIGKILL");
    expect(line.startsWith("201 ")).toBe(true);
    const { id } = JSON.parse(line.slice(4));
    expect((await getIntakeById(id))!.answers.goals).toBe("Acknowledged before the crash");
  });
});

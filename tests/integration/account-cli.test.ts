import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { rawRows } from "../support/either-database";

const run = (script: string, args: string[], input?: string) =>
  spawnSync(process.execPath, ["bin/run.mjs", `scripts/${script}.ts`, ...args], { input, encoding: "utf8", env: process.env, timeout: 60_000 });

describe("npm run users", () => {
  it("creates an account from a password on standard input and prints the otpauth:// enrolment", () => {
    const result = run("users", ["create", "--email", "Ana.Lee@Clinic.example", "--name", "Dr Ana Lee"], "tidal furnace orbit 73 velvet\n");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^otpauth:\/\/totp\/Ketamine%20intake:ana\.lee%40clinic\.example\?secret=[A-Z2-7]{20,}&issuer=Ketamine\+intake&digits=6&period=30$/m);
    expect(run("users", ["list"]).stdout).toMatch(/^ana\.lee@clinic\.example\tDr Ana Lee\tactive\t2FA enrolled\tlast sign-in never$/m);
  });

  it("refuses weak passwords and bad arguments with exit 2, naming the problem", () => {
    const weak = run("users", ["create", "--email", "b@clinic.example", "--name", "B"], "password1234\n");
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/too easy to guess/);
    const short = run("users", ["create", "--email", "b@clinic.example", "--name", "B"], "short\n");
    expect(short.stderr).toMatch(/at least 12 characters/);
    const bad = run("users", ["create", "--email", "not-an-email", "--name", "B"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^--email: must be an e-mail address/m);
    expect(run("users", ["frobnicate"]).status).toBe(2);
    expect(run("users", ["disable", "--email", "nobody@clinic.example"]).stderr).toMatch(/No account with the e-mail/);
  });

  it("disables, enables, resets the password and the second factor", () => {
    expect(run("users", ["disable", "--email", "ana.lee@clinic.example"]).stdout).toMatch(/disabled; its sessions have ended/);
    expect(run("users", ["list"]).stdout).toMatch(/\tdisabled\t/);
    expect(run("users", ["enable", "--email", "ana.lee@clinic.example"]).status).toBe(0);
    expect(run("users", ["reset-password", "--email", "ana.lee@clinic.example"], "copper lantern meadow 58 drift\n").status).toBe(0);
    const reset = run("users", ["reset-2fa", "--email", "ana.lee@clinic.example"]);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/^otpauth:\/\//m);
  });
});

describe("npm run audit -- verify", () => {
  it("passes on an intact log and fails, naming the first broken event, after a row is changed", async () => {
    const ok = run("audit", ["verify"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Audit log intact: \d+ events/);
    await rawRows("update audit_events set actor_email = 'someone-else@clinic.example' where seq = 2");
    closeDb();
    const broken = run("audit", ["verify"]);
    expect(broken.status).toBe(3);
    expect(broken.stderr).toMatch(/^Audit log BROKEN at event 2: its content does not match its HMAC/);
    expect(run("audit", []).status).toBe(2);
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { listCourseTimeline } from "@/lib/course-records";
import { getConfig } from "@/lib/config";
import { DEMO_CLIENTS } from "@/lib/demo/clients";
import { useMigratedDatabase } from "../support/database";
import { rawRows } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullIntakeV2 } from "../fixtures/intakes";

useMigratedDatabase();

// The child inherits DATABASE_PATH and KEYS_DIR (and DATABASE_URL in the postgres project). About 20 s a
// run alone on SQLite; under a loaded 2-core machine a run on PostgreSQL took 116 s, hence the timeouts.
const demo = (...args: string[]) => {
  closeDb(); // the child writes the same SQLite file
  return spawnSync(process.execPath, ["bin/run.mjs", "scripts/demo.ts", ...args], { encoding: "utf8", env: process.env, timeout: 300_000 });
};
const count = async (table: string) => Number((await rawRows<{ n: number | string }>(`select count(*) as n from ${table}`))[0]!.n);
const reader = { userId: "u-demo-test", email: "reader@clinic.example", ipAddress: null };
const SPEC_SESSIONS = DEMO_CLIENTS.reduce((n, c) => n + (c.course?.sessions ?? 0), 0);

describe("npm run demo", () => {
  it("names an unknown option and a value given to a flag, exit 2, and writes nothing", async () => {
    const bad = demo("--frobnicate", "--again=yes");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^--frobnicate: unknown option$/m);
    expect(bad.stderr).toMatch(/^--again: takes no value$/m);
    expect(await count("intakes")).toBe(0);
  });

  it("seeds the fictional clinic through the features: counts printed and stored, flags stored, encrypted, audited", { timeout: 330_000 }, async () => {
    const run = demo();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}24 intakes \(version 2\)$/m);
    expect(run.stdout).toMatch(/^ {2}22 courses: 7 acute, 6 maintenance, 9 ended$/m);
    expect(run.stdout).toContain(`  ${SPEC_SESSIONS} session records with `);
    expect(run.stdout).toMatch(/1 urgent check-in\(s\) awaiting acknowledgement/);
    expect(await count("intakes")).toBe(24);
    expect(await count("courses")).toBe(22);
    expect(await count("course_sessions")).toBe(SPEC_SESSIONS);
    expect(await count("checkins")).toBe(SPEC_SESSIONS); // a check-in after each session
    const phases = await rawRows<{ phase: string; end_reason: string | null }>("select phase, end_reason from courses");
    expect(phases.filter((p) => p.end_reason === "stopped_adverse_event")).toHaveLength(1);
    expect(new Set(phases.map((p) => p.phase))).toEqual(new Set(["acute", "maintenance", "ended"]));
    // The flags as the course page reads them (decrypted).
    const ids = await rawRows<{ id: string }>("select id from courses");
    const flags: string[] = [];
    const outcomes: string[] = [];
    let waiting = 0;
    for (const { id } of ids) {
      const timeline = await listCourseTimeline(id, reader);
      outcomes.push(timeline.assessment.outcome);
      for (const e of timeline.entries) {
        flags.push(...(e.kind === "session" ? e.current.flags : e.flags).map((f) => f.id));
        if (e.kind === "checkin" && e.needsAcknowledgement && !e.acknowledgedAt) waiting++;
      }
    }
    expect(waiting).toBe(1);
    expect(flags).toEqual(expect.arrayContaining(["SWITCH_SIGNS", "PRE_DOSE_BP_ELEVATED", "BP_RISE", "HEMODYNAMIC_EVENT", "CHECKIN_ACTIVE_RISK", "HOME_BP_ELEVATED"]));
    expect(new Set(outcomes)).toEqual(new Set(["remission", "response", "partial_response", "no_response", "not_measurable"]));
    expect((await verifyAuditEventChain()).ok).toBe(true);
    const actions = (await rawRows<{ action: string }>("select action from audit_events")).map((a) => a.action);
    expect(actions.filter((a) => a === "course.start")).toHaveLength(22);
    expect(actions.filter((a) => a === "checkin.submit")).toHaveLength(SPEC_SESSIONS);
    if (currentDialect() === "sqlite") {
      closeDb();
      // Names, e-mails and answers are encrypted like real data: none in the file in clear.
      const file = fs.readFileSync(getConfig().databasePath).toString("latin1");
      expect(file.includes("Demo Client"), "a name in clear").toBe(false);
      expect(file.includes("demo-client-"), "an e-mail in clear").toBe(false);
    }
  });

  it("refuses a second run (exit 3) and creates nothing", async () => {
    const again = demo();
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/^Refused: demo data is already here \(24 demo intakes, 1 run\(s\)\)\. Add --again/m);
    expect(await count("intakes")).toBe(24);
  });

  it("refuses a database holding an intake that is not demo data even with --again; --force adds a second set of new clients", { timeout: 330_000 }, async () => {
    expect((await postIntake(fullIntakeV2({}, { submittedAt: undefined }))).status).toBe(201);
    const refused = demo("--again");
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/^Refused: this database holds 1 intake\(s\) that are not demo data/m);
    expect(await count("intakes")).toBe(25);
    const forced = demo("--again", "--force");
    expect(forced.stderr).toBe("");
    expect(forced.stdout).toMatch(/^Demo data created \(set 2\)/m);
    expect(await count("intakes")).toBe(49);
    expect(await count("courses")).toBe(44);
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { createPostgres } from "@/db/pg-client";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { appendPgAuditEvent } from "@/db/transaction";
import { anchorAtStartOnPostgres, forgetAnchorStateForTests, readAnchorFile } from "@/lib/audit/audit-anchor";
import { recordAuditEvent, verifyAuditLogOnPostgres } from "@/lib/audit/audit-log";
import { usePostgresDatabase } from "@/tests/support/postgres-database";

/**
 * The audit log on PostgreSQL (DATABASE_URL set for this file, a throw-away cluster): appends move
 * the signed anchor after their commit, the start-up anchoring records itself in the chain, and
 * `npm run audit -- verify` walks the chain on PostgreSQL and compares it with the anchor.
 */

const anchorFile = () => path.join(process.env.KEYS_DIR!, "audit-anchor.json");
const anchorSeq = () => (JSON.parse(fs.readFileSync(anchorFile(), "utf8")) as { seq: number }).seq;
const verifyCli = () =>
  spawnSync(process.execPath, ["bin/run.mjs", "scripts/audit.ts", "verify"], { encoding: "utf8", env: { ...process.env, DATABASE_URL: cluster().url }, timeout: 60_000 });

async function sql(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: cluster().url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

const view = (i: number) => ({ action: "intake.view" as const, actorUserId: `u${i}`, actorEmail: "dr@clinic.example", intakeId: `i${i}` });

const cluster = usePostgresDatabase();


describe("the audit log on PostgreSQL", () => {
  it("anchors at start (recorded in the chain), moves the anchor after every committed append, and verifies intact after concurrent appends from two pools", async () => {
    expect(await anchorAtStartOnPostgres()).toBeNull();
    expect(anchorSeq()).toBe(1);
    const [created] = (await sql("select action, detail from audit_events where seq = 1")).rows;
    expect(created).toMatchObject({ action: "audit.anchor_created", detail: JSON.stringify({ reason: "first_start", eventsBefore: 0 }) });

    await recordAuditEvent(view(0));
    expect(anchorSeq()).toBe(2);

    // Two instances: this process (recordAuditEvent and the repositories) and a second pool.
    const second = createPostgres(cluster().url);
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          if (i % 2 === 1) return second.db.transaction((tx) => appendPgAuditEvent(tx, view(i)));
          return i % 4 === 0 ? recordAuditEvent(view(i)) : appendAuditEvents([view(i)]);
        }),
      );
    } finally {
      await second.close();
    }
    // The other instance's appends do not move this process's anchor; the next append here does.
    await recordAuditEvent(view(99));
    expect(anchorSeq()).toBe(43);
    expect(await verifyAuditLogOnPostgres()).toMatchObject({ status: "intact", checked: 43, pastAnchor: 0 });
    const cli = verifyCli();
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^Audit log intact: 43 events, every link verified; the newest matches the anchor/);
  }, 60_000);

  it("puts back the anchor this process remembers when the file disappears, then moves it on", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      fs.rmSync(anchorFile());
      await recordAuditEvent(view(100));
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/disappeared; put back the one this process wrote last \(event 43\)/));
    } finally {
      warn.mockRestore();
    }
    expect(anchorSeq()).toBe(44);
    expect(await verifyAuditLogOnPostgres()).toMatchObject({ status: "intact", checked: 44 });
  });

  it("reports a deleted tail as truncated and does not move the anchor over the gap; an edited row as broken", async () => {
    const saved = fs.readFileSync(anchorFile());
    await sql("delete from audit_events where seq > 40");
    const truncated = verifyCli();
    expect(truncated.status).toBe(3);
    expect(truncated.stderr).toMatch(/^Audit log TRUNCATED: the anchor .* records 44 events .*; the database ends at event 40: the 4 newest events are missing\./m);

    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await recordAuditEvent(view(101));
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/Audit anchor not moved: the anchor at .* records event 44 but the database ends at event 41/));
    } finally {
      error.mockRestore();
    }
    expect(fs.readFileSync(anchorFile())).toEqual(saved);

    await sql("update audit_events set actor_user_id = 'someone-else' where seq = $1", [7]);
    const broken = verifyCli();
    expect(broken.status).toBe(3);
    expect(broken.stderr).toMatch(/^Audit log BROKEN at event 7: its content does not match its HMAC/);
    expect(await verifyAuditLogOnPostgres()).toMatchObject({ status: "broken", brokenAt: 7, checked: 6 });
  }, 60_000);

  it("a missing anchor at the next start is created again, recorded, and verify reports it from then on", async () => {
    await sql("truncate audit_events");
    forgetAnchorStateForTests();
    fs.rmSync(anchorFile());
    expect(await anchorAtStartOnPostgres()).toBeNull();
    await recordAuditEvent(view(1));
    expect(readAnchorFile().state).toBe("valid");
    expect(await verifyAuditLogOnPostgres()).toMatchObject({ status: "intact", checked: 2 });

    // A restart (a new process) without the anchor file.
    forgetAnchorStateForTests();
    fs.rmSync(anchorFile());
    expect(await anchorAtStartOnPostgres()).toMatch(/^WARNING: the audit anchor .* was missing: created it again \(event 3\)/);
    expect(await verifyAuditLogOnPostgres()).toMatchObject({ status: "anchor_recreated", at: 3 });
    const cli = verifyCli();
    expect(cli.status).toBe(4);
  }, 60_000);
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/audit-log";
import { forgetAnchorStateForTests } from "@/lib/audit/audit-anchor";
import { useMigratedDatabase } from "../support/database";

useMigratedDatabase();

const run = (script: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ["bin/run.mjs", `scripts/${script}.ts`, ...args], { encoding: "utf8", env, timeout: 60_000 });

// The default place: next to the keys, outside the database's directory.
const anchorFile = () => path.join(process.env.KEYS_DIR!, "audit-anchor.json");

/** Appends events the way the app does; the anchor is written once the call stack unwinds. */
async function record(n: number) {
  for (let i = 0; i < n; i++) await recordAuditEvent({ action: "intake.view", actorUserId: "u1", actorEmail: "dr@clinic.example", intakeId: `i${i}` });
  await new Promise((resolve) => setImmediate(resolve));
}

function rawSql(sql: string) {
  const db = new Database(process.env.DATABASE_PATH!);
  db.prepare(sql).run();
  db.close();
}

describe("the audit log's head is anchored outside the database", () => {
  it("writes a signed anchor after each append, and verify reports a deleted tail, naming what is missing", async () => {
    await record(6);
    const anchor = JSON.parse(fs.readFileSync(anchorFile(), "utf8"));
    // The first anchoring is itself recorded (event 1), then the six appends.
    expect(anchor).toMatchObject({ seq: 7, count: 7 });
    expect((fs.statSync(anchorFile()).mode & 0o777).toString(8)).toBe("600");
    const ok = run("audit", ["verify"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Audit log intact: 7 events, every link verified; the newest matches the anchor/);

    const saved = fs.readFileSync(anchorFile());
    rawSql("delete from audit_events where seq > 5");
    const truncated = run("audit", ["verify"]);
    expect(truncated.status).toBe(3);
    expect(truncated.stderr).toMatch(/^Audit log TRUNCATED: the anchor .* records 7 events \(the last is event 7, hash [\w-]{12}…\); the database ends at event 5: the 2 newest events are missing\./m);

    // Appending after the deletion must not move the anchor over the gap.
    await record(3);
    expect(fs.readFileSync(anchorFile())).toEqual(saved);
    expect(run("audit", ["verify"]).stderr).toMatch(/^Audit log BROKEN at event 7: it is not the event the anchor recorded/);

    rawSql("delete from audit_events");
    const emptied = run("audit", ["verify"]);
    expect(emptied.status).toBe(3);
    expect(emptied.stderr).toMatch(/the database has no events: the 7 newest events are missing/);
  });

  it("cannot be made to bless a cut tail by deleting it: a running server puts back what it anchored, a restart records the re-creation", async () => {
    rawSql("delete from audit_events");
    fs.rmSync(anchorFile());
    forgetAnchorStateForTests(); // a fresh installation
    await record(5); // events 1 (first anchoring) to 6
    rawSql("delete from audit_events where seq > 4"); // the cut
    fs.rmSync(anchorFile()); // and the evidence
    await record(1); // any event: the server writes back what it last anchored (event 6), not the cut head
    expect(JSON.parse(fs.readFileSync(anchorFile(), "utf8"))).toMatchObject({ seq: 6 });
    expect(run("audit", ["verify"]).status).toBe(3);

    // Removed again, and the server restarted: the new anchor's creation is in the chain, and verify says so for good.
    fs.rmSync(anchorFile());
    forgetAnchorStateForTests();
    const { prepareServer } = await import("@/lib/server/prepare-server");
    const lines: string[] = [];
    await prepareServer((line) => lines.push(line));
    expect(lines.join("\n")).toMatch(/WARNING: the audit anchor .* was missing: created it again .* recorded that in the audit log/);
    const after = run("audit", ["verify"]);
    expect(after.status).toBe(4);
    expect(after.stderr).toMatch(/the anchor was missing and was created again at event \d+ .*newest events deleted before then cannot be ruled out/);
  });

  it("refuses an anchor whose seq or hash was edited, and one that is not an anchor at all", async () => {
    rawSql("delete from audit_events");
    fs.rmSync(anchorFile());
    forgetAnchorStateForTests();
    await record(4);
    const anchor = JSON.parse(fs.readFileSync(anchorFile(), "utf8"));
    rawSql("delete from audit_events where seq > 2");
    fs.writeFileSync(anchorFile(), JSON.stringify({ ...anchor, seq: 2, count: 2 }));
    const forgedSeq = run("audit", ["verify"]);
    expect(forgedSeq.status).toBe(3);
    expect(forgedSeq.stderr).toMatch(/^Audit anchor INVALID at .*audit-anchor\.json: its signature does not match/m);

    const row2 = (new Database(process.env.DATABASE_PATH!).prepare("select hmac from audit_events where seq = 2").get() as { hmac: string }).hmac;
    fs.writeFileSync(anchorFile(), JSON.stringify({ ...anchor, seq: 2, count: 2, hash: row2 }));
    expect(run("audit", ["verify"]).stderr).toMatch(/its signature does not match/);

    fs.writeFileSync(anchorFile(), "{not json");
    const garbage = run("audit", ["verify"]);
    expect(garbage.status).toBe(3);
    expect(garbage.stderr).toMatch(/Audit anchor INVALID .*: it is not an anchor file \(not JSON\)/);
    fs.writeFileSync(anchorFile(), JSON.stringify({ ...anchor, seq: "two" }));
    expect(run("audit", ["verify"]).stderr).toMatch(/seq: /);
  });

  it("still verifies when the database is ahead of the anchor (a crash between commit and anchor write)", async () => {
    rawSql("delete from audit_events");
    fs.rmSync(anchorFile());
    forgetAnchorStateForTests();
    await record(3);
    const behind = fs.readFileSync(anchorFile());
    await record(2);
    fs.writeFileSync(anchorFile(), behind);
    const result = run("audit", ["verify"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Audit log intact: 6 events, every link verified; the anchor records event 4, and the 2 events after it link to it/);
    // The next append moves it forward again.
    await record(1);
    expect(JSON.parse(fs.readFileSync(anchorFile(), "utf8"))).toMatchObject({ seq: 7 });
  });

  it("warns when a log from before anchors has events but no anchor, and the server's start creates it from the current head, once", async () => {
    // A log written by a version without anchors: events, no anchor, no record of an anchoring.
    rawSql("delete from audit_events");
    fs.rmSync(anchorFile());
    getDb().transaction((tx) => {
      for (let i = 0; i < 6; i++) appendAuditEvent(tx, { action: "intake.view", actorUserId: "u1", intakeId: `old${i}` });
    });
    forgetAnchorStateForTests(); // that version wrote no anchor after those appends
    await new Promise((resolve) => setImmediate(resolve));
    expect(fs.existsSync(anchorFile())).toBe(false);
    const missing = run("audit", ["verify"]);
    expect(missing.status).toBe(4);
    expect(missing.stderr).toMatch(/^Audit log chain intact \(6 events\), but there is no anchor at .*audit-anchor\.json: a deleted tail could not be detected/m);
    const { prepareServer } = await import("@/lib/server/prepare-server");
    const lines: string[] = [];
    await prepareServer((line) => lines.push(line));
    expect(lines.join("\n")).toMatch(/No audit anchor was found at .*audit-anchor\.json: created one from the current head \(event 7\), the first since upgrading/);
    expect(run("audit", ["verify"]).status).toBe(0);
  });

  it("refuses an anchor path inside the database's directory", () => {
    const bad = run("audit", ["verify"], { ...process.env, AUDIT_ANCHOR_PATH: path.join(path.dirname(process.env.DATABASE_PATH!), "anchor.json") });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/AUDIT_ANCHOR_PATH: must not be inside the database's directory/);
  });

  it("carries the anchor in each backup: a restore writes it back and verifies; a backup of a cut log is reported", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backups-"));
    const target = path.join(dir, "a.ktbackup");
    const backup = run("backup", [target]);
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(fs.readFileSync(target).includes(Buffer.from('"seq"'))).toBe(false);
    await record(2); // newer than the backup: the anchor moves past what the backup holds

    closeDb();
    const dataDir = path.dirname(process.env.DATABASE_PATH!);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(anchorFile()); // and the anchor is lost with the server
    const restore = run("restore", [target]);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/audit log verified against the anchor in the backup \(event 7\); anchor written to .*audit-anchor\.json/);
    expect(JSON.parse(fs.readFileSync(anchorFile(), "utf8"))).toMatchObject({ seq: 7 });
    expect(run("audit", ["verify"]).status).toBe(0);

    // A database whose tail was deleted before the backup: the backup's own anchor shows it.
    getDb();
    await record(1);
    rawSql("delete from audit_events where seq = 8");
    const cut = run("backup", [path.join(dir, "cut.ktbackup")]);
    expect(cut.status).toBe(3);
    expect(cut.stderr).toMatch(/^Backup written to .*, but its audit log does not verify: Audit log TRUNCATED: .* the 1 newest events are missing/);
    closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const restoreCut = run("restore", [path.join(dir, "cut.ktbackup")]);
    expect(restoreCut.status).toBe(3);
    expect(restoreCut.stderr).toMatch(/^Restored 0 intakes into .* But its audit log does not verify: Audit log TRUNCATED: .* the 1 newest events are missing/);
    expect(run("audit", ["verify"]).status).toBe(3);
  });
});

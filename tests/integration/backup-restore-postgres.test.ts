import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { closePgDb, migratePostgres } from "@/db/pg-client";
import { appendAuditEvents, verifyAuditEventChain } from "@/db/repositories/audit-events";
import { countIntakes, insertIntake, readIntake, type NewIntakeRow } from "@/db/repositories/intakes";
import { resetConfigForTests } from "@/lib/config";
import { newIntakeId, newReferenceCode } from "@/lib/reference-code";
import { usePostgresDatabase } from "@/tests/support/postgres-database";

/**
 * `npm run backup` / `restore` with DATABASE_URL on a throw-away cluster: pg_dump into the encrypted
 * backup format, restore into a recreated empty database, the same intakes readable after.
 */

const CANARY = { name: "Quillon Vantablack-Eszterházy", text: "canary-backup-text-zzqx-9152" };

const cluster = usePostgresDatabase();
const outputs: string[] = [];

function run(script: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, ["bin/run.mjs", `scripts/${script}.ts`, ...args], { encoding: "utf8", env: { PG_BIN_DIR: cluster().binDir, ...env }, timeout: 60_000 });
  outputs.push(r.stdout, r.stderr);
  return r;
}

async function recreateDatabase(): Promise<void> {
  await closePgDb();
  const admin = new pg.Client({ connectionString: cluster().adminUrl });
  await admin.connect();
  try {
    // pool.end() resolves before its sockets are closed: wait for them, so nothing is killed mid-close.
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where datname = $1", [cluster().database]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`drop database "${cluster().database}"`);
    await admin.query(`create database "${cluster().database}" owner "${cluster().user}"`);
    await admin.query(`revoke all on database "${cluster().database}" from public`);
  } finally {
    await admin.end();
  }
}

let n = 0;
function intakeRow(name: string): NewIntakeRow {
  const receivedAt = new Date(Date.UTC(2026, 10, 1, 12, 0, ++n)).toISOString();
  return {
    questionnaireId: "bipolar-depression-intake",
    questionnaireVersion: "1",
    receivedAt,
    submittedAt: receivedAt,
    referenceDate: "2026-11-01",
    contact: { full_name: name, email: `client${n}@example.org`, phone: "416-555-0100" },
    answers: { phq9_1: 2, notes: `${CANARY.text} ${n}` },
    emailKey: `client${n}@example.org`,
    nameTokens: name.toLowerCase().split(/\s+/),
    assessment: { snapshot: { triage: "routine", n }, ruleSetVersion: "r1", triage: "routine", highestSeverity: null, urgent: false, phq9Total: 11, triageRank: 1 },
    needsAcknowledgement: false,
  };
}

describe("npm run backup / restore on PostgreSQL", () => {


  it("dumps encrypted, restores into a recreated empty database with the same intakes; refuses a non-empty database, a changed file and the other kind of backup", async () => {
    const ids: string[] = [];
    for (const name of [CANARY.name, "Łukasz Øster"]) {
      const r = await insertIntake(intakeRow(name), () => ({ id: newIntakeId(), reference: newReferenceCode() }));
      if (r.outcome !== "created") throw new Error(r.outcome);
      ids.push(r.intake.id);
    }
    await appendAuditEvents([{ action: "intake.view", actorUserId: "u1", actorEmail: "dr@clinic.example", intakeId: ids[0] }]);
    const before = await Promise.all(ids.map((id) => readIntake(id)));
    expect(before[0]?.contact.full_name).toBe(CANARY.name);
    expect((await verifyAuditEventChain()).ok).toBe(true);

    // What a DBA's own dump of the live database holds: no name and no free text in plaintext.
    const plainDump = spawnSync(path.join(cluster().binDir, "pg_dump"), ["--format=plain", `--host=${cluster().host}`, `--port=${cluster().port}`, `--username=${cluster().user}`, cluster().database], {
      encoding: "utf8",
      env: { ...process.env, PGPASSWORD: cluster().password },
    });
    expect(plainDump.status).toBe(0);
    expect(plainDump.stdout).toContain("COPY public.intakes");
    for (const plain of [CANARY.name, "Vantablack", CANARY.text, "Łukasz"]) expect(plainDump.stdout.includes(plain), plain).toBe(false);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-backups-"));
    const backup = run("backup", [dir]);
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/PostgreSQL .*2 intakes, dump readable by pg_restore, audit log verified/);
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^intake-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.ktbackup$/);
    const backupFile = path.join(dir, file!);
    const bytes = fs.readFileSync(backupFile);
    expect(bytes.subarray(0, 10).toString()).toBe("KTBACKUP2\n");
    for (const plain of ["PGDMP", "audit_events", "intakes", "Vantablack", CANARY.text, cluster().password]) expect(bytes.includes(Buffer.from(plain))).toBe(false);
    expect((fs.statSync(backupFile).mode & 0o777).toString(8)).toBe("600");
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("intake-backup-"))).toEqual([]);

    // Lose the database.
    await recreateDatabase();
    const restore = run("restore", [backupFile]);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/Restored 2 intakes into PostgreSQL .*verified against the anchor in the backup/);
    expect(await countIntakes()).toBe(2);
    expect(await Promise.all(ids.map((id) => readIntake(id)))).toEqual(before);
    // The one view, and the first anchoring recorded before it (audit.anchor_created).
    expect(await verifyAuditEventChain()).toMatchObject({ ok: true, checked: 2 });

    // Never over a database with tables in it.
    const again = run("restore", [backupFile]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/is not empty: \d+ tables in its public schema/);

    // Never from a changed file: nothing restored.
    const tampered = Buffer.from(bytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 40) ^ 0xff, tampered.length - 40);
    fs.writeFileSync(path.join(dir, "tampered.ktbackup"), tampered);
    await recreateDatabase();
    const bad = run("restore", [path.join(dir, "tampered.ktbackup")]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/could not be decrypted/);
    const check = new pg.Client({ connectionString: cluster().url });
    await check.connect();
    expect((await check.query("select count(*)::int as n from pg_tables where schemaname = 'public'")).rows[0].n).toBe(0);
    await check.end();

    // A SQLite backup is not restored into PostgreSQL (and still made without DATABASE_URL).
    const sqliteEnv = { ...process.env };
    delete sqliteEnv.DATABASE_URL;
    delete process.env.DATABASE_URL;
    resetConfigForTests();
    migrateDatabase(getDb());
    closeDb();
    // The anchor the PostgreSQL restore wrote (its head, event 1) is not this empty SQLite log's.
    fs.rmSync(process.env.AUDIT_ANCHOR_PATH ?? path.join(process.env.KEYS_DIR!, "audit-anchor.json"), { force: true });
    process.env.DATABASE_URL = cluster().url;
    resetConfigForTests();
    const sqliteBackup = run("backup", [path.join(dir, "sqlite.ktbackup")], sqliteEnv);
    expect(sqliteBackup.stderr).toBe("");
    expect(sqliteBackup.status).toBe(0);
    const wrong = run("restore", [path.join(dir, "sqlite.ktbackup")]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/holds a SQLite database; it restores only without DATABASE_URL/);

    // Nor a PostgreSQL backup into SQLite (an empty data directory).
    fs.rmSync(path.dirname(process.env.DATABASE_PATH!), { recursive: true, force: true });
    const intoSqlite = run("restore", [backupFile], sqliteEnv);
    expect(intoSqlite.status).toBe(2);
    expect(intoSqlite.stderr).toMatch(/holds a PostgreSQL dump; it restores only with DATABASE_URL set/);
    expect(fs.existsSync(process.env.DATABASE_PATH!)).toBe(false);

    // The password appears in no output of any run.
    expect(outputs.join("\n")).not.toContain(cluster().password);
  }, 120_000);

  it("gives pg_dump the password only in its PGPASSWORD, never as an argument, and scrubs it from a failing tool's message", async () => {
    await migratePostgres(cluster().url); // the test above leaves an empty database
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pg-bin-"));
    const seen = path.join(bin, "seen");
    // A stand-in pg_dump that records what it was given, then fails quoting the password.
    const script = `#!/bin/sh\nprintf '%s\\n' "$@" > ${seen}.argv\nprintf '%s' "$PGPASSWORD" > ${seen}.env\necho "FATAL: password $PGPASSWORD rejected" >&2\nexit 1\n`;
    for (const tool of ["pg_dump", "pg_restore"]) fs.writeFileSync(path.join(bin, tool), script, { mode: 0o755 });
    const r = run("backup", [path.join(bin, "out.ktbackup")], { ...process.env, PG_BIN_DIR: bin });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/pg_dump failed against 127\.0\.0\.1:\d+, database intake, user intake_app: FATAL: password \*\*\* rejected/);
    expect(fs.readFileSync(`${seen}.env`, "utf8")).toBe(cluster().password);
    const argv = fs.readFileSync(`${seen}.argv`, "utf8");
    expect(argv).toContain(`--dbname=postgresql://intake_app@127.0.0.1:${cluster().port}/intake`);
    expect(argv).not.toContain(cluster().password);
    expect(r.stdout + r.stderr).not.toContain(cluster().password);
    expect(fs.existsSync(path.join(bin, "out.ktbackup"))).toBe(false);
    fs.rmSync(bin, { recursive: true, force: true });
  });
});

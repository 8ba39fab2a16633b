import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { countIntakes, getIntakeById } from "@/lib/intake/intake-record";
import { recordAuditEvent, verifyAuditChain } from "@/lib/audit/audit-log";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";

useMigratedDatabase();

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ["bin/run.mjs", `scripts/${script}.ts`, ...args], { encoding: "utf8", env: process.env, timeout: 60_000 });

describe("npm run backup / restore", () => {
  it("backs up online, encrypted; restores into an empty data directory with the same intakes and an intact audit chain", async () => {
    const ids: string[] = [];
    for (const name of ["Zoë Bélanger-Nguyễn", "Łukasz Øster"]) {
      const r = await postIntake(fullIntake({ full_name: name }, { submittedAt: undefined }));
      ids.push(r.body.id);
    }
    await recordAuditEvent({ action: "intake.view", actorUserId: "u1", actorEmail: "dr@clinic.example", intakeId: ids[0] });
    const before = await Promise.all(ids.map((id) => getIntakeById(id)));
    expect(verifyAuditChain().ok).toBe(true);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backups-"));
    const backup = run("backup", [dir]); // the server could be running: the backup is online
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^intake-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.ktbackup$/);
    const bytes = fs.readFileSync(path.join(dir, file!));
    expect(bytes.includes(Buffer.from("SQLite format 3"))).toBe(false);
    expect(bytes.includes(Buffer.from("Bélanger"))).toBe(false);
    expect(bytes.includes(Buffer.from("audit_events"))).toBe(false);
    expect((fs.statSync(path.join(dir, file!)).mode & 0o777).toString(8)).toBe("600");

    // Lose the data directory.
    closeDb();
    const dataDir = path.dirname(process.env.DATABASE_PATH!);
    fs.rmSync(dataDir, { recursive: true, force: true });

    const restore = run("restore", [path.join(dir, file!)]);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/Restored 2 intakes/);
    getDb();
    expect(await countIntakes()).toBe(2);
    expect(await Promise.all(ids.map((id) => getIntakeById(id)))).toEqual(before);
    expect(verifyAuditChain()).toMatchObject({ ok: true });
    expect(run("audit", ["verify"]).status).toBe(0);

    // Never over an existing database; never from a changed file.
    expect(run("restore", [path.join(dir, file!)]).status).toBe(2);
    const tampered = Buffer.from(bytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 40) ^ 0xff, tampered.length - 40);
    fs.writeFileSync(path.join(dir, "tampered.ktbackup"), tampered);
    closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const bad = run("restore", [path.join(dir, "tampered.ktbackup")]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/could not be decrypted/);
    expect(fs.existsSync(process.env.DATABASE_PATH!)).toBe(false);
  });
});

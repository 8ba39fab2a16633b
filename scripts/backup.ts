/**
 * `npm run backup -- DEST`: an online backup of the database (SQLite's backup API, no need to stop
 * the server), checked with `PRAGMA integrity_check`, written encrypted to DEST (a file, or a
 * directory to get intake-YYYY-MM-DDTHH-MM-SS.ktbackup in it), with the audit anchor (the chain's
 * signed head) inside. Exit 0 done, 2 bad arguments, 1 failure (nothing written); 3 and 4 as
 * `npm run audit -- verify` when the audit log in the copy does not verify (the backup is still written).
 *
 * With DATABASE_URL (PostgreSQL): `pg_dump --format=custom` of the database (online: one snapshot),
 * `pg_restore --list` must read it back, and the live audit chain is verified against the head signed
 * just before the dump (the anchor this backup carries); stored in the same encrypted format,
 * marked as a PostgreSQL dump inside the encrypted part.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { exitWithFailure, exitWithUsage } from "@/lib/cli/exit";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { encryptBackup, writeFileAtomically } from "@/lib/backup/backup-file";
import { readAnchorFile } from "@/lib/audit/audit-anchor";
import { countAuditEvents, describeAuditCheck, verifyAuditLog } from "@/lib/audit/audit-log";
import { withProgress } from "@/lib/cli/progress";
import { signAnchor } from "@/lib/audit/audit-anchor";
import { dumpPostgres, listDump, readPgSnapshot, verifyPgAuditLog } from "@/lib/backup/postgres-backup";
import { describeDatabaseUrl } from "@/lib/database-url";

const dest = process.argv[2];
if (!dest || process.argv.length > 3) {
  exitWithUsage("npm run backup -- DEST   (a file or a directory)");
}
try {
  const config = getConfig();
  const { material } = loadKeyMaterial(config);
  const targetFile = () =>
    fs.existsSync(dest) && fs.statSync(dest).isDirectory() ? path.join(dest, `intake-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.ktbackup`) : dest;
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    // The head signed before the dump: the dump's snapshot is taken after, so it can only be ahead.
    // (The anchor file is maintained by SQLite appends only so far; on PostgreSQL the backup signs the live head.)
    const before = await readPgSnapshot(url);
    const anchor = signAnchor(before.head);
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-backup-"));
    let audit: ReturnType<typeof describeAuditCheck>;
    const target = targetFile();
    try {
      const dump = path.join(tmpDir, "database.pgdump");
      await dumpPostgres(url, dump);
      await listDump(dump);
      // The chain is walked on the live database (at least everything the dump holds), against the signed head.
      audit = describeAuditCheck(await verifyPgAuditLog(url, { state: "valid", anchor }));
      writeFileAtomically(target, encryptBackup({ database: fs.readFileSync(dump), auditAnchor: anchor, dialect: "postgres" }, material.keyRing));
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
    if (!audit.ok) {
      process.stderr.write(`Backup written to ${target} (PostgreSQL, ${before.intakes} intakes), but the audit log does not verify: ${audit.text}\n`);
      process.exit(audit.exitCode);
    }
    console.log(
      `Backup written to ${target} (PostgreSQL ${describeDatabaseUrl(url)}: ${before.intakes} intakes, dump readable by pg_restore, audit log verified up to event ${before.head.seq}, encrypted with key ${material.keyRing.activeId}). Keep the keys directory elsewhere.`,
    );
    process.exit(0);
  }
  if (!fs.existsSync(config.databasePath)) throw new Error(`No database at ${config.databasePath}`);
  // Read before the copy, so the copy can only be ahead of it (appends go on during the backup).
  const anchor = readAnchorFile();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-backup-"));
  const copy = path.join(tmpDir, "copy.db");
  const source = new Database(config.databasePath, { readonly: true, fileMustExist: true });
  await withProgress("Copying the database (pages)", source.pragma("page_count", { simple: true }) as number, (update) =>
    // 100 pages a step, better-sqlite3's default; the last step reports only in the result.
    source.backup(copy, { progress: ({ totalPages, remainingPages }) => (update(totalPages - remainingPages), 100) }).then(({ totalPages }) => update(totalPages)),
  );
  source.close();
  const check = new Database(copy, { readonly: true });
  const integrity = check.pragma("integrity_check", { simple: true });
  const intakes = (check.prepare("select count(*) as n from intakes").get() as { n: number }).n;
  const audit = integrity === "ok" ? describeAuditCheck(withProgress("Verifying the audit log (events)", countAuditEvents(check), (update) => verifyAuditLog(check, anchor, update))) : null;
  check.close();
  if (!audit) throw new Error(`integrity_check on the copy said: ${String(integrity)}`);
  const target = targetFile();
  const contents = { database: fs.readFileSync(copy), auditAnchor: anchor.state === "valid" ? anchor.anchor : null };
  writeFileAtomically(target, encryptBackup(contents, material.keyRing));
  fs.rmSync(tmpDir, { recursive: true, force: true });
  if (!audit.ok) {
    process.stderr.write(`Backup written to ${target} (${intakes} intakes), but its audit log does not verify: ${audit.text}\n`);
    process.exit(audit.exitCode);
  }
  console.log(`Backup written to ${target} (${intakes} intakes, integrity ok, audit log and anchor verified, encrypted with key ${material.keyRing.activeId}). Keep the keys directory elsewhere.`);
} catch (error) {
  exitWithFailure("backup failed", error);
}

/**
 * `npm run backup -- DEST`: an online backup of the database (SQLite's backup API, no need to stop
 * the server), checked with `PRAGMA integrity_check`, written encrypted to DEST (a file, or a
 * directory to get intake-YYYY-MM-DDTHH-MM-SS.ktbackup in it), with the audit anchor (the chain's
 * signed head) inside. Exit 0 done, 2 bad arguments, 1 failure (nothing written); 3 and 4 as
 * `npm run audit -- verify` when the audit log in the copy does not verify (the backup is still written).
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

const dest = process.argv[2];
if (!dest || process.argv.length > 3) {
  exitWithUsage("npm run backup -- DEST   (a file or a directory)");
}
try {
  const config = getConfig();
  const { material } = loadKeyMaterial(config);
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
  const target = fs.existsSync(dest) && fs.statSync(dest).isDirectory() ? path.join(dest, `intake-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.ktbackup`) : dest;
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

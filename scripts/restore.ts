/**
 * `npm run restore -- FILE`: restores an encrypted backup into an empty data directory (the
 * configured DATABASE_PATH must not exist), with the same keys directory. Checks integrity before
 * putting the file in place, then checks the audit log against the anchor carried in the backup and
 * writes the anchor (AUDIT_ANCHOR_PATH) for the restored log. Exit 0 done, 2 bad arguments or a
 * database already there, 1 failure; 3 restored, but the audit log does not verify (as `audit verify`).
 *
 * With DATABASE_URL (PostgreSQL): the target database must be empty (no tables in public: create it
 * afresh, owned by the URL's user); the backup is authenticated and decrypted first, then
 * `pg_restore --no-owner --role=<user> --single-transaction` into it, then the same audit checks
 * and anchor as for SQLite. A backup of the other kind of database is refused (exit 2).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { exitWithFailure, exitWithUsage } from "@/lib/cli/exit";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { decryptBackup, writeFileAtomically } from "@/lib/backup/backup-file";
import { anchorPath, parseAnchor, readAnchorFile, readHead, signAnchor, writeAnchorFile } from "@/lib/audit/audit-anchor";
import { countAuditEvents, describeAuditCheck, verifyAuditLog } from "@/lib/audit/audit-log";
import { withProgress } from "@/lib/cli/progress";
import type { AuditLogCheck } from "@/lib/audit/audit-log";
import { countPublicTables, listDump, readPgSnapshot, restoreDump, verifyPgAuditLog } from "@/lib/backup/postgres-backup";
import { describeDatabaseUrl } from "@/lib/database-url";

const MIB = 1024 * 1024;

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  exitWithUsage("npm run restore -- FILE");
}
/** After the database is in place: the anchor, as the restored log's check allows (shared by both dialects). */
function finishRestore(restored: string, included: ReturnType<typeof parseAnchor> | { state: "missing" }, audit: AuditLogCheck, head: { seq: number; hash: string }): void {
  // The anchor in KEYS_DIR may record a newer state than this backup: restoring rolls it back, on purpose.
  const target = anchorPath();
  const previous = readAnchorFile(target);
  const replaced = previous.state === "valid" && previous.anchor.seq > head.seq ? ` It replaces an anchor that recorded event ${previous.anchor.seq}: the events after ${head.seq} are not in this backup.` : "";
  if (audit.status === "intact") {
    writeAnchorFile(signAnchor(head), target);
    const how = included.state === "valid" ? `The audit log verified against the anchor in the backup (event ${included.anchor.seq}); anchor written to ${target} (event ${head.seq}).` : "The backup holds no audit events.";
    console.log(`${restored} ${how}${replaced}`);
  } else if (audit.status === "anchor_missing") {
    // No anchor to vouch for the restored tail: the server's next start creates one and records
    // that in the chain (an expected first anchoring for a backup from before anchors; otherwise
    // reported by audit verify), rather than this command blessing the head silently.
    fs.rmSync(target, { force: true });
    console.log(
      `${restored} The backup carries no audit anchor: the audit chain verified (${audit.checked} events); the server's next start creates an anchor and records that in the audit log.${replaced}`,
    );
  } else {
    // Keep the evidence: the backup's own anchor, so audit verify goes on reporting the cut.
    if (included.state === "valid") writeAnchorFile(included.anchor, target);
    const report = describeAuditCheck(audit, target);
    process.stderr.write(`${restored} But its audit log does not verify: ${report.text}${replaced}\n`);
    process.exit(report.exitCode);
  }
}

const wrongKind = (kind: string, other: string): never => {
  process.stderr.write(`This backup holds ${kind}; it restores only ${other}.\n`);
  process.exit(2);
};

try {
  const config = getConfig();
  const url = config.databaseUrl;
  if (url) {
    const tables = await countPublicTables(url);
    if (tables > 0) {
      process.stderr.write(
        `The PostgreSQL database (${describeDatabaseUrl(url)}) is not empty: ${tables} tables in its public schema. Restore only into an empty database (drop and create it again, owned by the URL's user).\n`,
      );
      process.exit(2);
    }
  } else if (fs.existsSync(config.databasePath)) {
    process.stderr.write(`There is already a database at ${config.databasePath}. Restore only into an empty data directory (move the old one away first).\n`);
    process.exit(2);
  }
  const { material } = loadKeyMaterial(config);
  const sealed = fs.readFileSync(file);
  const mib = Math.ceil(sealed.length / MIB);
  const { database: plain, auditAnchor, dialect } = withProgress("Decrypting the backup (MiB)", mib, (update) =>
    decryptBackup(sealed, material.keyRing, (bytes) => update(bytes >= sealed.length ? mib : Math.floor(bytes / MIB))),
  );
  const included = auditAnchor === null ? ({ state: "missing" } as const) : parseAnchor(auditAnchor);
  if (url) {
    if (dialect !== "postgres") wrongKind("a SQLite database", "without DATABASE_URL (into DATABASE_PATH)");
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-restore-"));
    try {
      const dump = path.join(tmpDir, "database.pgdump");
      writeFileAtomically(dump, plain, { syncDir: false });
      await listDump(dump);
      await restoreDump(url, dump);
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
    const { intakes, head } = await readPgSnapshot(url);
    const audit = await verifyPgAuditLog(url, included);
    finishRestore(`Restored ${intakes} intakes into PostgreSQL (${describeDatabaseUrl(url)}).`, included, audit, head);
    process.exit(0);
  }
  if (dialect !== "sqlite") wrongKind("a PostgreSQL dump", "with DATABASE_URL set (into an empty PostgreSQL database)");
  fs.mkdirSync(path.dirname(config.databasePath), { recursive: true, mode: 0o700 });
  const staging = `${config.databasePath}.restoring`;
  writeFileAtomically(staging, plain);
  const check = new Database(staging);
  const integrity = check.pragma("integrity_check", { simple: true });
  const intakes = (check.prepare("select count(*) as n from intakes").get() as { n: number }).n;
  if (integrity !== "ok") {
    check.close();
    fs.rmSync(staging, { force: true });
    throw new Error(`integrity_check said: ${String(integrity)}`);
  }
  const audit = withProgress("Verifying the audit log (events)", countAuditEvents(check), (update) => verifyAuditLog(check, included, update));
  const head = readHead(check);
  check.close();
  fs.renameSync(staging, config.databasePath);
  fs.chmodSync(config.databasePath, 0o600);
  finishRestore(`Restored ${intakes} intakes into ${config.databasePath}.`, included, audit, head);
} catch (error) {
  exitWithFailure("restore failed", error);
}

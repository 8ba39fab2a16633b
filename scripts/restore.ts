/**
 * `npm run restore -- FILE`: restores an encrypted backup into an empty data directory (the
 * configured DATABASE_PATH must not exist), with the same keys directory. Checks integrity before
 * putting the file in place, then checks the audit log against the anchor carried in the backup and
 * writes the anchor (AUDIT_ANCHOR_PATH) for the restored log. Exit 0 done, 2 bad arguments or a
 * database already there, 1 failure; 3 restored, but the audit log does not verify (as `audit verify`).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { exitWithFailure, exitWithUsage } from "@/lib/cli/exit";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { decryptBackup, writeFileAtomically } from "@/lib/backup/backup-file";
import { anchorPath, parseAnchor, readAnchorFile, readHead, signAnchor, writeAnchorFile } from "@/lib/audit/audit-anchor";
import { countAuditEvents, describeAuditCheck, verifyAuditLog } from "@/lib/audit/audit-log";
import { withProgress } from "@/lib/cli/progress";

const MIB = 1024 * 1024;

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  exitWithUsage("npm run restore -- FILE");
}
try {
  const config = getConfig();
  if (fs.existsSync(config.databasePath)) {
    process.stderr.write(`There is already a database at ${config.databasePath}. Restore only into an empty data directory (move the old one away first).\n`);
    process.exit(2);
  }
  const { material } = loadKeyMaterial(config);
  const sealed = fs.readFileSync(file);
  const mib = Math.ceil(sealed.length / MIB);
  const { database: plain, auditAnchor } = withProgress("Decrypting the backup (MiB)", mib, (update) =>
    decryptBackup(sealed, material.keyRing, (bytes) => update(bytes >= sealed.length ? mib : Math.floor(bytes / MIB))),
  );
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
  const included = auditAnchor === null ? ({ state: "missing" } as const) : parseAnchor(auditAnchor);
  const audit = withProgress("Verifying the audit log (events)", countAuditEvents(check), (update) => verifyAuditLog(check, included, update));
  const head = readHead(check);
  check.close();
  fs.renameSync(staging, config.databasePath);
  fs.chmodSync(config.databasePath, 0o600);

  // The anchor in KEYS_DIR may record a newer state than this backup: restoring rolls it back, on purpose.
  const target = anchorPath();
  const previous = readAnchorFile(target);
  const replaced = previous.state === "valid" && previous.anchor.seq > head.seq ? ` It replaces an anchor that recorded event ${previous.anchor.seq}: the events after ${head.seq} are not in this backup.` : "";
  const restored = `Restored ${intakes} intakes into ${config.databasePath}.`;
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
} catch (error) {
  exitWithFailure("restore failed", error);
}

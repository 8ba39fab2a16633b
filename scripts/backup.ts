/**
 * `npm run backup -- DEST`: an online backup of the database (SQLite's backup API, no need to stop
 * the server), checked with `PRAGMA integrity_check`, written encrypted to DEST (a file, or a
 * directory to get intake-YYYY-MM-DDTHH-MM-SS.ktbackup in it). Exit 0 done, 2 bad arguments,
 * 1 failure (nothing written).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError, getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { encryptBackup, writeFileAtomically } from "@/lib/backup/backup-file";

const dest = process.argv[2];
if (!dest || process.argv.length > 3) {
  process.stderr.write("usage: npm run backup -- DEST   (a file or a directory)\n");
  process.exit(2);
}
try {
  const config = getConfig();
  const { material } = loadKeyMaterial(config);
  if (!fs.existsSync(config.databasePath)) throw new Error(`No database at ${config.databasePath}`);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-backup-"));
  const copy = path.join(tmpDir, "copy.db");
  const source = new Database(config.databasePath, { readonly: true, fileMustExist: true });
  await source.backup(copy);
  source.close();
  const check = new Database(copy, { readonly: true });
  const integrity = check.pragma("integrity_check", { simple: true });
  const intakes = (check.prepare("select count(*) as n from intakes").get() as { n: number }).n;
  check.close();
  if (integrity !== "ok") throw new Error(`integrity_check on the copy said: ${String(integrity)}`);
  const target = fs.existsSync(dest) && fs.statSync(dest).isDirectory() ? path.join(dest, `intake-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.ktbackup`) : dest;
  writeFileAtomically(target, encryptBackup(fs.readFileSync(copy), material.keyRing));
  fs.rmSync(tmpDir, { recursive: true, force: true });
  console.log(`Backup written to ${target} (${intakes} intakes, integrity ok, encrypted with key ${material.keyRing.activeId}). Keep the keys directory elsewhere.`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `backup failed: ${(error as Error).message}`}\n`);
  process.exit(1);
}

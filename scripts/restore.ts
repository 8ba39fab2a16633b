/**
 * `npm run restore -- FILE`: restores an encrypted backup into an empty data directory (the
 * configured DATABASE_PATH must not exist), with the same keys directory. Checks integrity before
 * putting the file in place. Exit 0 done, 2 bad arguments or a database already there, 1 failure.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError, getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { decryptBackup, writeFileAtomically } from "@/lib/backup/backup-file";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  process.stderr.write("usage: npm run restore -- FILE\n");
  process.exit(2);
}
try {
  const config = getConfig();
  if (fs.existsSync(config.databasePath)) {
    process.stderr.write(`There is already a database at ${config.databasePath}. Restore only into an empty data directory (move the old one away first).\n`);
    process.exit(2);
  }
  const { material } = loadKeyMaterial(config);
  const plain = decryptBackup(fs.readFileSync(file), material.keyRing);
  fs.mkdirSync(path.dirname(config.databasePath), { recursive: true, mode: 0o700 });
  const staging = `${config.databasePath}.restoring`;
  writeFileAtomically(staging, plain);
  const check = new Database(staging);
  const integrity = check.pragma("integrity_check", { simple: true });
  const intakes = (check.prepare("select count(*) as n from intakes").get() as { n: number }).n;
  check.close();
  if (integrity !== "ok") {
    fs.rmSync(staging, { force: true });
    throw new Error(`integrity_check said: ${String(integrity)}`);
  }
  fs.renameSync(staging, config.databasePath);
  fs.chmodSync(config.databasePath, 0o600);
  console.log(`Restored ${intakes} intakes into ${config.databasePath}. Check the audit chain with: npm run audit -- verify`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `restore failed: ${(error as Error).message}`}\n`);
  process.exit(1);
}

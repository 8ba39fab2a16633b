import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { KeyRing } from "@/lib/crypto/key-material";

/**
 * Encrypted backup files: `KTBACKUP2\n` + JSON header line ({keyId, iv}) + AES-256-GCM ciphertext
 * + 16-byte tag. The plaintext is a JSON line ({auditAnchor}: the signed head of the audit chain
 * when the backup began; `dialect: "postgres"` when the database is a `pg_dump --format=custom`
 * archive, absent for SQLite) followed by the database (the SQLite file, or the archive). So which
 * database a backup holds is authenticated and hidden with the rest. `KTBACKUP1` files (the database only) still
 * restore. The file key is derived (HKDF) from the named key of the field-encryption ring, so a
 * backup opens only with the key directory — which is kept apart from backups.
 */

const MAGIC_V1 = "KTBACKUP1\n";
const MAGIC = "KTBACKUP2\n";

export type BackupDialect = "sqlite" | "postgres";

interface BackupContents {
  /** The SQLite file, or (postgres) a pg_dump custom-format archive. */
  database: Buffer;
  /** Omitted or "sqlite": the SQLite file (no field written, the format SQLite backups always had). */
  dialect?: BackupDialect;
  /** Not yet validated: restore checks it with parseAnchor. */
  auditAnchor: unknown;
}

function fileKey(ring: KeyRing, keyId: string): Buffer {
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`The backup was made with key "${keyId}", which is not in the key ring`);
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "ketamine-intake backup v1", 32));
}

export function encryptBackup(contents: BackupContents, ring: KeyRing): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", fileKey(ring, ring.activeId), iv);
  const header = Buffer.from(`${MAGIC}${JSON.stringify({ keyId: ring.activeId, iv: iv.toString("base64") })}\n`, "utf8");
  cipher.setAAD(header);
  const fields = contents.dialect === "postgres" ? { auditAnchor: contents.auditAnchor ?? null, dialect: "postgres" } : { auditAnchor: contents.auditAnchor ?? null };
  const meta = Buffer.from(`${JSON.stringify(fields)}\n`, "utf8");
  return Buffer.concat([header, cipher.update(meta), cipher.update(contents.database), cipher.final(), cipher.getAuthTag()]);
}

/** Decrypted in slices, so a long restore can say how far it is (`onBytes`: bytes of the file done). */
const SLICE = 16 * 1024 * 1024;

export function decryptBackup(file: Buffer, ring: KeyRing, onBytes?: (done: number) => void): BackupContents & { dialect: BackupDialect } {
  const magic = file.subarray(0, MAGIC.length).toString("utf8");
  if (magic !== MAGIC && magic !== MAGIC_V1) throw new Error("This is not a backup made by npm run backup");
  const end = file.indexOf(0x0a, MAGIC.length);
  const header = file.subarray(0, end + 1);
  const { keyId, iv } = JSON.parse(file.subarray(MAGIC.length, end).toString("utf8")) as { keyId: string; iv: string };
  const decipher = createDecipheriv("aes-256-gcm", fileKey(ring, keyId), Buffer.from(iv, "base64"));
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - 16));
  let plain: Buffer;
  try {
    const parts: Buffer[] = [];
    for (let at = end + 1; at < file.length - 16; at += SLICE) {
      parts.push(decipher.update(file.subarray(at, Math.min(at + SLICE, file.length - 16))));
      onBytes?.(Math.min(at + SLICE, file.length));
    }
    parts.push(decipher.final());
    plain = Buffer.concat(parts);
  } catch {
    throw new Error("The backup could not be decrypted: it was changed, truncated, or made with other keys");
  }
  if (magic === MAGIC_V1) return { database: plain, auditAnchor: null, dialect: "sqlite" };
  // Authenticated above, so the line is ours; its anchor is still checked on restore.
  const metaEnd = plain.indexOf(0x0a);
  const meta = JSON.parse(plain.subarray(0, metaEnd).toString("utf8")) as { auditAnchor?: unknown; dialect?: unknown };
  if (meta.dialect !== undefined && meta.dialect !== "postgres") throw new Error(`The backup holds a database of an unknown kind (${String(meta.dialect)}): made by a newer version?`);
  return { database: plain.subarray(metaEnd + 1), auditAnchor: meta.auditAnchor ?? null, dialect: meta.dialect === "postgres" ? "postgres" : "sqlite" };
}

/**
 * Write, fsync, rename, then fsync the directory so the rename itself is durable: a crash leaves the
 * old file or the new one, never half. `syncDir: false` when getting the old one back is acceptable.
 */
export function writeFileAtomically(file: string, data: Buffer | string, { syncDir = true } = {}): void {
  // Unique per writer: two processes replacing the same file never write into one temporary file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  try {
    const fd = fs.openSync(tmp, "wx", 0o600);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  if (!syncDir) return;
  const dir = fs.openSync(path.dirname(file), "r");
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import type { KeyRing } from "@/lib/crypto/key-material";

/**
 * Encrypted backup files: `KTBACKUP1\n` + JSON header line ({keyId, iv}) + AES-256-GCM ciphertext
 * + 16-byte tag. The file key is derived (HKDF) from the named key of the field-encryption ring,
 * so a backup opens only with the key directory — which is kept apart from backups.
 */

const MAGIC = "KTBACKUP1\n";

function fileKey(ring: KeyRing, keyId: string): Buffer {
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`The backup was made with key "${keyId}", which is not in the key ring`);
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "ketamine-intake backup v1", 32));
}

export function encryptBackup(plain: Buffer, ring: KeyRing): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", fileKey(ring, ring.activeId), iv);
  const header = Buffer.from(`${MAGIC}${JSON.stringify({ keyId: ring.activeId, iv: iv.toString("base64") })}\n`, "utf8");
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function decryptBackup(file: Buffer, ring: KeyRing): Buffer {
  if (file.subarray(0, MAGIC.length).toString("utf8") !== MAGIC) throw new Error("This is not a backup made by npm run backup");
  const end = file.indexOf(0x0a, MAGIC.length);
  const header = file.subarray(0, end + 1);
  const { keyId, iv } = JSON.parse(file.subarray(MAGIC.length, end).toString("utf8")) as { keyId: string; iv: string };
  const decipher = createDecipheriv("aes-256-gcm", fileKey(ring, keyId), Buffer.from(iv, "base64"));
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - 16));
  try {
    return Buffer.concat([decipher.update(file.subarray(end + 1, file.length - 16)), decipher.final()]);
  } catch {
    throw new Error("The backup could not be decrypted: it was changed, truncated, or made with other keys");
  }
}

export function writeFileAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  const fd = fs.openSync(tmp, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { getKeyMaterial, reloadKeyMaterial, type KeyRing } from "./key-material";

/**
 * AES-256-GCM for sensitive values at rest. Each stored value is
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), so keys can rotate value by value.
 * The associated data binds a value to its row and column: a ciphertext copied to another row
 * fails to decrypt.
 */

const VERSION = "v1";

export function encryptWith(ring: KeyRing, plaintext: string, associatedData: string): string {
  const key = ring.keys.get(ring.activeId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, ring.activeId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function decryptWith(ring: KeyRing, stored: string, associatedData: string): string {
  const [version, keyId, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !keyId || iv === undefined || tag === undefined || ciphertext === undefined)
    throw new Error("Stored value is not in the expected encrypted format");
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`Encryption key "${keyId}" is not in the key ring`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

export function encryptField(plaintext: string, associatedData: string): string {
  return encryptWith(getKeyMaterial().keyRing, plaintext, associatedData);
}

export function decryptField(stored: string, associatedData: string): string {
  const keyId = stored.split(".")[1];
  // After `npm run keys -- rotate` a running server meets the new key: read the ring again, once.
  if (keyId && !getKeyMaterial().keyRing.keys.has(keyId)) reloadKeyMaterial();
  return decryptWith(getKeyMaterial().keyRing, stored, associatedData);
}

/**
 * A keyed blind index (HMAC-SHA-256, 128 bits) for exact-match search on an encrypted value.
 * The purpose separates indexes, so an e-mail hash never matches a name-token hash.
 */
export function blindIndex(purpose: "email" | "reference" | "name" | "idempotency" | "request", value: string): string {
  return createHmac("sha256", getKeyMaterial().blindIndexKey).update(`${purpose}\u0000${value}`).digest("base64url").slice(0, 22);
}

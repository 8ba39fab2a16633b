import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ConfigError, getConfig, type AppConfig } from "@/lib/config";

/**
 * The server's secrets: the field-encryption key ring, the blind-index key, the audit-chain key and
 * the auth secret. They come from the environment, or from files in KEYS_DIR that the first start
 * generates (0600, outside the data directory so database backups never carry them).
 */

export interface KeyRing {
  readonly activeId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

interface KeyMaterial {
  readonly keyRing: KeyRing;
  readonly blindIndexKey: Buffer;
  readonly auditHmacKey: Buffer;
  readonly authSecret: string;
}

const KEY_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const key32 = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 random bytes in base64 (openssl rand -base64 32)");

const keyRingText = z
  .string()
  .trim()
  .min(1)
  .transform((text, ctx): KeyRing => {
    const keys = new Map<string, Buffer>();
    const entries = text.split(",").map((e) => e.trim());
    for (const entry of entries) {
      const [id, b64, ...rest] = entry.split(":");
      if (!id || !KEY_ID.test(id) || !b64 || rest.length > 0 || Buffer.from(b64, "base64").length !== 32 || keys.has(id)) {
        ctx.addIssue({ code: "custom", message: 'must be "id:base64key[,id:base64key…]" with unique ids and 32-byte keys; the first is active' });
        return z.NEVER;
      }
      keys.set(id, Buffer.from(b64, "base64"));
    }
    return { activeId: entries[0]!.split(":")[0]!, keys };
  });

const FILES = {
  encryptionKeys: { file: "encryption-keys", env: "ENCRYPTION_KEYS", generate: () => `k${Date.now().toString(36)}:${randomBytes(32).toString("base64")}` },
  blindIndexKey: { file: "blind-index.key", env: "BLIND_INDEX_KEY", generate: () => randomBytes(32).toString("base64") },
  auditHmacKey: { file: "audit-hmac.key", env: "AUDIT_HMAC_KEY", generate: () => randomBytes(32).toString("base64") },
  authSecret: { file: "auth-secret", env: "AUTH_SECRET", generate: () => randomBytes(32).toString("base64") },
} as const;

type Name = keyof typeof FILES;

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Loads every secret, generating missing ones into KEYS_DIR unless REQUIRE_EXTERNAL_KEYS is set.
 * Returns the material and the names of the files it created, so start-up can announce them.
 */
export function loadKeyMaterial(config: AppConfig): { material: KeyMaterial; generated: string[] } {
  if (!config.requireExternalKeys && isInside(config.keysDir, path.dirname(config.databasePath)))
    throw new ConfigError(["KEYS_DIR: must not be inside the database's directory, so backups of the data never carry the keys"]);

  const generated: string[] = [];
  const read = (name: Name): string => {
    const spec = FILES[name];
    const fromEnv = config.externalKeys[name];
    if (fromEnv) return fromEnv;
    const file = path.join(/*turbopackIgnore: true*/ config.keysDir, spec.file);
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
    fs.mkdirSync(config.keysDir, { recursive: true, mode: 0o700 });
    const value = spec.generate();
    // "wx" never overwrites a key another process wrote a moment ago.
    try {
      fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
      generated.push(file);
      return value;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8");
      throw error;
    }
  };
  const parse = <T>(name: Name, schema: z.ZodType<T>): T => {
    const result = schema.safeParse(read(name));
    if (!result.success) {
      const where = config.externalKeys[name] ? FILES[name].env : path.join(/*turbopackIgnore: true*/ config.keysDir, FILES[name].file);
      throw new ConfigError([`${where}: ${result.error.issues[0]?.message ?? "invalid"}`]);
    }
    return result.data;
  };
  const material: KeyMaterial = {
    keyRing: parse("encryptionKeys", keyRingText),
    blindIndexKey: Buffer.from(parse("blindIndexKey", key32), "base64"),
    auditHmacKey: Buffer.from(parse("auditHmacKey", key32), "base64"),
    authSecret: parse("authSecret", z.string().trim().min(32, "must be at least 32 characters")),
  };
  return { material, generated };
}

const cache = globalThis as unknown as { __intakeKeys?: KeyMaterial };

export function getKeyMaterial(): KeyMaterial {
  cache.__intakeKeys ??= loadKeyMaterial(getConfig()).material;
  return cache.__intakeKeys;
}

/** Forgets the cached secrets; the next use reads them again (after a key rotation, or in tests). */
export function reloadKeyMaterial(): void {
  delete cache.__intakeKeys;
}


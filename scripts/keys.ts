/**
 * `npm run keys -- rotate | reencrypt | status | retire`
 *   rotate     add a new active encryption key, then re-encrypt every stored value under it
 *   reencrypt  carry on re-encrypting (after an interruption, or after changing ENCRYPTION_KEYS)
 *   status     each key and how many stored values it encrypts
 *   retire     remove keys that are neither active nor used
 * Restart the server after `rotate`, so that new values are written with the new key.
 * Exit 0 done, 2 bad arguments, 1 failure (re-run: every step is safe to repeat).
 * With DATABASE_URL set, the values stored on PostgreSQL (migrated first).
 */
import { getConfig } from "@/lib/config";
import { exitWithFailure, exitWithUsage } from "@/lib/cli/exit";
import { loadKeyMaterial, type KeyRing } from "@/lib/crypto/key-material";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { closePgDb, getPgDb, migratePostgres } from "@/db/pg-client";
import {
  addActiveKey,
  countToReencrypt,
  countToReencryptPg,
  keyUsage,
  keyUsagePg,
  reencryptAll,
  reencryptAllPg,
  retireUnusedKeys,
  retireUnusedKeysPg,
} from "@/lib/crypto/key-rotation";
import { startProgress, withProgress } from "@/lib/cli/progress";

const command = process.argv[2];
if (!["rotate", "reencrypt", "status", "retire"].includes(command ?? "") || process.argv.length > 3) {
  exitWithUsage("npm run keys -- rotate | reencrypt | status | retire");
}
try {
  const config = getConfig();
  loadKeyMaterial(config);
  // One set of steps; each dialect's functions behind it (SQLite synchronous, PostgreSQL awaited).
  let steps: {
    reencrypt(ring: KeyRing): Promise<number>;
    retire(): Promise<string[]>;
    usage(): Promise<Map<string, number>>;
    close(): Promise<void>;
  };
  if (config.databaseUrl) {
    await migratePostgres(config.databaseUrl);
    const db = getPgDb();
    steps = {
      async reencrypt(ring) {
        const progress = startProgress("Re-encrypting stored values", await countToReencryptPg(db, ring));
        try {
          return await reencryptAllPg(db, ring, 200, (done) => progress.update(done));
        } finally {
          progress.finish();
        }
      },
      retire: () => retireUnusedKeysPg(config, db),
      usage: () => keyUsagePg(db),
      close: () => closePgDb(),
    };
  } else {
    const db = getDb();
    migrateDatabase(db);
    steps = {
      reencrypt: async (ring) => withProgress("Re-encrypting stored values", countToReencrypt(db, ring), (update) => reencryptAll(db, ring, 200, update)),
      retire: async () => retireUnusedKeys(config, db),
      usage: async () => keyUsage(db),
      close: async () => closeDb(),
    };
  }
  if (command === "rotate") console.log(`Added the new active key ${addActiveKey(config)}.`);
  if (command === "rotate" || command === "reencrypt") {
    const ring = loadKeyMaterial(config).material.keyRing;
    const n = await steps.reencrypt(ring);
    console.log(`Re-encrypted ${n} values under ${ring.activeId}. Restart the server so new values use it too, then: npm run keys -- retire`);
  }
  if (command === "retire") {
    const removed = await steps.retire();
    console.log(removed.length ? `Retired ${removed.join(", ")}.` : "No unused keys to retire.");
  }
  const ring = loadKeyMaterial(config).material.keyRing;
  const usage = await steps.usage();
  for (const id of ring.keys.keys()) console.log(`${id}${id === ring.activeId ? " (active)" : ""}: ${usage.get(id) ?? 0} values`);
  for (const [id, n] of usage) if (!ring.keys.has(id)) console.log(`${id}: ${n} values — NOT IN THE KEY RING, these cannot be read`);
  await steps.close();
} catch (error) {
  exitWithFailure("keys failed", error);
}

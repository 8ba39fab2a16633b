/**
 * `npm run keys -- rotate | reencrypt | status | retire`
 *   rotate     add a new active encryption key, then re-encrypt every stored value under it
 *   reencrypt  carry on re-encrypting (after an interruption, or after changing ENCRYPTION_KEYS)
 *   status     each key and how many stored values it encrypts
 *   retire     remove keys that are neither active nor used
 * Restart the server after `rotate`, so that new values are written with the new key.
 * Exit 0 done, 2 bad arguments, 1 failure (re-run: every step is safe to repeat).
 */
import { getConfig } from "@/lib/config";
import { exitWithFailure, exitWithUsage } from "@/lib/cli/exit";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { addActiveKey, countToReencrypt, keyUsage, reencryptAll, retireUnusedKeys } from "@/lib/crypto/key-rotation";
import { withProgress } from "@/lib/cli/progress";

const command = process.argv[2];
if (!["rotate", "reencrypt", "status", "retire"].includes(command ?? "") || process.argv.length > 3) {
  exitWithUsage("npm run keys -- rotate | reencrypt | status | retire");
}
try {
  const config = getConfig();
  loadKeyMaterial(config);
  const db = getDb();
  migrateDatabase(db);
  if (command === "rotate") console.log(`Added the new active key ${addActiveKey(config)}.`);
  if (command === "rotate" || command === "reencrypt") {
    const ring = loadKeyMaterial(config).material.keyRing;
    const n = withProgress("Re-encrypting stored values", countToReencrypt(db, ring), (update) => reencryptAll(db, ring, 200, update));
    console.log(`Re-encrypted ${n} values under ${ring.activeId}. Restart the server so new values use it too, then: npm run keys -- retire`);
  }
  if (command === "retire") {
    const removed = retireUnusedKeys(config, db);
    console.log(removed.length ? `Retired ${removed.join(", ")}.` : "No unused keys to retire.");
  }
  const ring = loadKeyMaterial(config).material.keyRing;
  const usage = keyUsage(db);
  for (const id of ring.keys.keys()) console.log(`${id}${id === ring.activeId ? " (active)" : ""}: ${usage.get(id) ?? 0} values`);
  for (const [id, n] of usage) if (!ring.keys.has(id)) console.log(`${id}: ${n} values — NOT IN THE KEY RING, these cannot be read`);
  closeDb();
} catch (error) {
  exitWithFailure("keys failed", error);
}

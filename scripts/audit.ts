/**
 * `npm run audit -- verify`: checks the audit log's HMAC chain from the first event to the last.
 * Exit 0: intact (prints how many events). Exit 3: broken (names the first broken event and why).
 * Exit 2: bad arguments. Exit 1: configuration or storage failure.
 */
import { ConfigError, getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/audit-log";

const [command, ...rest] = process.argv.slice(2);
if (command !== "verify" || rest.length > 0) {
  process.stderr.write("usage: npm run audit -- verify\n");
  process.exit(2);
}
try {
  loadKeyMaterial(getConfig());
  migrateDatabase(getDb());
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`}\n`);
  process.exit(1);
}
const result = verifyAuditChain();
closeDb();
if (result.ok) {
  console.log(`Audit log intact: ${result.checked} events, every link verified.`);
  process.exit(0);
}
process.stderr.write(`Audit log BROKEN at event ${result.brokenAt}: ${result.reason}. ${result.checked} events before it verified.\n`);
process.exit(3);

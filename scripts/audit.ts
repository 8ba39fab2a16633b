/**
 * `npm run audit -- verify`: checks the audit log's HMAC chain from the first event to the last,
 * and its newest event against the signed anchor kept outside the database (AUDIT_ANCHOR_PATH).
 * Exit 0: intact (prints how many events). Exit 3: broken (names the first broken event and why),
 * truncated (the anchor records more events than the database holds) or the anchor is invalid.
 * Exit 4: the chain is intact but there is no anchor. Exit 2: bad arguments. Exit 1: configuration
 * or storage failure. With DATABASE_URL set, the log on PostgreSQL (migrated first), same rules.
 */
import { getConfig } from "@/lib/config";
import { exitWithFailure, exitWithUsage } from "@/lib/cli/exit";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { closePgDb, migratePostgres } from "@/db/pg-client";
import { countAuditEvents, countPgAuditEvents, describeAuditCheck, verifyAuditLog, verifyAuditLogOnPostgres, type AuditLogCheck } from "@/lib/audit/audit-log";
import { startProgress, withProgress } from "@/lib/cli/progress";

const [command, ...rest] = process.argv.slice(2);
if (command !== "verify" || rest.length > 0) {
  exitWithUsage("npm run audit -- verify");
}
let result: AuditLogCheck;
try {
  const config = getConfig();
  loadKeyMaterial(config);
  if (config.databaseUrl) {
    await migratePostgres(config.databaseUrl);
    const progress = startProgress("Verifying the audit log (events)", await countPgAuditEvents());
    try {
      result = await verifyAuditLogOnPostgres(undefined, (done) => progress.update(done));
    } finally {
      progress.finish();
      await closePgDb();
    }
  } else {
    migrateDatabase(getDb());
    const client = getDb().$client;
    result = withProgress("Verifying the audit log (events)", countAuditEvents(client), (update) => verifyAuditLog(client, undefined, update));
    closeDb();
  }
} catch (error) {
  exitWithFailure("error", error);
}
const { ok, exitCode, text } = describeAuditCheck(result);
if (ok) console.log(text);
else process.stderr.write(`${text}\n`);
process.exit(exitCode);

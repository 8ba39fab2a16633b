// Child process for the crash tests: opens the database after a restart and prints, as JSON, the
// integrity check (SQLite; null on PostgreSQL, which has none to run) and every intake id that
// decrypts (with its goals answer), or the error. PostgreSQL when DATABASE_URL is set.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { getDb } from "@/db/client";
import { closePgDb, getPgDb } from "@/db/pg-client";
import { intakes as pgIntakes } from "@/db/schema-pg";
import { getIntakeById } from "@/lib/intake/intake-record";

loadKeyMaterial(getConfig());
let integrity: unknown = null;
let ids: string[];
if (getConfig().databaseUrl) {
  ids = (await getPgDb().select({ id: pgIntakes.id }).from(pgIntakes)).map((r) => r.id);
} else {
  const db = getDb();
  integrity = db.$client.pragma("integrity_check", { simple: true });
  ids = (db.$client.prepare("select id from intakes").all() as { id: string }[]).map((r) => r.id);
}
const intakes: Record<string, string> = {};
for (const id of ids) intakes[id] = String((await getIntakeById(id))?.answers.goals ?? "");
await closePgDb();
process.stdout.write(JSON.stringify({ integrity, intakes }));

// Child process for the crash test: opens the database after a restart and prints, as JSON, the
// integrity check and every intake id that decrypts (with its goals answer), or the error.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { getDb } from "@/db/client";
import { getIntakeById } from "@/lib/intake/intake-record";

loadKeyMaterial(getConfig());
const db = getDb();
const integrity = db.$client.pragma("integrity_check", { simple: true });
const ids = (db.$client.prepare("select id from intakes").all() as { id: string }[]).map((r) => r.id);
const intakes: Record<string, string> = {};
for (const id of ids) intakes[id] = String((await getIntakeById(id))?.answers.goals ?? "");
process.stdout.write(JSON.stringify({ integrity, intakes }));

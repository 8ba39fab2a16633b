// Child process for the crash test: opens the database after a restart and prints, as JSON, the
// integrity check and every intake id that decrypts (with its goals answer), or the error.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { getDb } from "@/db/client";
import { getIntakeById } from "@/db/queries/intakes";

loadKeyMaterial(getConfig());
const db = getDb();
const integrity = db.$client.pragma("integrity_check", { simple: true });
const ids = (db.$client.prepare("select id from intakes").all() as { id: string }[]).map((r) => r.id);
const intakes = Object.fromEntries(ids.map((id) => [id, String(getIntakeById(id)?.answers.goals ?? "")]));
process.stdout.write(JSON.stringify({ integrity, intakes }));

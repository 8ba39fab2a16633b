// Child process: seeds DATABASE_PATH (with KEYS_DIR) with one fictional client whose course has
// `N` sessions and `N` check-ins, through the features (lib/demo), dated up to today. Prints its id.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { seedDemo } from "@/lib/demo/seed";

const sessions = Number(process.argv[2] ?? 30);
loadKeyMaterial(getConfig());
await prepareDatabase();
const start = performance.now();
const seeded = await seedDemo(1, new Date(), [
  { bipolarType: "bipolar_2", phq9: 20, course: { sessions, planned: 6, phase: "maintenance", trajectory: "response", lastDaysAgo: 1, bpElevatedAt: 9, switchAt: 14, homeBpAt: 20 } },
]);
await closeDatabases();
process.stdout.write(JSON.stringify({ courseId: seeded.courseIds[0], sessions: seeded.sessions, checkins: seeded.checkins, seconds: (performance.now() - start) / 1000 }));

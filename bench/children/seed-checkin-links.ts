// Child process: seeds DATABASE_PATH (with KEYS_DIR) with N fictional clients, each with an open
// course and a fresh check-in link, through the features the therapist's pages use (createIntake,
// changeIntakeStatus, startCourse, createCheckinRequest). Prints {"tokens":[…],"dateOfBirth","seconds"}.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { createIntake } from "@/lib/intake/intake-record";
import { parseIntake } from "@/lib/questionnaire";
import { assess } from "@/lib/assessment";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { createCheckinRequest, startCourse } from "@/lib/course-records";
import { fullIntakeV2 } from "../../tests/fixtures/intakes";

const total = Number(process.argv[2] ?? 100);
const config = getConfig();
loadKeyMaterial(config);
await prepareDatabase();
const staff = { userId: "bench-seed", email: "seed@clinic.example", ipAddress: null };
const start = performance.now();
const tokens: string[] = [];
let dateOfBirth = "";
for (let i = 0; i < total; i++) {
  const receivedAt = new Date();
  const parsed = parseIntake(fullIntakeV2({ email: `checkin.bench${i}@example.org`, full_name: `Bench Client ${i}` }, { submittedAt: undefined }), { receivedAt, timeZone: config.timeZone, submittedAtPolicy: "recent" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  dateOfBirth = String(parsed.intake.answers.date_of_birth);
  const created = await createIntake(parsed.intake, { receivedAt, assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, config.ruleSets[parsed.intake.version]) });
  if (created.outcome !== "created") throw new Error(created.outcome);
  await changeIntakeStatus(created.intake.id, "consult_booked", staff);
  const { courseId } = await startCourse(created.intake.id, {}, staff);
  tokens.push((await createCheckinRequest(courseId, staff)).token);
}
await closeDatabases();
process.stdout.write(JSON.stringify({ tokens, dateOfBirth, seconds: (performance.now() - start) / 1000 }));

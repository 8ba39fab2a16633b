// Child process: seeds DATABASE_PATH (with KEYS_DIR) with N fictional clients, each with an open
// course and a fresh check-in link, through the features the therapist's pages use (createIntake,
// changeIntakeStatus, startCourse, createCheckinRequest). Prints {"tokens":[…],"dateOfBirth","seconds"}.
// With `started`, each link is also opened with the date of birth and its draft answered in full
// (startCheckin, saveCheckinDraft), so only the send is left: then "sessions" are the cookies' values.
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { createIntake } from "@/lib/intake/intake-record";
import { parseIntake } from "@/lib/questionnaire";
import { assess } from "@/lib/assessment";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { createCheckinRequest, saveCheckinDraft, startCheckin, startCourse } from "@/lib/course-records";
import { CALM_CHECKIN } from "../../tests/e2e/support/checkin-http";
import { fullIntakeV2 } from "../../tests/fixtures/intakes";

const total = Number(process.argv[2] ?? 100);
const started = process.argv[3] === "started";
const config = getConfig();
loadKeyMaterial(config);
await prepareDatabase();
const staff = { userId: "bench-seed", email: "seed@clinic.example", ipAddress: null };
const start = performance.now();
const tokens: string[] = [];
const sessions: string[] = [];
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
  const { token } = await createCheckinRequest(courseId, staff);
  tokens.push(token);
  if (!started) continue;
  // Each its own phone (the date-of-birth tries are limited per address).
  const opened = await startCheckin(token, dateOfBirth, `10.200.${Math.floor(i / 256) % 256}.${i % 256}`);
  if (opened.outcome !== "started") throw new Error(opened.outcome);
  if (!(await saveCheckinDraft(opened.sessionToken, { answers: { ...CALM_CHECKIN } })).saved) throw new Error("the draft was not saved");
  sessions.push(opened.sessionToken);
}
await closeDatabases();
process.stdout.write(JSON.stringify({ tokens, sessions, dateOfBirth, seconds: (performance.now() - start) / 1000 }));

/**
 * Run by checkin-link.ts (`node bin/run.mjs tests/e2e/support/checkin-seed.ts INTAKE_ID`) against
 * the test server's database and keys: books the intake's consult, starts a course and creates a
 * check-in link with the real lib/course-records functions. Prints {"courseId","token"} as JSON.
 */
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { createCheckinRequest, startCourse } from "@/lib/course-records";

const intakeId = process.argv[2];
if (!intakeId) throw new Error("usage: checkin-seed.ts INTAKE_ID");
loadKeyMaterial(getConfig());
await prepareDatabase();
const staff = { userId: "e2e-seed", email: "seed@clinic.example", ipAddress: null };
await changeIntakeStatus(intakeId, "consult_booked", staff);
const { courseId } = await startCourse(intakeId, {}, staff);
const { token } = await createCheckinRequest(courseId, staff);
console.log(JSON.stringify({ courseId, token }));
await closeDatabases();

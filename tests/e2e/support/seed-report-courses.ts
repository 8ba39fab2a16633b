/**
 * `node bin/run.mjs tests/e2e/support/seed-report-courses.ts` with JSON on stdin:
 * [{ intakeId, startedOn, dateOfBirth, checkins: [answers…] }]. For each: books the consult, starts a
 * course on that date, records one session, and answers one link per check-in — all through the real
 * lib/course-records functions, against the test server's database and keys. Prints the course ids.
 */
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { createCheckinRequest, recordSession, startCheckin, startCourse, submitCheckin } from "@/lib/course-records";

type Spec = { intakeId: string; startedOn: string; dateOfBirth: string; checkins: Record<string, unknown>[] };
const specs = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as Spec[];
loadKeyMaterial(getConfig());
await prepareDatabase();
const staff = { userId: "e2e-seed", email: "seed@clinic.example", ipAddress: null };
const ids: string[] = [];
for (const spec of specs) {
  await changeIntakeStatus(spec.intakeId, "in_review", staff);
  await changeIntakeStatus(spec.intakeId, "consult_booked", staff);
  const { courseId } = await startCourse(spec.intakeId, { started_on: spec.startedOn, baseline_phq9: 18 }, staff);
  await recordSession(
    courseId,
    { session_date: spec.startedOn, route: "iv", weight_kg: 70, dose_mg: 35, infusion_minutes: 40, bp_pre_systolic: 128, bp_pre_diastolic: 82, bp_discharge_systolic: 134, bp_discharge_diastolic: 84, dissociation: "mild", sedation: "none", adverse_events: ["none"], discharged_with_escort: true },
    staff,
  );
  for (const answers of spec.checkins) {
    const { token } = await createCheckinRequest(courseId, staff);
    const started = await startCheckin(token, spec.dateOfBirth, null);
    if (started.outcome !== "started") throw new Error(`check-in not started: ${started.outcome}`);
    const submitted = await submitCheckin(started.sessionToken, answers, null);
    if (submitted.outcome !== "stored") throw new Error(`check-in not stored: ${JSON.stringify(submitted)}`);
  }
  ids.push(courseId);
}
console.log(JSON.stringify(ids));
await closeDatabases();

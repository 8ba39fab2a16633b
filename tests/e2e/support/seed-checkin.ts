/**
 * `node bin/run.mjs tests/e2e/support/seed-checkin.ts TOKEN DATE_OF_BIRTH` with the answers as JSON
 * on stdin: answers a check-in link through lib/course-records as the client's pages would (Start
 * with the date of birth, then submit), against the test server's database and keys. Prints the
 * submit outcome as JSON. For browser tests of the therapist side that need a submitted check-in.
 */
import { startCheckin, submitCheckin } from "@/lib/course-records";

const [token, dateOfBirth] = process.argv.slice(2);
const answers = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as Record<string, unknown>;
const started = await startCheckin(token ?? "", dateOfBirth, null);
if (started.outcome !== "started") {
  console.log(JSON.stringify(started));
  process.exit(1);
}
const submitted = await submitCheckin(started.sessionToken, answers, null);
console.log(JSON.stringify(submitted));
process.exit(submitted.outcome === "stored" ? 0 : 1);

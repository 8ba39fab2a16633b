/**
 * `node bin/run.mjs tests/e2e/support/list-course.ts COURSE_ID`, for the crash tests: opens the
 * database after a restart and prints, as JSON, SQLite's integrity check and what the course page
 * would show of the course, decrypted through lib/course-records: each session (date, dose, BP
 * before) and each check-in (its message to the clinic).
 */
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { getDb } from "@/db/client";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { listCourseTimeline } from "@/lib/course-records";

const courseId = process.argv[2];
if (!courseId) throw new Error("usage: list-course.ts COURSE_ID");
loadKeyMaterial(getConfig());
await prepareDatabase();
const integrity = getDb().$client.pragma("integrity_check", { simple: true });
const { entries } = await listCourseTimeline(courseId, { userId: "e2e-crash-check", email: "check@clinic.example", ipAddress: null });
const sessions = entries.flatMap((e) => (e.kind === "session" ? [{ date: e.date, doseMg: e.current.record.dose_mg, bpPre: `${e.current.record.bp_pre_systolic}/${e.current.record.bp_pre_diastolic}` }] : []));
const checkins = entries.flatMap((e) => (e.kind === "checkin" ? [{ message: e.answers.message_for_clinic ?? null }] : []));
process.stdout.write(`${JSON.stringify({ integrity, sessions, checkins })}\n`);
await closeDatabases();

import "server-only";
import { randomBytes } from "node:crypto";
import * as repository from "@/db/repositories/courses";
import { getIntakeById } from "@/lib/intake/intake-record";
import { parseSessionRecord, sessionFlags, type Flag, type SessionRecord } from "@/lib/course";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { clinicToday, currentCourseRuleSet } from "./context";
import { CourseConflict, CourseInputError } from "./errors";

/**
 * Session records, entered by clinic staff after each infusion: validated field by field
 * (lib/course parseSessionRecord), flagged with the course rule set, stored append-only. A
 * correction is a new version of the record with who, when and why; earlier versions stay.
 */

export const CORRECTION_REASON_MAX_LENGTH = 500;

const newId = () => randomBytes(16).toString("base64url");

async function openCourse(courseId: string) {
  const course = await repository.readCourse(courseId);
  if (!course) throw new CourseConflict("This course no longer exists");
  return course;
}

function validated(raw: unknown, startedOn: string, now: Date): SessionRecord {
  const parsed = parseSessionRecord(raw, { referenceDate: clinicToday(now), startedOn });
  if (!parsed.ok) throw new CourseInputError(parsed.issues);
  return parsed.record;
}

export interface StoredSession {
  sessionId: string;
  version: number;
  flags: Flag[];
}

/** Records a new session; returns its id and the flags stored with it. Nothing is saved unless all of it validates. */
export async function recordSession(courseId: string, raw: unknown, reviewer: Reviewer, now = new Date()): Promise<StoredSession> {
  const course = await openCourse(courseId);
  const record = validated(raw, course.startedOn, now);
  const ruleSet = currentCourseRuleSet();
  const flags = sessionFlags(record, ruleSet);
  const sessionId = newId();
  const id = newId();
  const result = await repository.insertSessionVersion(
    { id, courseId, sessionId, version: 1, record, flags, ruleSetVersion: ruleSet.version, recordedAt: now, recordedBy: reviewer.userId, correctionReason: null },
    { action: "course.session_record", ...actorOf(reviewer), intakeId: course.intakeId, detail: { course: courseId, session: sessionId, version: 1, flags: flags.length } },
  );
  if (result === "missing") throw new CourseConflict("This course no longer exists");
  if (result === "ended") throw new CourseConflict("This course has ended; no new session can be recorded (earlier ones can still be corrected)");
  if (result !== "stored") throw new CourseConflict("This session could not be recorded; try again");
  return { sessionId, version: 1, flags };
}

/**
 * Corrects a session: the whole record again, and why. Stored as the next version (who, when,
 * why); the earlier versions are kept and shown as corrected. Refused when someone else corrected
 * it meanwhile (`expectedVersion` is the version the therapist corrected, when given).
 */
export async function correctSession(
  courseId: string,
  sessionId: string,
  raw: unknown,
  reason: unknown,
  reviewer: Reviewer,
  options: { expectedVersion?: number; now?: Date } = {},
): Promise<StoredSession> {
  const now = options.now ?? new Date();
  const course = await openCourse(courseId);
  const why = typeof reason === "string" ? reason.trim() : "";
  const problems = [];
  if (why.length === 0) problems.push({ field: "reason", message: "Say why the record is corrected" });
  else if (why.length > CORRECTION_REASON_MAX_LENGTH) problems.push({ field: "reason", message: `Keep the reason to ${CORRECTION_REASON_MAX_LENGTH} characters or fewer` });
  const parsed = parseSessionRecord(raw, { referenceDate: clinicToday(now), startedOn: course.startedOn });
  if (!parsed.ok) problems.push(...parsed.issues);
  if (problems.length > 0 || !parsed.ok) throw new CourseInputError(problems);
  const versions = (await repository.listSessionVersions(courseId)).filter((v) => v.sessionId === sessionId);
  const latest = versions.at(-1);
  if (!latest) throw new CourseConflict("This session does not exist in this course");
  if (options.expectedVersion !== undefined && options.expectedVersion !== latest.version)
    throw new CourseConflict("This session was corrected by someone else meanwhile; reload it and correct the latest version");
  const ruleSet = currentCourseRuleSet();
  const flags = sessionFlags(parsed.record, ruleSet);
  const version = latest.version + 1;
  const result = await repository.insertSessionVersion(
    { id: newId(), courseId, sessionId, version, record: parsed.record, flags, ruleSetVersion: ruleSet.version, recordedAt: now, recordedBy: reviewer.userId, correctionReason: why },
    { action: "course.session_correct", ...actorOf(reviewer), intakeId: course.intakeId, detail: { course: courseId, session: sessionId, version, flags: flags.length } },
  );
  if (result === "missing") throw new CourseConflict("This course no longer exists");
  if (result === "stale") throw new CourseConflict("This session was corrected by someone else meanwhile; reload it and correct the latest version");
  return { sessionId, version, flags };
}

/**
 * What the session form starts with (the spec's page defaults): IV, 40 minutes, and the last known
 * weight — the latest session's (its current version), else the intake's. Audited as a course view
 * (it reads the weight).
 */
export async function sessionDefaults(courseId: string, reviewer: Reviewer): Promise<SessionDefaults> {
  const course = await openCourse(courseId);
  await appendAuditEvents([{ action: "course.view", ...actorOf(reviewer), intakeId: course.intakeId, detail: { course: courseId, part: "session_form" } }]);
  const current = new Map<string, Partial<SessionRecord>>();
  for (const v of [...(await repository.listSessionVersions(courseId))].sort((a, b) => a.version - b.version)) current.set(v.sessionId, v.record as Partial<SessionRecord>);
  return sessionDefaultsOf([...current.values()], (await getIntakeById(course.intakeId))?.answers.weight_kg);
}

export type SessionDefaults = { route: "iv"; infusion_minutes: number; weight_kg?: number };

/**
 * The same defaults from records a caller has already read, and audited: the course page takes
 * them from its timeline (one course.view for the whole page). `sessions`: each session's current record.
 */
export function sessionDefaultsOf(sessions: readonly Partial<SessionRecord>[], intakeWeight: unknown): SessionDefaults {
  const latestWeight = [...sessions].sort((a, b) => (a.session_date ?? "").localeCompare(b.session_date ?? "")).at(-1)?.weight_kg;
  const weight = latestWeight ?? (typeof intakeWeight === "number" ? intakeWeight : undefined);
  return { route: "iv", infusion_minutes: 40, ...(weight !== undefined ? { weight_kg: weight } : {}) };
}

import "server-only";
import type { checkinDrafts, checkins, coursePhaseChanges, courses, courseSessions } from "@/db/schema";
import { checkinAad, checkinDraftAad, courseAad, courseSessionAad, readEncrypted, readEncryptedJson, writeEncrypted, writeEncryptedJson } from "@/db/encrypted";
import type { CourseRow, NewCourseRow, NewSessionVersion, PhaseChangeRow, ReportCourseRow, SessionVersionRow } from "../courses";
import type { CheckinDraftState, CheckinRow, NewCheckinRow } from "../checkins";

/** Course, session and check-in row mapping and encryption shared by both dialects. */

export const toCourseRow = (row: typeof courses.$inferSelect): CourseRow => ({
  id: row.id,
  intakeId: row.intakeId,
  startedOn: row.startedOn,
  phase: row.phase,
  plannedAcuteSessions: row.plannedAcuteSessions,
  baselinePhq9: row.baselinePhq9,
  endReason: row.endReason ?? null,
  openedAt: row.openedAt,
  openedBy: row.openedBy,
  closedAt: row.closedAt,
});

export const newCourseValues = (row: NewCourseRow, clientIndex: string) => ({
  id: row.id,
  intakeId: row.intakeId,
  clientIndex,
  startedOn: row.startedOn,
  phase: "acute" as const,
  plannedAcuteSessions: row.plannedAcuteSessions,
  baselinePhq9: row.baselinePhq9,
  openedAt: row.openedAt.toISOString(),
  openedBy: row.openedBy,
  outcomeFactsEnc: outcomeFactsEnc(row.id, row.outcomeFacts),
});

export const outcomeFactsEnc = (courseId: string, facts: unknown): string => writeEncryptedJson(facts, courseAad(courseId, "outcome_facts"));
export const readOutcomeFacts = (courseId: string, stored: string | null): unknown => (stored === null ? null : readEncryptedJson(stored, courseAad(courseId, "outcome_facts")));

/** Report rows as both dialects select them (counts already numbers, the flag already a boolean). */
export const toReportCourseRow = (row: {
  id: string;
  startedOn: string;
  phase: ReportCourseRow["phase"];
  endReason: ReportCourseRow["endReason"];
  baselinePhq9: number;
  reachedMaintenance: boolean | number;
  sessions: number | string;
  checkins: number | string;
  outcomeFactsEnc: string | null;
}): ReportCourseRow => ({
  id: row.id,
  startedOn: row.startedOn,
  phase: row.phase,
  endReason: row.endReason ?? null,
  baselinePhq9: row.baselinePhq9,
  reachedMaintenance: Boolean(Number(row.reachedMaintenance)),
  sessions: Number(row.sessions),
  checkins: Number(row.checkins),
  outcomeFacts: readOutcomeFacts(row.id, row.outcomeFactsEnc),
});

export const toPhaseChange = (row: typeof coursePhaseChanges.$inferSelect): PhaseChangeRow => ({
  from: row.fromPhase as PhaseChangeRow["from"],
  to: row.toPhase as PhaseChangeRow["to"],
  reason: (row.reason ?? null) as PhaseChangeRow["reason"],
  byUserId: row.byUserId,
  at: row.at,
});

export const sessionValues = (v: NewSessionVersion) => ({
  id: v.id,
  courseId: v.courseId,
  sessionId: v.sessionId,
  version: v.version,
  recordEnc: writeEncryptedJson(v.record, courseSessionAad(v.id, "record")),
  flagsEnc: writeEncryptedJson(v.flags, courseSessionAad(v.id, "flags")),
  ruleSetVersion: v.ruleSetVersion,
  recordedAt: v.recordedAt.toISOString(),
  recordedBy: v.recordedBy,
  correctionReasonEnc: v.correctionReason === null ? null : writeEncrypted(v.correctionReason, courseSessionAad(v.id, "correction_reason")),
});

export const toSessionVersion = (row: typeof courseSessions.$inferSelect): SessionVersionRow => ({
  id: row.id,
  sessionId: row.sessionId,
  version: row.version,
  record: readEncryptedJson(row.recordEnc, courseSessionAad(row.id, "record")),
  flags: readEncryptedJson(row.flagsEnc, courseSessionAad(row.id, "flags")),
  ruleSetVersion: row.ruleSetVersion,
  recordedAt: row.recordedAt,
  recordedBy: row.recordedBy,
  correctionReason: row.correctionReasonEnc === null ? null : readEncrypted(row.correctionReasonEnc, courseSessionAad(row.id, "correction_reason")),
});

export const checkinValues = (row: NewCheckinRow) => ({
  id: row.id,
  courseId: row.courseId,
  requestId: row.requestId,
  checkinVersion: row.checkinVersion,
  answersEnc: writeEncryptedJson(row.answers, checkinAad(row.id, "answers")),
  flagsEnc: writeEncryptedJson(row.flags, checkinAad(row.id, "flags")),
  ruleSetVersion: row.ruleSetVersion,
  submittedAt: row.submittedAt,
  highestSeverity: row.highestSeverity,
  needsAcknowledgement: row.needsAcknowledgement,
});

export const readCheckinAnswers = (id: string, answersEnc: string): unknown => readEncryptedJson(answersEnc, checkinAad(id, "answers"));

export const toCheckinRow = (row: typeof checkins.$inferSelect): CheckinRow => ({
  id: row.id,
  courseId: row.courseId,
  requestId: row.requestId,
  checkinVersion: row.checkinVersion,
  answers: readCheckinAnswers(row.id, row.answersEnc),
  flags: readEncryptedJson(row.flagsEnc, checkinAad(row.id, "flags")),
  ruleSetVersion: row.ruleSetVersion,
  submittedAt: row.submittedAt,
  highestSeverity: row.highestSeverity,
  needsAcknowledgement: row.needsAcknowledgement,
  acknowledgedAt: row.acknowledgedAt,
  acknowledgedBy: row.acknowledgedBy,
});

export const draftStateEnc = (id: string, state: unknown) => writeEncryptedJson(state, checkinDraftAad(id));
export const readDraftStateOf = (row: Pick<typeof checkinDrafts.$inferSelect, "id" | "stateEnc">): CheckinDraftState["state"] => readEncryptedJson(row.stateEnc, checkinDraftAad(row.id));

/** SQLite's unique violation (as better-sqlite3 raises it, or wrapped by drizzle) naming this column list. */
export function isSqliteUniqueViolation(error: unknown, columns: string): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === "SQLITE_CONSTRAINT_UNIQUE") return typeof e.message === "string" && e.message.includes(columns);
  }
  return false;
}

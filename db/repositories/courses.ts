import "server-only";
import type { IntakeStatus } from "@/db/schema";
import { byDialect } from "@/db/dialect";
import type { AuditEvent } from "@/lib/audit/audit-log";
import type { EndReason, Phase } from "@/lib/course/course-fields";
import { pgCourses } from "./pg/courses";
import { sqliteCourses } from "./sqlite/courses";

/**
 * Courses, their phase changes and their session records (append-only versions). Each write
 * appends its audit event in the same transaction. Plain values in and out: what may follow what
 * and how flags are computed is the feature's (lib/course-records). Per dialect in
 * ./sqlite/courses.ts and ./pg/courses.ts; mapping and encryption in ./shared/courses.ts.
 */

export interface CourseRow {
  id: string;
  intakeId: string;
  startedOn: string;
  phase: Phase;
  plannedAcuteSessions: number;
  baselinePhq9: number;
  endReason: EndReason | null;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
}

export interface NewCourseRow {
  id: string;
  intakeId: string;
  startedOn: string;
  plannedAcuteSessions: number;
  baselinePhq9: number;
  openedAt: Date;
  openedBy: string;
  /** The course's report facts as the feature builds them (encrypted with the row). */
  outcomeFacts: unknown;
}

/** What the start of a course is decided on, read in the same transaction as the insert. */
export interface IntakeForCourse {
  status: IntakeStatus;
  /** Whether the intake was ever moved to consult_booked (an archived intake may have been). */
  everConsultBooked: boolean;
}

export type InsertCourseResult =
  | { outcome: "missing" }
  | { outcome: "refused"; status: IntakeStatus }
  | { outcome: "open_course"; course?: { id: string; intakeId: string; startedOn: string } }
  | { outcome: "created" };

export interface PhaseChange {
  to: Phase;
  endReason: EndReason | null;
  byUserId: string;
  at: Date;
  allowed: (from: Phase) => boolean;
  audit: (from: Phase) => AuditEvent;
}

export type PhaseChangeResult = { outcome: "missing" } | { outcome: "refused"; from: Phase } | { outcome: "changed"; from: Phase };

export interface PhaseChangeRow {
  from: Phase;
  to: Phase;
  reason: EndReason | null;
  byUserId: string;
  at: string;
}

export interface NewSessionVersion {
  id: string;
  courseId: string;
  sessionId: string;
  /** 1 for a new session; the latest version + 1 for a correction. */
  version: number;
  record: unknown;
  flags: unknown;
  ruleSetVersion: string;
  recordedAt: Date;
  recordedBy: string;
  correctionReason: string | null;
}

/** `ended`: a new session on an ended course; `stale`: the version to correct is not the latest (or does not exist). */
export type InsertSessionResult = "missing" | "ended" | "stale" | "stored";

export interface SessionVersionRow {
  id: string;
  sessionId: string;
  version: number;
  /** Decrypted, not yet validated. */
  record: unknown;
  flags: unknown;
  ruleSetVersion: string;
  recordedAt: string;
  recordedBy: string;
  correctionReason: string | null;
}

/** One course as the clinic outcome report reads it: plain columns, counts, and its decrypted report facts. */
export interface ReportCourseRow {
  id: string;
  startedOn: string;
  phase: Phase;
  endReason: EndReason | null;
  baselinePhq9: number;
  reachedMaintenance: boolean;
  /** Sessions, each counted once however often corrected. */
  sessions: number;
  checkins: number;
  /** Decrypted, not yet validated; null until backfilled. */
  outcomeFacts: unknown;
}

/** What a course's report facts are computed from when they have to be computed afresh (the backfill). */
export interface OutcomeFactsSource {
  /** The intake's decrypted answers (not its contact details). */
  intakeAnswers: Record<string, unknown>;
  /** Oldest first, decrypted. */
  checkins: { answers: unknown; flags: unknown }[];
}

export interface CoursesRepository {
  insertCourse(row: NewCourseRow, allowed: (intake: IntakeForCourse) => boolean, event: AuditEvent): Promise<InsertCourseResult>;
  readCourse(id: string): Promise<CourseRow | undefined>;
  listCoursesOfIntakes(intakeIds: readonly string[]): Promise<CourseRow[]>;
  changePhase(courseId: string, change: PhaseChange): Promise<PhaseChangeResult>;
  listPhaseChanges(courseId: string): Promise<PhaseChangeRow[]>;
  insertSessionVersion(version: NewSessionVersion, event: AuditEvent): Promise<InsertSessionResult>;
  listSessionVersions(courseId: string): Promise<SessionVersionRow[]>;
  /** Intake ids (of those given) whose courses are open, or closed on or after `closedSince`. */
  intakesWithCourseActiveSince(intakeIds: readonly string[], closedSince: string): Promise<string[]>;
  listReportCourses(range: { from: string; to: string }): Promise<ReportCourseRow[]>;
  listCoursesWithoutOutcomeFacts(limit: number): Promise<string[]>;
  fillOutcomeFacts(courseId: string, compute: (source: OutcomeFactsSource) => unknown): Promise<boolean>;
}

const repo = () => byDialect<CoursesRepository>({ sqlite: sqliteCourses, postgres: pgCourses });

/**
 * Starts a course in one transaction: reads the intake, asks `allowed`, refuses when the client
 * (the intake's e-mail blind index) has an open course — the partial unique index
 * courses_one_open_per_client refuses it too — then inserts the course, its first phase change and
 * the audit event.
 */
export const insertCourse: CoursesRepository["insertCourse"] = (row, allowed, event) => repo().insertCourse(row, allowed, event);

export const readCourse: CoursesRepository["readCourse"] = (id) => repo().readCourse(id);

/** The courses of these intakes, newest first. */
export const listCoursesOfIntakes: CoursesRepository["listCoursesOfIntakes"] = (intakeIds) => repo().listCoursesOfIntakes(intakeIds);

/** Moves a course to `to` if `allowed(current)`, with its history row and audit event, in one transaction. */
export const changePhase: CoursesRepository["changePhase"] = (courseId, change) => repo().changePhase(courseId, change);

/** Phase changes in the order made (the first is the start: from `acute` to `acute`). */
export const listPhaseChanges: CoursesRepository["listPhaseChanges"] = (courseId) => repo().listPhaseChanges(courseId);

/** Appends one version of a session record (never updates one), audited, in one transaction. */
export const insertSessionVersion: CoursesRepository["insertSessionVersion"] = (version, event) => repo().insertSessionVersion(version, event);

/** Every version of every session of a course, decrypted, oldest first. */
export const listSessionVersions: CoursesRepository["listSessionVersions"] = (courseId) => repo().listSessionVersions(courseId);

/** For retention: which of these intakes still have a course that is open or closed since `closedSince`. */
export const intakesWithCourseActiveSince: CoursesRepository["intakesWithCourseActiveSince"] = (intakeIds, closedSince) =>
  repo().intakesWithCourseActiveSince(intakeIds, closedSince);

/** Courses started from `from` to `to` (inclusive, YYYY-MM-DD) with what the clinic report needs; one decryption per course. */
export const listReportCourses: CoursesRepository["listReportCourses"] = (range) => repo().listReportCourses(range);

/** Ids of courses whose report facts are not stored yet (stored before they existed), up to `limit`. */
export const listCoursesWithoutOutcomeFacts: CoursesRepository["listCoursesWithoutOutcomeFacts"] = (limit) => repo().listCoursesWithoutOutcomeFacts(limit);

/**
 * Computes and stores one course's report facts if it still has none, in one transaction that
 * check-in submissions serialise with (so none is missed). False when it had them or is gone.
 */
export const fillOutcomeFacts: CoursesRepository["fillOutcomeFacts"] = (courseId, compute) => repo().fillOutcomeFacts(courseId, compute);

import "server-only";
import { byDialect } from "@/db/dialect";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { pgCheckins } from "./pg/checkins";
import { sqliteCheckins } from "./sqlite/checkins";

/**
 * Check-in links (only token hashes are stored), the client's encrypted drafts, submitted
 * check-ins with their flags as computed, and the acknowledgement of urgent ones. Each write that
 * matters is one transaction with its audit event. Times are ISO strings or Dates chosen by the
 * feature (lib/course-records/checkins.ts). Per dialect in ./sqlite/checkins.ts and ./pg/checkins.ts.
 */

export interface CheckinRequestRow {
  id: string;
  courseId: string;
  intakeId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  emailedAt: string | null;
  usedAt: string | null;
  wrongDobTries: number;
  endedAt: string | null;
}

export interface NewCheckinRequestRow {
  id: string;
  courseId: string;
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: string;
}

export interface CheckinDraftState {
  id: string;
  requestId: string;
  courseId: string;
  intakeId: string;
  /** Decrypted, not yet validated. */
  state: unknown;
  crisisShown: boolean;
  expiresAt: string;
  request: Pick<CheckinRequestRow, "expiresAt" | "usedAt" | "endedAt">;
  /** The check-in this draft became, once submitted. */
  checkinId: string | null;
}

export interface NewCheckinRow {
  id: string;
  courseId: string;
  requestId: string;
  checkinVersion: string;
  answers: unknown;
  flags: unknown;
  ruleSetVersion: string;
  submittedAt: string;
  highestSeverity: string | null;
  needsAcknowledgement: boolean;
}

export interface CheckinRow extends Omit<NewCheckinRow, "needsAcknowledgement"> {
  needsAcknowledgement: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** What the flags of a check-in are computed against, read in the submitting transaction. */
export interface SubmissionContext {
  courseId: string;
  baselinePhq9: number;
  /** The course's latest check-in before this one (decrypted answers), if any. */
  previousAnswers: unknown;
}

export interface Submission {
  checkinId: string;
  submittedAt: Date;
  /** The check-in row, computed from the context (flags need the previous check-in). */
  build: (ctx: SubmissionContext) => Omit<NewCheckinRow, "id" | "courseId" | "requestId" | "submittedAt">;
  /** What the draft keeps after submission (the answers are removed from it). */
  keepState: unknown;
  /**
   * The check-in's PHQ-9 total: before session 1 it becomes the course's baseline (treatment-course.md:
   * "a baseline check-in replaces it if one is done before session 1"). Its own flags use the baseline before it.
   */
  baselineBeforeFirstSession: number;
  /**
   * The course's report facts after this check-in, from those stored (decrypted) and the built row.
   * Not called while a course has none (stored before they existed): the backfill computes those whole.
   */
  outcomeFacts: (stored: unknown, built: ReturnType<Submission["build"]>) => unknown;
  /** The final answers brought up the crisis numbers: the draft's flag turns on (the confirmation keeps them). */
  crisisShown: boolean;
  audit: (checkin: { id: string; courseId: string; needsAcknowledgement: boolean; baselineReplaced: boolean }) => AuditEvent;
}

export type SubmitResult =
  | { outcome: "unavailable" }
  | { outcome: "replayed"; checkinId: string; courseId: string }
  | { outcome: "stored"; checkinId: string; courseId: string; needsAcknowledgement: boolean; baselineReplaced: boolean };

export type DobMismatchResult = { tries: number; ended: boolean } | undefined;

export interface CourseAttentionRow {
  courseId: string;
  intakeId: string;
  /** Urgent check-ins of the course no therapist has acknowledged yet. */
  unacknowledged: number;
  oldestUnacknowledgedAt: string | null;
  /** Links sent and still usable (not answered, not ended, not expired). */
  openRequests: number;
  latestCheckinAt: string | null;
}

export interface CheckinsRepository {
  insertRequest(row: NewCheckinRequestRow, event: AuditEvent): Promise<"missing" | "ended" | "created">;
  markRequestEmailed(id: string, at: Date, event: AuditEvent): Promise<void>;
  findRequestByTokenHash(tokenHash: string): Promise<CheckinRequestRow | undefined>;
  listRequestsOfCourse(courseId: string): Promise<CheckinRequestRow[]>;
  recordDobMismatch(requestId: string, maxTries: number, at: Date, events: (result: { tries: number; ended: boolean }) => AuditEvent[]): Promise<DobMismatchResult>;
  startDraft(requestId: string, draft: { id: string; sessionHash: string; state: unknown; createdAt: Date; expiresAt: string }, event: AuditEvent): Promise<boolean>;
  findDraftBySessionHash(sessionHash: string, now: string): Promise<CheckinDraftState | undefined>;
  updateDraftState(id: string, change: { state: unknown; crisisShown: boolean; updatedAt: string; expiresAt: string; now: string }): Promise<boolean>;
  submit(draftId: string, submission: Submission): Promise<SubmitResult>;
  listCheckinsOfCourse(courseId: string): Promise<CheckinRow[]>;
  acknowledge(checkinId: string, by: { userId: string; at: Date }, event: (owner: { courseId: string; intakeId: string }) => AuditEvent): Promise<"missing" | "already" | "acknowledged">;
  listCourseAttention(now: string): Promise<CourseAttentionRow[]>;
  deleteExpiredDrafts(now: string): Promise<number>;
}

const repo = () => byDialect<CheckinsRepository>({ sqlite: sqliteCheckins, postgres: pgCheckins });

/** Stores a link's hash for an open course, audited; "missing"/"ended" when the course is gone or ended. */
export const insertRequest: CheckinsRepository["insertRequest"] = (row, event) => repo().insertRequest(row, event);

export const markRequestEmailed: CheckinsRepository["markRequestEmailed"] = (id, at, event) => repo().markRequestEmailed(id, at, event);

export const findRequestByTokenHash: CheckinsRepository["findRequestByTokenHash"] = (tokenHash) => repo().findRequestByTokenHash(tokenHash);

/** Newest first. */
export const listRequestsOfCourse: CheckinsRepository["listRequestsOfCourse"] = (courseId) => repo().listRequestsOfCourse(courseId);

/**
 * Counts one wrong date of birth in one transaction; at `maxTries` the link ends. Undefined when
 * the link was already used or ended (nothing counted).
 */
export const recordDobMismatch: CheckinsRepository["recordDobMismatch"] = (requestId, maxTries, at, events) => repo().recordDobMismatch(requestId, maxTries, at, events);

/**
 * Creates the draft of a link whose date of birth was confirmed, replacing an earlier one (another
 * browser), if the link is still usable at `draft.createdAt`; audited. False when it is not.
 */
export const startDraft: CheckinsRepository["startDraft"] = (requestId, draft, event) => repo().startDraft(requestId, draft, event);

/** The unexpired draft of a session hash, with its link's state. */
export const findDraftBySessionHash: CheckinsRepository["findDraftBySessionHash"] = (sessionHash, now) => repo().findDraftBySessionHash(sessionHash, now);

/** Saves a draft's state while its link is usable at `now`; the crisis flag only ever turns on. */
export const updateDraftState: CheckinsRepository["updateDraftState"] = (id, change) => repo().updateDraftState(id, change);

/**
 * Submits a draft in one transaction: the link checked (and locked), the flags computed against the
 * previous check-in, the check-in stored, the link used up, the draft emptied, the audit event
 * appended. A link already used returns its check-in ("replayed"): a double submit stores one.
 */
export const submitCheckin: CheckinsRepository["submit"] = (draftId, submission) => repo().submit(draftId, submission);

/** Oldest first. */
export const listCheckinsOfCourse: CheckinsRepository["listCheckinsOfCourse"] = (courseId) => repo().listCheckinsOfCourse(courseId);

export const acknowledgeCheckin: CheckinsRepository["acknowledge"] = (checkinId, by, event) => repo().acknowledge(checkinId, by, event);

/** Courses with unacknowledged urgent check-ins or open links; unacknowledged first (oldest first), then the rest. */
export const listCourseAttention: CheckinsRepository["listCourseAttention"] = (now) => repo().listCourseAttention(now);

export const deleteExpiredCheckinDrafts: CheckinsRepository["deleteExpiredDrafts"] = (now) => repo().deleteExpiredDrafts(now);

import "server-only";
import type { IntakeStatus } from "@/db/schema";
import { byDialect } from "@/db/dialect";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { pgIntakeReview } from "./pg/intake-review";
import { sqliteIntakeReview } from "./sqlite/intake-review";

/**
 * What therapists add to an intake: status changes (with their history), notes, the acknowledgement
 * of an urgent intake. Each write appends its audit event in the same transaction. Which status may
 * follow which is the review feature's (lib/review/workflow.ts). Per dialect in
 * ./sqlite/intake-review.ts and ./pg/intake-review.ts.
 */

export interface StatusChangeRow {
  from: string;
  to: string;
  at: string;
  byUserId: string | null;
}

export interface NoteRow {
  id: string;
  at: string;
  authorUserId: string | null;
  body: string;
}

export type StatusChangeResult = { outcome: "missing" } | { outcome: "refused"; from: IntakeStatus } | { outcome: "changed"; from: IntakeStatus };

export type AcknowledgeResult = "missing" | "already" | "acknowledged";

export interface StatusChange {
  to: IntakeStatus;
  byUserId: string;
  at: Date;
  allowed: (from: IntakeStatus) => boolean;
  audit: (from: IntakeStatus) => AuditEvent;
}

export interface IntakeReviewRepository {
  listStatusHistory(intakeId: string): Promise<StatusChangeRow[]>;
  listNotes(intakeId: string): Promise<NoteRow[]>;
  userNames(ids: readonly string[]): Promise<Map<string, string>>;
  changeStatus(intakeId: string, change: StatusChange): Promise<StatusChangeResult>;
  insertNote(intakeId: string, note: { id: string; authorUserId: string; at: Date; body: string }, event: AuditEvent): Promise<boolean>;
  acknowledge(intakeId: string, by: { userId: string; at: Date }, event: AuditEvent): Promise<AcknowledgeResult>;
}

const repo = () => byDialect<IntakeReviewRepository>({ sqlite: sqliteIntakeReview, postgres: pgIntakeReview });

export const listStatusHistory: IntakeReviewRepository["listStatusHistory"] = (intakeId) => repo().listStatusHistory(intakeId);

/** Notes in the order written, decrypted. */
export const listNotes: IntakeReviewRepository["listNotes"] = (intakeId) => repo().listNotes(intakeId);

/** Account names by id (accounts since deleted are absent). */
export const userNames: IntakeReviewRepository["userNames"] = (ids) => repo().userNames(ids);

/**
 * Moves an intake to `to` if `allowed(current)` says so, recording the change in its history and
 * the audit event `audit(current)` — all in one transaction, so the check sees the status it changes.
 */
export const changeStatus: IntakeReviewRepository["changeStatus"] = (intakeId, change) => repo().changeStatus(intakeId, change);

/** Adds an encrypted note; false when the intake no longer exists. */
export const insertNote: IntakeReviewRepository["insertNote"] = (intakeId, note, event) => repo().insertNote(intakeId, note, event);

/** Records who saw an urgent intake and when. */
export const acknowledge: IntakeReviewRepository["acknowledge"] = (intakeId, by, event) => repo().acknowledge(intakeId, by, event);

import "server-only";
import type { IntakeStatus } from "@/db/schema";
import { byDialect } from "@/db/dialect";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { pgIntakes } from "./pg/intakes";
import { sqliteIntakes } from "./sqlite/intakes";

/**
 * Intake rows: stored, read back decrypted, found through blind indexes, deleted. Plain values in
 * and out; what the values mean (which answers are contact details, how a triage ranks) is the
 * intake feature's (lib/intake/intake-record.ts).
 *
 * The dialect is chosen per call (db/dialect.ts): ./sqlite/intakes.ts or ./pg/intakes.ts, both
 * implementing IntakesRepository; row mapping and encryption are shared (./shared/intakes.ts).
 */

/** The assessment snapshot and the plain columns the queue sorts and filters on. */
export interface AssessmentColumns {
  snapshot: unknown;
  ruleSetVersion: string;
  triage: string;
  highestSeverity: string | null;
  urgent: boolean;
  phq9Total: number;
  triageRank: number;
}

export interface NewIntakeRow {
  questionnaireId: string;
  questionnaireVersion: string;
  receivedAt: string;
  submittedAt: string;
  referenceDate: string;
  /** Contact details and the other answers, each stored in its own encrypted column. */
  contact: Record<string, unknown>;
  answers: Record<string, unknown>;
  /** The e-mail address as searched (lower-cased) and the name tokens, stored as blind indexes only. */
  emailKey: string;
  nameTokens: readonly string[];
  idempotencyKey?: string;
  requestDigest?: string;
  assessment: AssessmentColumns;
  needsAcknowledgement: boolean;
  consent?: { privacyNoticeVersion: string; consentedAt: string };
}

export type InsertIntakeResult =
  | { outcome: "created"; intake: { id: string; reference: string } }
  | { outcome: "replayed"; intake: { id: string; reference: string } }
  | { outcome: "idempotency_conflict" };

/** One intake, decrypted: contact details and answers as stored, the assessment snapshot untyped. */
export interface IntakeRow {
  id: string;
  reference: string;
  questionnaireId: string;
  questionnaireVersion: string;
  receivedAt: string;
  submittedAt: string;
  referenceDate: string;
  status: IntakeStatus;
  contact: Record<string, unknown>;
  answers: Record<string, unknown>;
  assessment: unknown;
  emailIndex: string;
  privacyNoticeVersion: string | null;
  consentedAt: string | null;
  needsAcknowledgement: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface IntakesRepository {
  insertIntake(row: NewIntakeRow, newIdentity: () => { id: string; reference: string }): Promise<InsertIntakeResult>;
  readIntake(id: string): Promise<IntakeRow | undefined>;
  countIntakes(): Promise<number>;
  findIntakeIdByReference(reference: string): Promise<string | undefined>;
  findIntakeIdsByEmail(emailKey: string): Promise<string[]>;
  findIntakeIdsByNameTokens(nameTokens: readonly string[]): Promise<string[]>;
  findIntakeIdsSharingEmail(intakeId: string): Promise<string[]>;
  listIntakeIdsWithoutAssessment(): Promise<string[]>;
  storeAssessment(id: string, assessment: AssessmentColumns): Promise<void>;
  listIntakeIdsInStatusReceivedBefore(statuses: readonly IntakeStatus[], receivedBefore: string): Promise<string[]>;
  deleteIntakes(ids: readonly string[], auditEvents: readonly AuditEvent[], now?: Date): Promise<void>;
}

const repo = () => byDialect<IntakesRepository>({ sqlite: sqliteIntakes, postgres: pgIntakes });

/**
 * Stores an intake in one transaction: the row, its encrypted columns and its name tokens; nothing
 * is written unless everything is. A repeated idempotency key returns the first intake (or a
 * conflict when the request differs), also when the repeats arrive at once. `newIdentity` draws an
 * id and reference; a reference that collides is drawn again.
 */
export const insertIntake: IntakesRepository["insertIntake"] = (row, newIdentity) => repo().insertIntake(row, newIdentity);

export const readIntake: IntakesRepository["readIntake"] = (id) => repo().readIntake(id);

export const countIntakes: IntakesRepository["countIntakes"] = () => repo().countIntakes();

/** By exact (normalised) reference. */
export const findIntakeIdByReference: IntakesRepository["findIntakeIdByReference"] = (reference) => repo().findIntakeIdByReference(reference);

/** By exact e-mail address, as normalised for search (the same key it was stored under). */
export const findIntakeIdsByEmail: IntakesRepository["findIntakeIdsByEmail"] = (emailKey) => repo().findIntakeIdsByEmail(emailKey);

/** Intakes whose name tokens include every one given. */
export const findIntakeIdsByNameTokens: IntakesRepository["findIntakeIdsByNameTokens"] = (nameTokens) => repo().findIntakeIdsByNameTokens(nameTokens);

/** The intakes sent with the same e-mail address as this one (itself included), oldest first; none when it does not exist. */
export const findIntakeIdsSharingEmail: IntakesRepository["findIntakeIdsSharingEmail"] = (intakeId) => repo().findIntakeIdsSharingEmail(intakeId);

export const listIntakeIdsWithoutAssessment: IntakesRepository["listIntakeIdsWithoutAssessment"] = () => repo().listIntakeIdsWithoutAssessment();

export const storeAssessment: IntakesRepository["storeAssessment"] = (id, assessment) => repo().storeAssessment(id, assessment);

export const listIntakeIdsInStatusReceivedBefore: IntakesRepository["listIntakeIdsInStatusReceivedBefore"] = (statuses, receivedBefore) =>
  repo().listIntakeIdsInStatusReceivedBefore(statuses, receivedBefore);

/**
 * Deletes intakes (their notes, history and name tokens go with them by foreign key) and the drafts
 * they came from, appending the given audit events in the same transaction.
 */
export const deleteIntakes: IntakesRepository["deleteIntakes"] = (ids, auditEvents, now) => repo().deleteIntakes(ids, auditEvents, now);

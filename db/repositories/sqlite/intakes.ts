import "server-only";
import { and, asc, count, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { drafts, intakeNameTokens, intakes, type IntakeStatus } from "@/db/schema";
import { intakeAad, readEncrypted, readEncryptedJson, writeEncrypted, writeEncryptedJson } from "@/db/encrypted";
import { inTransaction } from "@/db/transaction";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { blindIndex } from "@/lib/crypto/field-encryption";

/**
 * Intake rows: stored, read back decrypted, found through blind indexes, deleted. Plain values in
 * and out; what the values mean (which answers are contact details, how a triage ranks) is the
 * intake feature's (lib/intake/intake-record.ts).
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

function assessmentValues(id: string, a: AssessmentColumns) {
  return {
    assessmentEnc: writeEncryptedJson(a.snapshot, intakeAad(id, "assessment")),
    ruleSetVersion: a.ruleSetVersion,
    triage: a.triage,
    highestSeverity: a.highestSeverity,
    urgent: a.urgent,
    phq9Total: a.phq9Total,
    triageRank: a.triageRank,
  };
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === "SQLITE_CONSTRAINT_UNIQUE" && !!e.message?.includes(column);
}

/**
 * Stores an intake in one immediate transaction: the row, its encrypted columns and its name
 * tokens; nothing is written unless everything is. A repeated idempotency key returns the first
 * intake (or a conflict when the request differs). `newIdentity` draws an id and reference; a
 * reference that collides is drawn again.
 */
export async function insertIntake(row: NewIntakeRow, newIdentity: () => { id: string; reference: string }): Promise<InsertIntakeResult> {
  const idempotencyIndex = row.idempotencyKey ? blindIndex("idempotency", row.idempotencyKey) : null;
  const requestIndex = row.requestDigest ? blindIndex("request", row.requestDigest) : null;
  const tokens = [...new Set(row.nameTokens)].map((t) => blindIndex("name", t));
  for (let attempt = 0; ; attempt++) {
    const { id, reference } = newIdentity();
    try {
      return inTransaction((tx): InsertIntakeResult => {
        if (idempotencyIndex) {
          const existing = tx
            .select({ id: intakes.id, referenceEnc: intakes.referenceEnc, requestIndex: intakes.requestIndex })
            .from(intakes)
            .where(eq(intakes.idempotencyIndex, idempotencyIndex))
            .get();
          if (existing) {
            if (existing.requestIndex !== requestIndex) return { outcome: "idempotency_conflict" };
            return { outcome: "replayed", intake: { id: existing.id, reference: readEncrypted(existing.referenceEnc, intakeAad(existing.id, "reference")) } };
          }
        }
        tx.insert(intakes)
          .values({
            id,
            referenceIndex: blindIndex("reference", reference),
            referenceEnc: writeEncrypted(reference, intakeAad(id, "reference")),
            questionnaireId: row.questionnaireId,
            questionnaireVersion: row.questionnaireVersion,
            receivedAt: row.receivedAt,
            submittedAt: row.submittedAt,
            referenceDate: row.referenceDate,
            status: "new",
            contactEnc: writeEncryptedJson(row.contact, intakeAad(id, "contact")),
            answersEnc: writeEncryptedJson(row.answers, intakeAad(id, "answers")),
            emailIndex: blindIndex("email", row.emailKey),
            idempotencyIndex,
            requestIndex,
            ...assessmentValues(id, row.assessment),
            needsAcknowledgement: row.needsAcknowledgement,
            privacyNoticeVersion: row.consent?.privacyNoticeVersion ?? null,
            consentedAt: row.consent?.consentedAt ?? null,
          })
          .run();
        if (tokens.length > 0) tx.insert(intakeNameTokens).values(tokens.map((token) => ({ intakeId: id, token }))).run();
        return { outcome: "created", intake: { id, reference } };
      });
    } catch (error) {
      // A 40-bit reference may collide once in a long while; draw another.
      if (attempt < 5 && isUniqueViolation(error, "reference_index")) continue;
      throw error;
    }
  }
}

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

export async function readIntake(id: string): Promise<IntakeRow | undefined> {
  const row = getDb().select().from(intakes).where(eq(intakes.id, id)).get();
  if (!row) return undefined;
  return {
    id: row.id,
    reference: readEncrypted(row.referenceEnc, intakeAad(row.id, "reference")),
    questionnaireId: row.questionnaireId,
    questionnaireVersion: row.questionnaireVersion,
    receivedAt: row.receivedAt,
    submittedAt: row.submittedAt,
    referenceDate: row.referenceDate,
    status: row.status,
    contact: readEncryptedJson(row.contactEnc, intakeAad(row.id, "contact")) as Record<string, unknown>,
    answers: readEncryptedJson(row.answersEnc, intakeAad(row.id, "answers")) as Record<string, unknown>,
    assessment: row.assessmentEnc ? readEncryptedJson(row.assessmentEnc, intakeAad(row.id, "assessment")) : undefined,
    emailIndex: row.emailIndex,
    privacyNoticeVersion: row.privacyNoticeVersion,
    consentedAt: row.consentedAt,
    needsAcknowledgement: row.needsAcknowledgement,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
  };
}

export async function countIntakes(): Promise<number> {
  return getDb().select({ n: count() }).from(intakes).get()!.n;
}

/** By exact (normalised) reference. */
export async function findIntakeIdByReference(reference: string): Promise<string | undefined> {
  return getDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.referenceIndex, blindIndex("reference", reference))).get()?.id;
}

/** By exact e-mail address, as normalised for search (the same key it was stored under). */
export async function findIntakeIdsByEmail(emailKey: string): Promise<string[]> {
  return getDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, blindIndex("email", emailKey))).all().map((r) => r.id);
}

/** Intakes whose name tokens include every one given. */
export async function findIntakeIdsByNameTokens(nameTokens: readonly string[]): Promise<string[]> {
  const tokens = [...new Set(nameTokens.map((t) => blindIndex("name", t)))];
  if (tokens.length === 0) return [];
  return getDb()
    .select({ id: intakeNameTokens.intakeId })
    .from(intakeNameTokens)
    .where(inArray(intakeNameTokens.token, tokens))
    .groupBy(intakeNameTokens.intakeId)
    .having(sql`count(*) = ${tokens.length}`)
    .all()
    .map((r) => r.id);
}

/** The intakes sent with the same e-mail address as this one (itself included), oldest first; none when it does not exist. */
export async function findIntakeIdsSharingEmail(intakeId: string): Promise<string[]> {
  const db = getDb();
  const row = db.select({ emailIndex: intakes.emailIndex }).from(intakes).where(eq(intakes.id, intakeId)).get();
  if (!row) return [];
  return db.select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, row.emailIndex)).orderBy(asc(intakes.receivedAt)).all().map((r) => r.id);
}

export async function listIntakeIdsWithoutAssessment(): Promise<string[]> {
  return getDb().select({ id: intakes.id }).from(intakes).where(isNull(intakes.assessmentEnc)).all().map((r) => r.id);
}

export async function storeAssessment(id: string, assessment: AssessmentColumns): Promise<void> {
  getDb().update(intakes).set(assessmentValues(id, assessment)).where(eq(intakes.id, id)).run();
}

export async function listIntakeIdsInStatusReceivedBefore(statuses: readonly IntakeStatus[], receivedBefore: string): Promise<string[]> {
  return getDb()
    .select({ id: intakes.id })
    .from(intakes)
    .where(and(inArray(intakes.status, [...statuses]), lt(intakes.receivedAt, receivedBefore)))
    .all()
    .map((r) => r.id);
}

/**
 * Deletes intakes (their notes, history and name tokens go with them by foreign key) and the drafts
 * they came from, appending the given audit events in the same transaction.
 */
export async function deleteIntakes(ids: readonly string[], auditEvents: readonly AuditEvent[], now?: Date): Promise<void> {
  inTransaction((tx, audit) => {
    for (const event of auditEvents) audit(event, now);
    tx.delete(drafts).where(inArray(drafts.intakeId, [...ids])).run();
    tx.delete(intakes).where(inArray(intakes.id, [...ids])).run();
  });
}

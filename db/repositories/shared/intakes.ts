import "server-only";
import type { intakes } from "@/db/schema";
import { intakeAad, readEncrypted, readEncryptedJson, writeEncrypted, writeEncryptedJson } from "@/db/encrypted";
import { blindIndex } from "@/lib/crypto/field-encryption";
import type { AssessmentColumns, IntakeRow, NewIntakeRow } from "../intakes";

/** What both dialects store and read the same way: the encrypted and blind-indexed column values, the decrypted row. */

export function assessmentValues(id: string, a: AssessmentColumns) {
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

/** The blind indexes an insert needs, computed once for all attempts. */
export function intakeIndexes(row: NewIntakeRow) {
  return {
    idempotencyIndex: row.idempotencyKey ? blindIndex("idempotency", row.idempotencyKey) : null,
    requestIndex: row.requestDigest ? blindIndex("request", row.requestDigest) : null,
    tokens: [...new Set(row.nameTokens)].map((t) => blindIndex("name", t)),
  };
}

/** The intakes row to insert for this identity (the same JS values on both dialects). */
export function intakeValues(id: string, reference: string, row: NewIntakeRow, indexes: ReturnType<typeof intakeIndexes>) {
  return {
    id,
    referenceIndex: blindIndex("reference", reference),
    referenceEnc: writeEncrypted(reference, intakeAad(id, "reference")),
    questionnaireId: row.questionnaireId,
    questionnaireVersion: row.questionnaireVersion,
    receivedAt: row.receivedAt,
    submittedAt: row.submittedAt,
    referenceDate: row.referenceDate,
    status: "new" as const,
    contactEnc: writeEncryptedJson(row.contact, intakeAad(id, "contact")),
    answersEnc: writeEncryptedJson(row.answers, intakeAad(id, "answers")),
    emailIndex: blindIndex("email", row.emailKey),
    idempotencyIndex: indexes.idempotencyIndex,
    requestIndex: indexes.requestIndex,
    ...assessmentValues(id, row.assessment),
    needsAcknowledgement: row.needsAcknowledgement,
    privacyNoticeVersion: row.consent?.privacyNoticeVersion ?? null,
    consentedAt: row.consent?.consentedAt ?? null,
  };
}

export const readReference = (id: string, referenceEnc: string) => readEncrypted(referenceEnc, intakeAad(id, "reference"));

/** A stored row (either dialect's select: same JS values), decrypted. */
export function toIntakeRow(row: typeof intakes.$inferSelect): IntakeRow {
  return {
    id: row.id,
    reference: readReference(row.id, row.referenceEnc),
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

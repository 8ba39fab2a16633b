import "server-only";
import * as repository from "@/db/repositories/intakes";
import { questionnaire, type Answers, type ParsedIntake } from "@/lib/questionnaire";
import { nameTokens } from "@/lib/questionnaire/text";
import { TRIAGE_RANK, type Assessment } from "@/lib/assessment";
import { newIntakeId, newReferenceCode, normalizeReferenceCode } from "@/lib/reference-code";

/**
 * A stored intake as the features see it: answers split into contact details and the rest for
 * storage and put back in questionnaire order when read, the assessment snapshot with its sort
 * keys, search through the blind indexes.
 */

const CONTACT_ITEMS: ReadonlySet<string> = new Set(
  questionnaire.sections.find((s) => s.id === "about")!.items.map((i) => i.id),
);

export interface StoredIntakeRef {
  id: string;
  reference: string;
}

export interface CreateIntakeOptions {
  receivedAt: Date;
  /** The assessment computed from this intake at submission, stored as a snapshot. */
  assessment: Assessment;
  /** Idempotency-Key of the request, if any; a retry with the same key returns the first intake. */
  idempotencyKey?: string;
  /** A digest of the request body, so a reused key with a different body is refused. */
  requestDigest?: string;
  /** The consent given in the form: the privacy notice version shown, and when. */
  consent?: ConsentRecord;
}

export interface ConsentRecord {
  privacyNoticeVersion: string;
  consentedAt: string;
}

export type CreateIntakeResult = repository.InsertIntakeResult;

function splitAnswers(answers: Answers) {
  const contact: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(answers)) (CONTACT_ITEMS.has(id) ? contact : rest)[id] = value;
  return { contact, rest };
}

/** The snapshot and the plain columns the queue sorts and filters on. */
export function assessmentColumns(assessment: Assessment): repository.AssessmentColumns {
  const top = assessment.considerations[0];
  return {
    snapshot: assessment,
    ruleSetVersion: assessment.ruleSetVersion,
    triage: assessment.triage,
    highestSeverity: top?.severity ?? null,
    urgent: assessment.triage === "urgent",
    phq9Total: assessment.scores.phq9.total,
    triageRank: TRIAGE_RANK[assessment.triage],
  };
}

/**
 * Stores a validated intake in one transaction: the row, its encrypted contact details and
 * answers, and its name tokens. Nothing is written unless everything is.
 */
export async function createIntake(intake: ParsedIntake, options: CreateIntakeOptions): Promise<CreateIntakeResult> {
  const { contact, rest } = splitAnswers(intake.answers);
  const names = [intake.answers.full_name, intake.answers.preferred_name].filter((n): n is string => !!n);
  return repository.insertIntake(
    {
      questionnaireId: intake.questionnaire,
      questionnaireVersion: intake.version,
      receivedAt: options.receivedAt.toISOString(),
      submittedAt: intake.submittedAt,
      referenceDate: intake.referenceDate,
      contact,
      answers: rest,
      emailKey: String(intake.answers.email ?? "").toLowerCase(),
      nameTokens: names.flatMap(nameTokens),
      idempotencyKey: options.idempotencyKey,
      requestDigest: options.requestDigest,
      assessment: assessmentColumns(options.assessment),
      needsAcknowledgement: options.assessment.triage === "urgent",
      consent: options.consent,
    },
    () => ({ id: newIntakeId(), reference: newReferenceCode() }),
  );
}

/** The stored intake as features see it: the row's own fields, answers whole and typed. */
export interface StoredIntake extends Pick<repository.IntakeRow, "id" | "reference" | "questionnaireId" | "questionnaireVersion" | "receivedAt" | "submittedAt" | "referenceDate" | "status"> {
  answers: Answers;
  /** The assessment stored at submission (undefined only before a backfill). */
  assessment?: Assessment;
  /** Present for intakes sent through the form. */
  consent?: ConsentRecord;
}

/** The stored row as an intake: answers back in questionnaire order, whatever order they were split in. */
export function toStoredIntake(row: repository.IntakeRow): StoredIntake {
  const answers = {} as Record<string, unknown>;
  for (const section of questionnaire.sections)
    for (const item of section.items) {
      const value = row.contact[item.id] ?? row.answers[item.id];
      if (value !== undefined) answers[item.id] = value;
    }
  return {
    id: row.id,
    reference: row.reference,
    questionnaireId: row.questionnaireId,
    questionnaireVersion: row.questionnaireVersion,
    receivedAt: row.receivedAt,
    submittedAt: row.submittedAt,
    referenceDate: row.referenceDate,
    status: row.status,
    answers: answers as Answers,
    assessment: row.assessment as Assessment | undefined,
    consent: row.privacyNoticeVersion && row.consentedAt ? { privacyNoticeVersion: row.privacyNoticeVersion, consentedAt: row.consentedAt } : undefined,
  };
}

/** Reads and decrypts one intake. */
export async function getIntakeById(id: string): Promise<StoredIntake | undefined> {
  const row = await repository.readIntake(id);
  return row ? toStoredIntake(row) : undefined;
}

export const countIntakes = (): Promise<number> => repository.countIntakes();

export function findIntakeIdByReference(reference: string): Promise<string | undefined> {
  return repository.findIntakeIdByReference(normalizeReferenceCode(reference));
}

export function findIntakeIdsByEmail(email: string): Promise<string[]> {
  return repository.findIntakeIdsByEmail(email.normalize("NFC").trim().toLowerCase());
}

/** Intakes whose names contain every token of the query (exact tokens, accents and case ignored). */
export function findIntakeIdsByName(query: string): Promise<string[]> {
  return repository.findIntakeIdsByNameTokens(nameTokens(query));
}

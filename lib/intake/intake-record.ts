import "server-only";
import { count, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { intakeNameTokens, intakes, type IntakeStatus } from "@/db/schema";
import { blindIndex, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { questionnaire, type Answers, type ParsedIntake } from "@/lib/questionnaire";
import { nameTokens } from "@/lib/questionnaire/text";
import type { Assessment, RuleSet } from "@/lib/assessment";
import { assess } from "@/lib/assessment";
import { newIntakeId, newReferenceCode, normalizeReferenceCode } from "@/lib/reference-code";

const CONTACT_ITEMS: ReadonlySet<string> = new Set(
  questionnaire.sections.find((s) => s.id === "about")!.items.map((i) => i.id),
);

export const intakeAad = (id: string, column: string) => `intakes.${id}.${column}`;
const aad = intakeAad;

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

export type CreateIntakeResult =
  | { outcome: "created"; intake: StoredIntakeRef }
  | { outcome: "replayed"; intake: StoredIntakeRef }
  | { outcome: "idempotency_conflict" };

function splitAnswers(answers: Answers) {
  const contact: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(answers)) (CONTACT_ITEMS.has(id) ? contact : rest)[id] = value;
  return { contact, rest };
}

function assessmentColumns(id: string, assessment: Assessment) {
  const top = assessment.considerations[0];
  return {
    assessmentEnc: encryptField(JSON.stringify(assessment), aad(id, "assessment")),
    ruleSetVersion: assessment.ruleSetVersion,
    triage: assessment.triage,
    highestSeverity: top?.severity ?? null,
    urgent: assessment.triage === "urgent",
    phq9Total: assessment.scores.phq9.total,
    triageRank: TRIAGE_RANK[assessment.triage],
  };
}

/** Stored sort key: the higher, the sooner the therapist should look. */
export const TRIAGE_RANK: Record<Assessment["triage"], number> = {
  urgent: 4,
  not_suitable_now: 3,
  needs_clearance: 2,
  proceed_with_cautions: 1,
  proceed: 0,
};

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === "SQLITE_CONSTRAINT_UNIQUE" && !!e.message?.includes(column);
}

/**
 * Stores a validated intake in one immediate transaction: the row, its encrypted contact details
 * and answers, and its name tokens. Nothing is written unless everything is.
 */
export function createIntake(intake: ParsedIntake, options: CreateIntakeOptions): CreateIntakeResult {
  const db = getDb();
  const idempotencyIndex = options.idempotencyKey ? blindIndex("idempotency", options.idempotencyKey) : null;
  const requestIndex = options.requestDigest ? blindIndex("request", options.requestDigest) : null;
  const { contact, rest } = splitAnswers(intake.answers);
  const names = [intake.answers.full_name, intake.answers.preferred_name].filter((n): n is string => !!n);
  const tokens = [...new Set(names.flatMap(nameTokens))].map((t) => blindIndex("name", t));

  for (let attempt = 0; ; attempt++) {
    const id = newIntakeId();
    const reference = newReferenceCode();
    try {
      return db.transaction(
        (tx): CreateIntakeResult => {
          if (idempotencyIndex) {
            const existing = tx
              .select({ id: intakes.id, referenceEnc: intakes.referenceEnc, requestIndex: intakes.requestIndex })
              .from(intakes)
              .where(eq(intakes.idempotencyIndex, idempotencyIndex))
              .get();
            if (existing) {
              if (existing.requestIndex !== requestIndex) return { outcome: "idempotency_conflict" };
              return {
                outcome: "replayed",
                intake: { id: existing.id, reference: decryptField(existing.referenceEnc, aad(existing.id, "reference")) },
              };
            }
          }
          tx.insert(intakes)
            .values({
              id,
              referenceIndex: blindIndex("reference", reference),
              referenceEnc: encryptField(reference, aad(id, "reference")),
              questionnaireId: intake.questionnaire,
              questionnaireVersion: intake.version,
              receivedAt: options.receivedAt.toISOString(),
              submittedAt: intake.submittedAt,
              referenceDate: intake.referenceDate,
              status: "new",
              contactEnc: encryptField(JSON.stringify(contact), aad(id, "contact")),
              answersEnc: encryptField(JSON.stringify(rest), aad(id, "answers")),
              emailIndex: blindIndex("email", String(intake.answers.email ?? "").toLowerCase()),
              idempotencyIndex,
              requestIndex,
              ...assessmentColumns(id, options.assessment),
              needsAcknowledgement: options.assessment.triage === "urgent",
              privacyNoticeVersion: options.consent?.privacyNoticeVersion ?? null,
              consentedAt: options.consent?.consentedAt ?? null,
            })
            .run();
          if (tokens.length > 0) tx.insert(intakeNameTokens).values(tokens.map((token) => ({ intakeId: id, token }))).run();
          return { outcome: "created", intake: { id, reference } };
        },
        { behavior: "immediate" },
      );
    } catch (error) {
      // A 40-bit reference may collide once in a long while; draw another.
      if (attempt < 5 && isUniqueViolation(error, "reference_index")) continue;
      throw error;
    }
  }
}

export interface StoredIntake {
  id: string;
  reference: string;
  questionnaireId: string;
  questionnaireVersion: string;
  receivedAt: string;
  submittedAt: string;
  referenceDate: string;
  status: IntakeStatus;
  answers: Answers;
  /** The assessment stored at submission (undefined only before a backfill). */
  assessment?: Assessment;
  /** Present for intakes sent through the form. */
  consent?: ConsentRecord;
}

/** Reads and decrypts one intake. */
export function getIntakeById(id: string): StoredIntake | undefined {
  const row = getDb().select().from(intakes).where(eq(intakes.id, id)).get();
  if (!row) return undefined;
  const contact = JSON.parse(decryptField(row.contactEnc, aad(row.id, "contact"))) as Answers;
  const rest = JSON.parse(decryptField(row.answersEnc, aad(row.id, "answers"))) as Answers;
  const answers = {} as Record<string, unknown>;
  // Present answers in questionnaire order, whatever order they were split in.
  for (const section of questionnaire.sections)
    for (const item of section.items) {
      const value = (contact as Record<string, unknown>)[item.id] ?? (rest as Record<string, unknown>)[item.id];
      if (value !== undefined) answers[item.id] = value;
    }
  return {
    id: row.id,
    reference: decryptField(row.referenceEnc, aad(row.id, "reference")),
    questionnaireId: row.questionnaireId,
    questionnaireVersion: row.questionnaireVersion,
    receivedAt: row.receivedAt,
    submittedAt: row.submittedAt,
    referenceDate: row.referenceDate,
    status: row.status,
    answers: answers as Answers,
    assessment: row.assessmentEnc ? (JSON.parse(decryptField(row.assessmentEnc, aad(row.id, "assessment"))) as Assessment) : undefined,
    consent:
      row.privacyNoticeVersion && row.consentedAt
        ? { privacyNoticeVersion: row.privacyNoticeVersion, consentedAt: row.consentedAt }
        : undefined,
  };
}

export function countIntakes(): number {
  return getDb().select({ n: count() }).from(intakes).get()!.n;
}

export function findIntakeIdByReference(reference: string): string | undefined {
  const index = blindIndex("reference", normalizeReferenceCode(reference));
  return getDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.referenceIndex, index)).get()?.id;
}

export function findIntakeIdsByEmail(email: string): string[] {
  const index = blindIndex("email", email.normalize("NFC").trim().toLowerCase());
  return getDb().select({ id: intakes.id }).from(intakes).where(eq(intakes.emailIndex, index)).all().map((r) => r.id);
}

/** Intakes whose names contain every token of the query (exact tokens, accents and case ignored). */
export function findIntakeIdsByName(query: string): string[] {
  const tokens = [...new Set(nameTokens(query).map((t) => blindIndex("name", t)))];
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

/** Computes and stores assessments for intakes stored before assessments existed. Returns how many. */
export function backfillAssessments(ruleSet: RuleSet): number {
  const db = getDb();
  const pending = db.select({ id: intakes.id }).from(intakes).where(isNull(intakes.assessmentEnc)).all();
  for (const { id } of pending) {
    const intake = getIntakeById(id)!;
    const columns = assessmentColumns(id, assess(intake.answers, intake.referenceDate, ruleSet));
    db.update(intakes).set(columns).where(eq(intakes.id, id)).run();
  }
  return pending.length;
}

export interface Reassessment {
  stored: Assessment | undefined;
  current: Assessment;
  /** True when the current rules give a different triage or list of considerations. */
  differs: boolean;
}

/** Re-assesses a stored intake under the current rules, never overwriting the stored snapshot. */
export function reassessIntake(id: string, ruleSet: RuleSet): Reassessment | undefined {
  const intake = getIntakeById(id);
  if (!intake) return undefined;
  const current = assess(intake.answers, intake.referenceDate, ruleSet);
  const key = (a: Assessment | undefined) =>
    a ? JSON.stringify([a.ruleSetVersion, a.triage, a.trbd, a.considerations.map((c) => [c.id, c.severity])]) : "";
  return { stored: intake.assessment, current, differs: key(intake.assessment) !== key(current) };
}

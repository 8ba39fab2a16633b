import "server-only";
import { getConfig } from "@/lib/config";
import { parseIntake, type Answers, type Issue, type SubmittedAtPolicy } from "@/lib/questionnaire";
import { assess } from "@/lib/assessment";
import { notifyUrgentIntake } from "@/lib/notify/urgent-notification";
import { consume, HOUR_MS, type LimitResult } from "@/lib/rate-limit/limiter";
import { limitKey } from "@/lib/rate-limit/keys";
import { createIntake, type ConsentRecord, type StoredIntakeRef } from "./intake-record";

/**
 * The one submit path, for POST /api/intakes and the wizard's final send: parse with the
 * questionnaire's schema, assess on the server, store (a repeated idempotency key returns the first
 * intake), and tell the clinic about a new urgent intake. Storage errors are thrown: each caller
 * answers and logs them in its own words.
 */

export interface SubmitOptions {
  receivedAt: Date;
  submittedAtPolicy: SubmittedAtPolicy;
  idempotencyKey?: string;
  /** A digest of the request, so a reused key with a different request is refused. */
  requestDigest?: string;
  consent?: ConsentRecord;
}

export type SubmitResult =
  | { outcome: "invalid"; errors: Issue[] }
  | { outcome: "idempotency_conflict" }
  /** `answers` are the canonical answers as parsed (and stored, unless replayed). */
  | { outcome: "stored"; intake: StoredIntakeRef; replayed: boolean; answers: Answers; warnings: Issue[] };

export async function submitIntake(body: unknown, options: SubmitOptions): Promise<SubmitResult> {
  const config = getConfig();
  const parsed = parseIntake(body, { receivedAt: options.receivedAt, timeZone: config.timeZone, submittedAtPolicy: options.submittedAtPolicy });
  if (!parsed.ok) return { outcome: "invalid", errors: parsed.errors };
  const assessment = assess(parsed.intake.answers, parsed.intake.referenceDate, config.ruleSets[parsed.intake.version]);
  const result = await createIntake(parsed.intake, {
    receivedAt: options.receivedAt,
    assessment,
    idempotencyKey: options.idempotencyKey,
    requestDigest: options.requestDigest,
    consent: options.consent,
  });
  if (result.outcome === "idempotency_conflict") return result;
  if (result.outcome === "created" && assessment.triage === "urgent") notifyUrgentIntake();
  return { outcome: "stored", intake: result.intake, replayed: result.outcome === "replayed", answers: parsed.intake.answers, warnings: parsed.warnings };
}

/** Counts one final submission from an address against RATE_LIMIT_SUBMIT_PER_HOUR (shared by the API and the wizard). */
export function consumeSubmission(address: string | null | undefined): Promise<LimitResult> {
  return consume(limitKey("submit", address), getConfig().submissionsPerHour, HOUR_MS);
}

import "server-only";
import { getConfig } from "@/lib/config";
import { assess, ruleSetFor, ruleSetOf, type Assessment, type RuleSet, type Thresholds } from "@/lib/assessment";
import { isQuestionnaireVersion } from "@/lib/questionnaire";
import { getIntakeById, type StoredIntake } from "@/lib/intake/intake-record";
import { recordIfStorageFault, RETRY_AFTER_SECONDS } from "@/lib/server/storage-faults";
import { logServerError } from "@/lib/server/log";
import { PdfWorkerFault, renderPdfInWorker } from "./render-pool";
import type { TherapistSummaryInput } from "./therapist-summary";

/** Builds the PDFs for the download routes from stored intakes, rendered in the worker pool. */

export function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** What a failed download says, whatever the cause: nothing in it comes from the intake or the error. */
export const PDF_FAILED_MESSAGE = "The PDF could not be made. Try again in a moment.";
/** A replaced render thread is ready at once; a few seconds spread the retries. */
export const PDF_RETRY_AFTER_SECONDS = 5;

/**
 * How a download route answers a failure: 503 with Retry-After when trying again soon should work
 * (the render thread crashed or hung and was replaced; the disk is full or the database unreachable,
 * remembered for /api/health), else 500. Logged with the error's class and code only.
 */
export function pdfFailure(error: unknown, event: string): { status: 500 | 503; headers: Record<string, string> } {
  logServerError(event, error);
  const fault = recordIfStorageFault(error);
  if (fault) return { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS[fault]) } };
  if (error instanceof PdfWorkerFault) return { status: 503, headers: { "retry-after": String(PDF_RETRY_AFTER_SECONDS) } };
  return { status: 500, headers: {} };
}

/** The reference is not a name: safe in a filename. */
const fileSafe = (reference: string) => reference.replace(/[^A-Z0-9-]/gi, "");

/**
 * The thresholds a stored assessment was made with, to judge its past trials one by one: the
 * configured set when it is that one, the default set of a plain version ("1", "2"), else (a custom
 * set no longer configured) today's configured thresholds — the summary then notes any difference in count.
 */
export function trialThresholdsFor(assessment: Assessment, configured: RuleSet): Thresholds {
  if (assessment.ruleSetVersion === configured.version) return configured.thresholds;
  if (isQuestionnaireVersion(assessment.ruleSetVersion)) return ruleSetFor(assessment.ruleSetVersion).thresholds;
  return configured.thresholds;
}

export async function renderTherapistSummary(intake: StoredIntake, record?: TherapistSummaryInput["record"]): Promise<{ pdf: Buffer; filename: string }> {
  const config = getConfig();
  const ruleSet = ruleSetOf(config.ruleSets, intake.questionnaireVersion);
  const assessment = intake.assessment ?? assess(intake.answers, intake.referenceDate, ruleSet);
  const pdf = await renderPdfInWorker({
    kind: "therapist-summary",
    input: {
      intakeId: intake.id,
      reference: intake.reference,
      receivedAt: intake.receivedAt,
      submittedAt: intake.submittedAt,
      questionnaireVersion: intake.questionnaireVersion,
      answers: intake.answers as Record<string, unknown>,
      assessment,
      trialThresholds: trialThresholdsFor(assessment, ruleSet),
      consent: intake.consent,
      generatedAt: new Date().toISOString(),
      timeZone: config.timeZone,
      clinicName: config.clinicName,
      record: record && { notes: record.notes.map(({ at, by, body }) => ({ at, by, body })), history: record.history },
    },
  });
  return { pdf, filename: `intake-summary-${fileSafe(intake.reference)}.pdf` };
}

export async function renderClientCopy(intakeId: string): Promise<{ pdf: Buffer; filename: string } | undefined> {
  const intake = await getIntakeById(intakeId);
  if (!intake) return undefined;
  const config = getConfig();
  const country = intake.answers.country ?? "other";
  const pdf = await renderPdfInWorker({
    kind: "client-copy",
    input: {
      reference: intake.reference,
      submittedAt: intake.submittedAt,
      questionnaireVersion: intake.questionnaireVersion,
      answers: intake.answers as Record<string, unknown>,
      generatedAt: new Date().toISOString(),
      timeZone: config.timeZone,
      clinicName: config.clinicName,
      reviewWindow: config.reviewWindow,
      treatmentDescription: config.treatmentDescription,
      clinicContact: config.clinicContact,
      crisis: config.crisisNumbers[country],
    },
  });
  return { pdf, filename: `my-intake-${fileSafe(intake.reference)}.pdf` };
}

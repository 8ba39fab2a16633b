import "server-only";
import { getConfig } from "@/lib/config";
import { assess, ruleSetOf } from "@/lib/assessment";
import { getIntakeById, type StoredIntake } from "@/lib/intake/intake-record";
import { renderPdfInWorker } from "./render-pool";

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

/** The reference is not a name: safe in a filename. */
const fileSafe = (reference: string) => reference.replace(/[^A-Z0-9-]/gi, "");

export async function renderTherapistSummary(intake: StoredIntake): Promise<{ pdf: Buffer; filename: string }> {
  const config = getConfig();
  const pdf = await renderPdfInWorker({
    kind: "therapist-summary",
    input: {
      intakeId: intake.id,
      reference: intake.reference,
      receivedAt: intake.receivedAt,
      submittedAt: intake.submittedAt,
      answers: intake.answers as Record<string, unknown>,
      assessment: intake.assessment ?? assess(intake.answers, intake.referenceDate, ruleSetOf(config.ruleSets, intake.questionnaireVersion)),
      consent: intake.consent,
      generatedAt: new Date().toISOString(),
      timeZone: config.timeZone,
      clinicName: config.clinicName,
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
      answers: intake.answers as Record<string, unknown>,
      generatedAt: new Date().toISOString(),
      timeZone: config.timeZone,
      clinicName: config.clinicName,
      reviewWindow: config.reviewWindow,
      crisis: config.crisisNumbers[country],
    },
  });
  return { pdf, filename: `my-intake-${fileSafe(intake.reference)}.pdf` };
}

import "server-only";
import { getConfig } from "@/lib/config";
import { assess, ruleSetOf } from "@/lib/assessment";
import { getIntakeById } from "@/lib/intake/intake-record";
import { questionnaireResponse } from "./questionnaire-response";
import { isPublished } from "./questionnaire";
import type { QuestionnaireResponse } from "./types";

/** A stored intake as a FHIR QuestionnaireResponse with its server-chosen file name, or undefined when there is no such intake. */
export async function intakeQuestionnaireResponse(id: string): Promise<{ resource: QuestionnaireResponse; filename: string } | undefined> {
  const intake = await getIntakeById(id);
  if (!intake) return undefined;
  if (!isPublished(intake.questionnaireId, intake.questionnaireVersion)) throw new Error("A stored intake names an unpublished questionnaire version");
  // The stored snapshot is what the therapist saw; an intake stored before snapshots is assessed as the PDF does it.
  const assessment = intake.assessment ?? assess(intake.answers, intake.referenceDate, ruleSetOf(getConfig().ruleSets, intake.questionnaireVersion));
  const resource = questionnaireResponse({
    questionnaire: intake.questionnaireId,
    version: intake.questionnaireVersion,
    reference: intake.reference,
    submittedAt: intake.submittedAt,
    answers: intake.answers as Record<string, unknown>,
    assessment,
  });
  // The reference is not a name: safe in a file name.
  return { resource, filename: `questionnaire-response-${intake.reference.replace(/[^A-Z0-9-]/gi, "")}.json` };
}

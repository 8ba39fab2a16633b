import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { recordAuditEvent } from "@/lib/audit/audit-log";
import { intakeQuestionnaireResponse } from "@/lib/fhir/intake-fhir";
import { fhirJson, operationOutcome } from "@/lib/fhir/responses";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/intakes/{id}/fhir — the intake as a FHIR R4 QuestionnaireResponse. Session checked here; every download audited. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const { id } = await context.params;
  const found = INTAKE_ID_PATTERN.test(id) ? await intakeQuestionnaireResponse(id) : undefined;
  if (!found) return operationOutcome(404, "not-found", "No such intake");
  await recordAuditEvent({
    action: "intake.download",
    actorUserId: therapist.userId,
    actorEmail: therapist.email,
    ipAddress: therapist.ipAddress,
    intakeId: id,
    detail: { document: "fhir_questionnaire_response" },
  });
  return fhirJson(found.resource, { "cache-control": "no-store", "content-disposition": `attachment; filename="${found.filename}"` });
}

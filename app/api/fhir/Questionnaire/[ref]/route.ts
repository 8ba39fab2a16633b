import { fhirQuestionnaireByRef } from "@/lib/fhir/responses";

/** Built per request from the definitions (cheap); the response itself is cacheable. */
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ ref: string }> };

/** GET /api/fhir/Questionnaire/{name}|{version} — public: a questionnaire holds no personal data. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  return fhirQuestionnaireByRef((await context.params).ref);
}

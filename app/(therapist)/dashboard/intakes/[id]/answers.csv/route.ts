import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { exportIntakeAnswersCsv } from "@/lib/csv/intake-answers-csv";
import { csvResponse } from "@/lib/csv/writer";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const notFound = () =>
  new Response(JSON.stringify({ errors: [{ item: "$", message: "No such intake" }] }), { status: 404, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

/** GET /dashboard/intakes/{id}/answers.csv — every answer of one intake as item id / label / answer rows. Audited. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const { id } = await context.params;
  const csv = INTAKE_ID_PATTERN.test(id) ? await exportIntakeAnswersCsv(id, therapist) : undefined;
  return csv ? csvResponse(csv.body, csv.filename) : notFound();
}

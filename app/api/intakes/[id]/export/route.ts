import { z } from "zod";
import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { ClientDataChoiceError, exportClientData } from "@/lib/client-data/client-data";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const chosenIntakes = z
  .array(z.string().regex(INTAKE_ID_PATTERN, "must be intake ids"))
  .min(1, "Choose at least one intake to export")
  .max(100, "Choose at most 100 intakes");

function problem(status: number, item: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ item, message }] }), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * GET /api/intakes/{id}/export?intakes=ID&intakes=ID — the chosen intakes of this client, as JSON
 * (access requests). Only intakes the therapist ticked, each one of this intake's candidates
 * (same e-mail), never all of them by default: an e-mail address proves nothing. Audited.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const { id } = await context.params;
  if (!INTAKE_ID_PATTERN.test(id)) return problem(404, "$", "No such intake");
  const parsed = chosenIntakes.safeParse(new URL(request.url).searchParams.getAll("intakes"));
  if (!parsed.success) return problem(400, "intakes", parsed.error.issues[0]!.message);
  let data;
  try {
    data = await exportClientData(id, parsed.data, therapist);
  } catch (error) {
    if (error instanceof ClientDataChoiceError) return problem(400, "intakes", error.message);
    throw error;
  }
  const reference = data.intakes.length === 1 ? data.intakes[0]!.reference.replace(/[^A-Z0-9-]/gi, "") : `${data.intakes.length}-intakes`;
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="client-data-${reference}.json"`,
      "cache-control": "no-store",
    },
  });
}

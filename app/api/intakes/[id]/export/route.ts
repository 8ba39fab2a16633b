import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { exportClientData } from "@/db/queries/client-data";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/intakes/{id}/export — everything held about this intake's client, as JSON (access requests). Audited. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const { id } = await context.params;
  const data = INTAKE_ID_PATTERN.test(id) ? exportClientData(id, therapist) : undefined;
  if (!data)
    return new Response(JSON.stringify({ errors: [{ item: "$", message: "No such intake" }] }), { status: 404, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
  const reference = data.intakes.find((i) => i.id === id)?.reference.replace(/[^A-Z0-9-]/gi, "") ?? "intake";
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="client-data-${reference}.json"`,
      "cache-control": "no-store",
    },
  });
}

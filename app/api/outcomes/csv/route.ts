import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { clinicOutcomeReportCsv, parseReportFilter } from "@/lib/course-records/clinic-report";

export const dynamic = "force-dynamic";

function problem(item: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ item, message }] }), { status: 400, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * GET /api/outcomes/csv?from=YYYY-MM-DD&to=YYYY-MM-DD&type=bipolar_1 — the clinic outcome report's
 * aggregates as CSV (never a row per client). Audited; a wrong filter is named and nothing is sent.
 */
export async function GET(request: Request): Promise<Response> {
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const params = new URL(request.url).searchParams;
  const { filter, invalid } = parseReportFilter({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined, type: params.get("type") ?? undefined });
  if (invalid.length > 0) return problem(invalid[0]!, invalid[0] === "type" ? "is not one of the bipolar types" : "is not a real date (use YYYY-MM-DD), or is before from");
  const { filename, csv } = await clinicOutcomeReportCsv(filter, therapist);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9.-]/g, "")}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

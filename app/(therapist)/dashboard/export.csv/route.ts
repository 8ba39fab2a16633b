import { z } from "zod";
import { getConfig } from "@/lib/config";
import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { exportReviewQueueCsv } from "@/lib/csv/queue-csv";
import { csvResponse } from "@/lib/csv/writer";
import { parseQueueFilter } from "@/lib/review/queue";

export const dynamic = "force-dynamic";

const refuse = (status: number, item: string, message: string) =>
  new Response(JSON.stringify({ errors: [{ item, message }] }), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

/** The tick box "include names and contact details": a flag in the address, never anything about a person. */
const Identifying = z.enum(["yes"], { error: 'identifying can only be "yes"' }).optional();

/**
 * GET /dashboard/export.csv?status=&triage=&from=&to=[&identifying=yes] — the review queue with the
 * dashboard's filters (parsed by the dashboard's own parser), as CSV. A filter that is not valid
 * is refused rather than dropped: an export must never hold more than the therapist asked for.
 */
export async function GET(request: Request): Promise<Response> {
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const params = new URL(request.url).searchParams;
  const { filter, invalid } = parseQueueFilter(Object.fromEntries(params));
  if (invalid.length > 0) return refuse(400, invalid[0]!, `${invalid[0]} is not a valid filter: apply the filters on the dashboard again`);
  const identifying = Identifying.safeParse(params.get("identifying") ?? undefined);
  if (!identifying.success) return refuse(400, "identifying", identifying.error.issues[0]!.message);
  const { body, filename } = await exportReviewQueueCsv({ filter, identifying: identifying.data === "yes", timeZone: getConfig().timeZone }, therapist);
  return csvResponse(body, filename);
}

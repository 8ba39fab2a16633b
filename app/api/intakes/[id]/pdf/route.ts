import { z } from "zod";
import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { recordAuditEvent } from "@/lib/audit/audit-log";
import { getIntakeById } from "@/lib/intake/intake-record";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";
import { PDF_FAILED_MESSAGE, pdfFailure, pdfResponse, renderTherapistSummary } from "@/lib/pdf/pdf-downloads";
import { getReviewRecord } from "@/lib/review/detail";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const refuse = (status: number, message: string, item = "$", headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors: [{ item, message }] }), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers } });

/** `?include=notes` adds the notes and status history (a flag, never PHI); default off. */
const Query = z.object({ include: z.enum(["notes"]).optional() });

/** GET /api/intakes/{id}/pdf[?include=notes] — the therapist summary. Session checked here; every download audited, with the option. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return refuse(400, 'include can only be "notes"', "include");
  const withRecord = query.data.include === "notes";
  const { id } = await context.params;
  // Reading the intake and auditing the download are database work too: a storage fault is a 503 like a lost render thread.
  try {
    const intake = INTAKE_ID_PATTERN.test(id) ? await getIntakeById(id) : undefined;
    if (!intake) return refuse(404, "No such intake");
    await recordAuditEvent({
      action: "intake.download",
      actorUserId: therapist.userId,
      actorEmail: therapist.email,
      ipAddress: therapist.ipAddress,
      intakeId: id,
      detail: { document: "therapist_summary", notesAndHistory: withRecord },
    });
    const { pdf, filename } = await renderTherapistSummary(intake, withRecord ? await getReviewRecord(id) : undefined);
    return pdfResponse(pdf, filename);
  } catch (error) {
    const failure = pdfFailure(error, "pdf.summary_failed");
    return refuse(failure.status, PDF_FAILED_MESSAGE, "$", failure.headers);
  }
}

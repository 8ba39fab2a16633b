import { recordAuditEvent } from "@/lib/audit/audit-log";
import { takeClientCopy } from "@/lib/intake-wizard/drafts";
import { readClientCopyToken } from "@/lib/intake-wizard/draft-cookie";
import { pdfFailure, pdfResponse, renderClientCopy } from "@/lib/pdf/pdf-downloads";
import { CLIENT_COPY_LIFETIME_MS, lifetimeInWords } from "@/lib/lifetimes";

export const dynamic = "force-dynamic";

const gone = () =>
  new Response(`This download is no longer available. A copy can be downloaded for ${lifetimeInWords(CLIENT_COPY_LIFETIME_MS)} after sending, a few times, from the browser that sent it.`, {
    status: 410,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/**
 * GET /api/intake-copy — the client's copy of what they just sent. Opened only by the HttpOnly
 * cookie set at submission (scoped to this path, CLIENT_COPY_LIFETIME_MS, 5 downloads); any other browser gets 410.
 */
export async function GET(request: Request): Promise<Response> {
  const token = readClientCopyToken(request);
  try {
    const found = token ? await takeClientCopy(token) : undefined;
    if (!found) return gone();
    await recordAuditEvent({ action: "intake.client_copy", intakeId: found.intakeId });
    const copy = await renderClientCopy(found.intakeId);
    return copy ? pdfResponse(copy.pdf, copy.filename) : gone();
  } catch (error) {
    const failure = pdfFailure(error, "pdf.client_copy_failed");
    return new Response("Your copy could not be made just now. Please try again in a moment.", {
      status: failure.status,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...failure.headers },
    });
  }
}

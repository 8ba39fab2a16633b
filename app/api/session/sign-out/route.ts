import { getAuth } from "@/lib/auth/auth";
import { checkTherapistSession } from "@/lib/auth/require-therapist";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { recordAuditEvent } from "@/lib/audit/audit-log";

export const dynamic = "force-dynamic";

/**
 * Sign-out as a plain form POST answered with a full page load of /login, so the browser's
 * in-memory copy of the dashboard is gone too. The session row is deleted at once.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers)) return new Response("Refused: this request did not come from this site", { status: 403 });
  const therapist = await checkTherapistSession(request.headers);
  const response = await getAuth().api.signOut({ headers: request.headers, asResponse: true });
  if (typeof therapist !== "string")
    recordAuditEvent({ action: "sign_out", actorUserId: therapist.userId, actorEmail: therapist.email, ipAddress: therapist.ipAddress });
  const headers = new Headers({ location: "/login?ended=signed_out", "cache-control": "no-store", "clear-site-data": '"cache"' });
  for (const cookie of response.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

import { getAuth } from "@/lib/auth/auth";
import { checkTherapistSession } from "@/lib/auth/require-therapist";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { recordAuditEvent } from "@/lib/audit/audit-log";

export const dynamic = "force-dynamic";

/**
 * Sign-out. Called with fetch (a plain form POST would carry `Origin: null` under our
 * no-referrer policy, and is refused like any other origin-less state change); the page then
 * loads /login in full, so no in-memory copy of the dashboard survives. The session row is
 * deleted at once.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers)) return new Response("Refused: this request did not come from this site", { status: 403 });
  const therapist = await checkTherapistSession(request.headers);
  const response = await getAuth().api.signOut({ headers: request.headers, asResponse: true });
  if (typeof therapist !== "string")
    await recordAuditEvent({ action: "sign_out", actorUserId: therapist.userId, actorEmail: therapist.email, ipAddress: therapist.ipAddress });
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  for (const cookie of response.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new Response(JSON.stringify({ signedOut: true, next: "/login?ended=signed_out" }), { status: 200, headers });
}

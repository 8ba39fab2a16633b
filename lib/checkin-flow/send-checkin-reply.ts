import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { checkinTokenOf, clearedCheckinCookieHeader } from "@/lib/course-records/checkin-cookie";
import { jsonReply, type Reply } from "@/lib/http/reply";
import { countryOf } from "@/lib/questionnaire/countries";
import { sendCheckin } from "./checkin-steps";
import type { SendCheckinState } from "./send-state";

const MAX_BODY_BYTES = 4096;

/**
 * POST CHECKIN_SEND_PATH — the review page's script sends the cookie's check-in here (the page's
 * form falls back to the send's server action without JavaScript). JSON, no body read: the draft
 * is on the server. Only this site's pages may post (the cookie is SameSite=Lax; the Origin is
 * checked as well). The reply that says "sent" also clears the cookie. Served by Next's route and,
 * in production, straight on node:http (lib/server/fast-paths.ts; bench row 12).
 *
 *   200 { status: "sent", crisisShown, country }     stored now, or already by an earlier send
 *   409 { status: "incomplete", next }               an answer is missing: the step to go back to
 *   404 { status: "unavailable" }                    no open check-in in this browser
 *   413                                              a body that says it is over 4 KiB (the send takes none)
 *   503 / 500 { status: "failed", message }          nothing stored, the draft kept; 503 with Retry-After for a storage fault
 */
export async function sendCheckinReply(headers: Headers): Promise<Reply> {
  // The send has no body; one that says it is large is not the page's (and is not read).
  if (Number(headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return jsonReply(413, { status: "failed", message: "This request is too large." } satisfies SendCheckinState);
  if (!isSameOrigin(headers)) return jsonReply(403, { status: "failed", message: "This request did not come from this site and was refused." } satisfies SendCheckinState);
  const outcome = await sendCheckin(checkinTokenOf(headers), clientAddress(headers));
  switch (outcome.status) {
    case "sent":
      return jsonReply(200, { status: "sent", crisisShown: outcome.crisisShown, country: countryOf({ country: outcome.country }) } satisfies SendCheckinState, {
        "set-cookie": clearedCheckinCookieHeader(),
      });
    case "incomplete":
      return jsonReply(409, { status: "incomplete", next: outcome.next });
    case "unavailable":
      return jsonReply(404, { status: "unavailable" } satisfies SendCheckinState);
    case "failed":
      return outcome.retryAfter !== undefined
        ? jsonReply(503, { status: "failed", message: outcome.message } satisfies SendCheckinState, { "retry-after": String(outcome.retryAfter) })
        : jsonReply(500, { status: "failed", message: outcome.message } satisfies SendCheckinState);
  }
}

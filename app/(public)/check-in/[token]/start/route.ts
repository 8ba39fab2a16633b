import { clientAddress } from "@/lib/auth/client-address";
import { startCheckin, MAX_DOB_TRIES } from "@/lib/course-records";
import { setCheckinCookie } from "@/lib/course-records/checkin-cookie";
import { checkinOwnPost, dateOfBirthFromForm, tooManyAttemptsPage } from "@/lib/checkin-flow/start-request";
import { checkinStepPath, CHECKIN_STEPS } from "@/lib/checkin-flow/steps";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

/**
 * The link page's Start button and the date-of-birth form post here (plain form posts, with or
 * without JavaScript). Start alone goes on to the date of birth; a date is checked by
 * startCheckin: right → the HttpOnly cookie and the first question at a token-free address;
 * wrong → back with the tries left; the fifth wrong → the closed-link page; too many attempts
 * from this address → a 429 page with Retry-After.
 */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  if (!checkinOwnPost(request.headers)) return new Response("Refused: this request did not come from this site", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { token } = await params;
  const here = `/check-in/${encodeURIComponent(token)}`;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return seeOther(`${here}/date-of-birth?error=invalid`);
  }
  const date = dateOfBirthFromForm(form);
  if (date.kind === "absent") return seeOther(`${here}/date-of-birth`);
  if (date.kind === "invalid") return seeOther(`${here}/date-of-birth?error=invalid`);

  const result = await startCheckin(token, date.value, clientAddress(request.headers));
  switch (result.outcome) {
    case "started":
      await setCheckinCookie(result.sessionToken, result.cookieMaxAgeSeconds);
      return seeOther(checkinStepPath(CHECKIN_STEPS[0]!.id));
    case "wrong_date_of_birth":
      return seeOther(`${here}/date-of-birth?left=${Math.max(1, Math.min(MAX_DOB_TRIES - 1, result.triesLeft))}`);
    case "invalid":
      return seeOther(`${here}/date-of-birth?error=invalid`);
    case "unavailable":
      return seeOther(here);
    case "rate_limited":
      return tooManyAttemptsPage(result.retryAfter);
  }
}

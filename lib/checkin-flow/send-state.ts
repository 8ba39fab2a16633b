import type { CountryCode } from "@/lib/questionnaire/countries";

/**
 * What the review page shows after the send: the same for the send's server action (a browser
 * without JavaScript) and its JSON route (CHECKIN_SEND_PATH, which the page's script posts to).
 */
export type SendCheckinState =
  | { status: "sent"; crisisShown: boolean; country?: CountryCode }
  | { status: "unavailable" }
  | { status: "failed"; message: string }
  | undefined;

/** The send's JSON route: under the check-in cookie's path, so the cookie goes with it and nowhere else. */
export const CHECKIN_SEND_PATH = "/check-in/send";

/** When the phone could not reach the server (or its reply was not one of ours): whether it arrived is unknown, and sending again is safe. */
export const SEND_NOT_REACHED_MESSAGE =
  "We could not reach the clinic's server, so we cannot tell whether your check-in arrived. Check your connection and press Send again: it will not be sent twice. Your answers are kept.";

/** What a check-in page says about who reads it and when (the crisis panel, the review, the 429 page). */
export const CHECKIN_NOT_MONITORED = "Check-ins are not monitored in real time: the clinic reads them before your next session.";

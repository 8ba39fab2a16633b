import "server-only";
import { CHECKIN_NOT_MONITORED } from "./send-state";
import { getConfig } from "@/lib/config";
import { isAllowedOrigin } from "@/lib/auth/same-origin";
import { contactPhrase } from "@/lib/clinic-contact";
import { COUNTRY_CODES } from "@/lib/questionnaire/countries";
import { COUNTRY_HEADINGS } from "@/lib/intake-wizard/crisis-wording";

/** The pieces of the check-in's Start / date-of-birth post (app/(public)/check-in/[token]/start/route.ts). */

/**
 * A post from this site's own page. Under Referrer-Policy: no-referrer a form the browser posts
 * itself says `Origin: null`; fetch metadata (which no page can forge) then proves it came from
 * this site, as proxy.ts reasons for the intake's forms. No Origin at all: not a browser.
 */
export function checkinOwnPost(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return headers.get("sec-fetch-site") === null || headers.get("sec-fetch-site") === "same-origin";
  if (origin === "null") return headers.get("sec-fetch-site") === "same-origin";
  return isAllowedOrigin(origin, headers);
}

export type PostedDate = { kind: "absent" } | { kind: "invalid" } | { kind: "date"; value: string };

/** The date-of-birth boxes (`date_of_birth.day` …, as DatePartsField names them) as YYYY-MM-DD. */
export function dateOfBirthFromForm(form: FormData): PostedDate {
  const parts = (["day", "month", "year"] as const).map((p) => form.get(`date_of_birth.${p}`));
  if (parts.every((p) => p === null)) return { kind: "absent" };
  const [day, month, year] = parts.map((p) => (typeof p === "string" ? p.trim() : ""));
  if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!)) return { kind: "invalid" };
  return { kind: "date", value: `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}` };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The 429 answer to too many date-of-birth attempts from one address: a page of its own (a route
 * handler cannot render the React pages), with Retry-After, whom to contact and every country's
 * crisis numbers (the client's country is not known before the date of birth).
 */
export function tooManyAttemptsPage(retryAfterSeconds: number): Response {
  const config = getConfig();
  const wait = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const contact = contactPhrase(config.clinicContact);
  const crisis = COUNTRY_CODES.map((key) => {
    const entry = config.crisisNumbers[key];
    const lines = entry.lines
      .map((l) => `<li>${escape(l.label)}: <a href="tel:${escape(l.number)}">call ${escape(l.display)}</a>${l.sms ? ` or <a href="sms:${escape(l.number)}">text ${escape(l.display)}</a>` : ""}</li>`)
      .join("");
    return `<p><strong>${escape(COUNTRY_HEADINGS[key])}</strong></p>${lines ? `<ul>${lines}</ul>` : ""}<p>${escape(entry.emergencyText)}</p>`;
  }).join("");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">
<title>Too many attempts – Check-in</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:40rem;color:#0b0c0c}a{color:#1d4ed8}a:focus{outline:3px solid #fd0;outline-offset:0}.crisis{border-left:6px solid #b10e1e;padding:0 1rem;margin-top:2rem}</style>
</head><body><main id="main">
<h1>Too many attempts</h1>
<p>There have been too many tries to confirm a date of birth from this connection. Please try again in ${wait} minute${wait === 1 ? "" : "s"}, using the link the clinic sent you.</p>
<p>${escape(config.clinicName)} can help if the link does not work${contact ? `: ${escape(contact)}` : ""}.</p>
<aside class="crisis" aria-labelledby="crisis-heading"><h2 id="crisis-heading">If you need help now</h2>${crisis}<p>${escape(CHECKIN_NOT_MONITORED)}</p></aside>
</main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))), "cache-control": "no-store" },
  });
}

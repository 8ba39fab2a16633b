import "server-only";
import { getConfig } from "@/lib/config";
import { originMatches } from "@/lib/http/origin";

/** Whether a browser Origin is this site (PUBLIC_ORIGIN, or this machine by its Host: lib/http/origin.ts). */
export function isAllowedOrigin(origin: string, headers: Headers, requestUrl?: string): boolean {
  const host = headers.get("host") ?? (requestUrl ? new URL(requestUrl).host : null);
  return originMatches(origin, host, getConfig().publicOrigin);
}

/**
 * Therapist state changes must come from this site: the browser's Origin header must be present
 * and be this site's (above). A missing Origin or `Origin: null` is refused.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  return isAllowedOrigin(origin, headers);
}

/**
 * A form this site's own page posted without JavaScript: under Referrer-Policy: no-referrer it says
 * `Origin: null`, and fetch metadata (which no page can set) says it came from this site. A
 * cross-site post says `cross-site`. For route handlers that take a plain form (the proxy applies
 * the same test to pages' server actions).
 */
export function isOwnFormPost(headers: Headers): boolean {
  return headers.get("origin") === "null" && headers.get("sec-fetch-site") === "same-origin";
}

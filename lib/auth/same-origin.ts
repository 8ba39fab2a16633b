import "server-only";
import { getConfig } from "@/lib/config";

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * Whether a browser Origin is this site. With PUBLIC_ORIGIN set, only that origin. Without it the
 * app is reached on this machine by its Host header, and the loopback names (localhost, 127.0.0.1,
 * [::1]) on the same port are one site: a therapist who opens either must not be refused.
 */
export function isAllowedOrigin(origin: string, headers: Headers, requestUrl?: string): boolean {
  const publicOrigin = getConfig().publicOrigin;
  if (publicOrigin) return origin === publicOrigin;
  const host = headers.get("host") ?? (requestUrl ? new URL(requestUrl).host : null);
  if (!host) return false;
  if (origin === `http://${host}` || origin === `https://${host}`) return true;
  const hostMatch = LOOPBACK_HOST.exec(host);
  if (!hostMatch) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOST.test(url.host) && url.port === (hostMatch[2]?.slice(1) ?? "");
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

import "server-only";
import { getConfig } from "@/lib/config";

/**
 * Therapist state changes must come from this site: the browser's Origin header must be present
 * and equal to our own origin. A missing Origin or `Origin: null` is refused.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  const publicOrigin = getConfig().publicOrigin;
  if (publicOrigin) return origin === publicOrigin;
  const host = headers.get("host");
  if (!host) return false;
  return origin === `http://${host}` || origin === `https://${host}`;
}

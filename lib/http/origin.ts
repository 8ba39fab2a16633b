/**
 * Whether a browser Origin is this site (universal code: the proxy and the server's checks share it).
 * With a configured public origin, only that. Without it the app is reached by its Host header, and
 * the loopback names (localhost, 127.0.0.1, [::1]) on the same port are one site.
 */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

export function originMatches(origin: string, host: string | null, publicOrigin: string | undefined): boolean {
  if (publicOrigin) return origin === publicOrigin;
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

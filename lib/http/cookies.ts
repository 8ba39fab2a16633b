/**
 * Reads one cookie from a Cookie header as Next's own cookies() does, so a route that reads the
 * header itself and a page that uses cookies() always pick the same value: when the name appears
 * more than once (a cookie planted with another Path or Domain), the last one that decodes wins;
 * a value that is not valid percent-encoding (`%`, `%zz`, a broken UTF-8 sequence) is skipped —
 * it was never set by this app, and decodeURIComponent would throw. Universal (the proxy and route
 * handlers).
 */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  let found: string | undefined;
  for (const part of (header ?? "").split(/;\s*/)) {
    const at = part.indexOf("=");
    if (at === -1 || part.slice(0, at).trim() !== name) continue;
    try {
      found = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // skipped, as Next does
    }
  }
  return found;
}

/**
 * Reads one cookie from a Cookie header. A value that is not valid percent-encoding (`%`, `%zz`,
 * a broken UTF-8 sequence) is treated as absent, as Next's own cookies() does: it was never set
 * by this app, and decodeURIComponent would throw. Universal (the proxy and route handlers).
 */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(/;\s*/)) {
    const at = part.indexOf("=");
    if (at === -1 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

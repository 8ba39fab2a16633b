import "server-only";

/**
 * The client's address for audit and rate limits. Next's server puts the socket address in
 * x-forwarded-for when the request did not carry one; behind a reverse proxy the proxy's header
 * is used (the first entry).
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded && /^[0-9a-fA-F:.]{2,45}$/.test(forwarded)) return forwarded;
  const real = headers.get("x-real-ip")?.trim();
  return real && /^[0-9a-fA-F:.]{2,45}$/.test(real) ? real : null;
}

import "server-only";

/**
 * The client's address for audit and rate limits. scripts/http-server.mjs sets X-Forwarded-For to
 * exactly one trustworthy address (the socket's, or with TRUST_PROXY the one the proxy added), so
 * a client cannot choose its own.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded && /^[0-9a-fA-F:.]{2,45}$/.test(forwarded) ? forwarded : null;
}

/**
 * The security headers every response carries, and the policy of the JSON endpoints: one list for
 * next.config.js (Next's responses) and scripts/http-server.mjs (the intake API's fast path).
 */
export const SECURITY_HEADERS = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** JSON needs no scripts at all. */
export const JSON_API_CSP = "default-src 'none'; frame-ancestors 'none'; script-src 'none'";

import { NextResponse, type NextRequest } from "next/server";
import { actionRefusal, actionRequestProblem, formPostProblem } from "@/lib/http/action-request";

/**
 * Runs before every request: a fresh CSP nonce per request (Next puts it on its own scripts), the
 * security headers, `Cache-Control: no-store` on everything a therapist sees, and a body-size
 * ceiling for endpoints that read bodies themselves, and a shape check of server-action bodies
 * (lib/http/action-request.ts). Authorization is NOT done here: every page,
 * action and route handler checks the session itself (architecture.md).
 */

const MAX_BODY_BYTES = 256 * 1024;
const THERAPIST_PATHS = /^\/(dashboard|login|api\/auth|api\/session|api\/intakes\/[^/]+\/pdf)(\/|$)/;

function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React writes a few style attributes (the progress bar's width); no script can be injected through them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const refusal = (status: number, message: string) =>
  new NextResponse(JSON.stringify({ errors: [{ item: "$", message }] }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

export async function proxy(request: NextRequest) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return refusal(413, `The body must be at most ${MAX_BODY_BYTES} bytes`);
  // Server-action calls: refuse a malformed body here, before React's decoder throws on it (a 500).
  if (request.method === "POST" && request.headers.has("next-action")) {
    const problem = await actionRequestProblem(request);
    if (problem) return refusal(400, actionRefusal(problem));
  } else if (request.method === "POST" && request.headers.get("content-type")?.startsWith("multipart/form-data") && !request.nextUrl.pathname.startsWith("/api/")) {
    // A page's form posted without JavaScript: Next may take it as a form action.
    const problem = await formPostProblem(request);
    if (problem) return refusal(400, actionRefusal(problem));
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = request.nextUrl.protocol === "https:" || process.env.PUBLIC_ORIGIN?.startsWith("https:") === true;
  const csp = contentSecurityPolicy(nonce, https);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (THERAPIST_PATHS.test(request.nextUrl.pathname)) response.headers.set("cache-control", "no-store");
  return response;
}

// The JSON intake API and health check skip the proxy (their headers come from next.config.js and
// the handlers, which limit their own bodies): on a busy intake day every request counts.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/intakes$|api/health$).*)" }],
};

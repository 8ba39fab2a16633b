import fs from "node:fs";
import path from "node:path";
import { NextResponse, type NextRequest } from "next/server";
import { actionRefusal, actionRequestProblem, formPostProblem } from "@/lib/http/action-request";
import { originMatches } from "@/lib/http/origin";

/**
 * Runs before every request: a fresh CSP nonce per request (Next puts it on its own scripts), the
 * security headers, `Cache-Control: no-store` on everything a therapist sees, and a body-size
 * ceiling for endpoints that read bodies themselves, and a shape check of server-action bodies
 * (lib/http/action-request.ts). Authorization is NOT done here: every page,
 * action and route handler checks the session itself (architecture.md).
 */

const MAX_BODY_BYTES = 256 * 1024;
/** Pages whose forms post without JavaScript: the intake, the client's check-in steps, the therapist's intake page (its review actions), course page (its course forms) and a session's correction page. */
const NO_SCRIPT_FORM_PATHS = /^\/(intake(\/|$)|check-in\/step\/[^/]+$|dashboard\/(intakes|courses)\/[^/]+$|dashboard\/courses\/[^/]+\/sessions\/[^/]+\/correct$)/;
/** Every download under an intake (PDF, export, FHIR, CSV) or a course is a therapist's: no-store even if a handler forgot. */
const THERAPIST_PATHS = /^\/(dashboard|login|api\/auth|api\/session|api\/courses|api\/intakes\/[^/]+\/[^/]+)(\/|$)/;

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

/**
 * Under Referrer-Policy: no-referrer a form the browser posts itself (no JavaScript) says
 * `Origin: null`. Fetch metadata, which no page can forge, proves such a post came from this site's
 * own intake pages: only then is the origin taken as ours (each therapist action still checks the
 * session). A cross-site post (the same `Origin: null`) says `cross-site`.
 */
function ownFormPost(request: NextRequest): boolean {
  // Only a form the browser posted itself (no JavaScript) carries no Next-Action header; a script
  // always sends an Origin, so a call with the header and `Origin: null` is never ours.
  return (
    NO_SCRIPT_FORM_PATHS.test(request.nextUrl.pathname) &&
    !request.headers.has("next-action") &&
    request.headers.get("origin") === "null" &&
    request.headers.get("sec-fetch-site") === "same-origin"
  );
}

/** What the framework's own action check compares the Origin with. */
const ownOrigin = (request: NextRequest) => {
  const publicOrigin = process.env.PUBLIC_ORIGIN ? new URL(process.env.PUBLIC_ORIGIN).origin : undefined;
  const host = request.headers.get("host");
  return publicOrigin ?? (host ? `${request.nextUrl.protocol}//${host}` : undefined);
};

/** Next's action ids: hex digests. Anything else would only reach its lookup and its error log. */
const ACTION_ID = /^[0-9a-f]{40,64}$/;

let knownActions: Set<string> | null | undefined;
/**
 * The action ids of this build, from its server-reference manifest (null when it cannot be read,
 * e.g. in development: then only the shape is checked). An unknown id would reach Next's lookup,
 * which logs a stack trace for it.
 */
function buildActions(): Set<string> | null {
  if (knownActions !== undefined) return knownActions;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as { node?: Record<string, unknown> };
    knownActions = manifest.node ? new Set(Object.keys(manifest.node)) : null;
  } catch {
    knownActions = null;
  }
  return knownActions;
}

/** A server-action call (with JavaScript) or a page's form post that Next may take as one. */
function isActionPost(request: NextRequest): "call" | "form" | undefined {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return undefined;
  if (request.headers.has("next-action")) return "call";
  return request.headers.get("content-type")?.startsWith("multipart/form-data") ? "form" : undefined;
}

export async function proxy(request: NextRequest) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return refusal(413, `The body must be at most ${MAX_BODY_BYTES} bytes`);
  const action = isActionPost(request);
  if (action) {
    // Another site's post is refused here with a 403 (the framework would answer with a 500); the
    // actions check the origin again themselves. Without an Origin header at all the framework and
    // each action decide (a non-browser client), as before.
    const origin = request.headers.get("origin");
    if (origin !== null && !ownFormPost(request) && !originMatches(origin, request.headers.get("host"), process.env.PUBLIC_ORIGIN ? new URL(process.env.PUBLIC_ORIGIN).origin : undefined))
      return refusal(403, "This request did not come from this site and was refused.");
    const actionId = request.headers.get("next-action");
    if (actionId !== null && !ACTION_ID.test(actionId)) return refusal(400, "This is not a valid request for this page.");
    if (actionId !== null && buildActions()?.has(actionId) === false)
      return refusal(404, "This page is out of date or the request is not one of this site's: reload the page and try again.");
    // Refuse a malformed body here, before React's decoder throws on it (a 500).
    const problem = action === "call" ? await actionRequestProblem(request) : await formPostProblem(request);
    if (problem) return refusal(400, actionRefusal(problem));
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = request.nextUrl.protocol === "https:" || process.env.PUBLIC_ORIGIN?.startsWith("https:") === true;
  const csp = contentSecurityPolicy(nonce, https);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // The framework's own server-action check compares the Origin with the Host exactly: give our
  // own no-JavaScript form post (`Origin: null`) and a same-site post by another loopback name
  // (localhost for 127.0.0.1, checked above) the origin it expects.
  if (action && request.headers.get("origin") !== null) {
    const own = ownOrigin(request);
    if (own && request.headers.get("origin") !== own) requestHeaders.set("origin", own);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (THERAPIST_PATHS.test(request.nextUrl.pathname)) response.headers.set("cache-control", "no-store");
  return response;
}

// The JSON intake API and health check skip the proxy (their headers come from next.config.js and
// the handlers, which limit their own bodies): on a busy intake day every request counts.
export const config = {
  matcher: [{ source: "/((?!_next/static|api/intakes$|api/health$).*)" }],
};

import "server-only";
import { z } from "zod";
import { readLimited } from "@/lib/http/read-limited";
import { getAuth } from "./auth";
import { isAllowedOrigin } from "./same-origin";

/**
 * The only auth-library endpoints reachable over HTTP, each with its own route file, a strict body
 * and the few cookies it needs. Everything else the library offers (change-password, update-user,
 * two-factor/disable and enable, sessions, sign-out …) is not mounted: account changes go through
 * the app's own actions, its password policy and the audit chain. The authorization matrix lists
 * these and fails when another appears.
 */
export const MOUNTED_AUTH_ENDPOINTS = {
  "/sign-in/email": {
    may: "check an e-mail and password and open a two-factor challenge; it gives no session any page or endpoint accepts",
    body: z.strictObject({
      email: z.string().max(320, "must be at most 320 characters"),
      password: z.string().max(256, "must be at most 256 characters"),
      rememberMe: z.literal(false, { error: "sessions are never remembered" }).optional(),
    }),
  },
  "/two-factor/verify-totp": {
    may: "answer an open challenge with a TOTP code, each code once; the only way to a session the dashboard accepts",
    body: z.strictObject({
      code: z.string().regex(/^\d{6}$/, "must be the 6-digit code"),
      trustDevice: z.literal(false, { error: "trusted devices are not offered: every sign-in asks for a code" }).optional(),
    }),
  },
} as const;

export type MountedAuthPath = keyof typeof MOUNTED_AUTH_ENDPOINTS;

const MAX_BODY_BYTES = 4096;
/** The challenge cookie (and its "don't remember" companion); never a session or a trusted-device cookie. */
const FORWARDED_COOKIE = /^(__Secure-)?therapist\.(two_factor|dont_remember)$/;

function refuse(status: number, item: string, message: string): Response {
  return Response.json({ errors: [{ item, message }] }, { status, headers: { "cache-control": "no-store" } });
}

export async function handleAuthEndpoint(path: MountedAuthPath, request: Request): Promise<Response> {
  // Another site is refused here, before the library (which would write the attacker's Origin into the log).
  const origin = request.headers.get("origin");
  if (origin !== null && !isAllowedOrigin(origin, request.headers, request.url)) return refuse(403, "$", "Requests from other websites are not accepted");
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) return refuse(415, "$", "Send the request as JSON");
  const body = await readLimited(request, MAX_BODY_BYTES);
  if (body === null) return refuse(413, "$", "The request is too large");
  const text = new TextDecoder().decode(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(400, "$", "The request is not valid JSON");
  }
  const parsed = MOUNTED_AUTH_ENDPOINTS[path].body.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const item = issue.path.join(".") || "$";
    return refuse(400, item, issue.code === "unrecognized_keys" ? `Unexpected field: ${issue.keys.join(", ")}` : `${item}: ${issue.message}`);
  }

  const headers = new Headers(request.headers);
  const cookies = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((c) => c.trim())
    .filter((c) => FORWARDED_COOKIE.test(c.split("=")[0] ?? ""));
  if (cookies.length > 0) headers.set("cookie", cookies.join("; "));
  else headers.delete("cookie");
  headers.delete("content-length");
  const response = await getAuth().handler(new Request(request.url, { method: "POST", headers, body: JSON.stringify(parsed.data) }));

  if (response.status === 429 && !response.headers.has("retry-after")) {
    const headersOut = new Headers(response.headers);
    headersOut.set("retry-after", response.headers.get("x-retry-after") ?? "60");
    return new Response(response.body, { status: 429, headers: headersOut });
  }
  return response;
}

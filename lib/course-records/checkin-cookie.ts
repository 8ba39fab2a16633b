import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { readCookie } from "@/lib/http/cookies";
import { CHECKIN_PATH } from "./checkins";

/**
 * The cookie that ties a phone to its check-in draft: HttpOnly, SameSite=Lax, sent only under
 * CHECKIN_PATH (so no therapist page ever receives it), Secure with the __Secure- prefix over HTTPS.
 * Its value is the session token startCheckin returned; only its SHA-256 is stored.
 */
const cookieName = () => {
  const secure = getConfig().publicOrigin?.startsWith("https:") ?? false;
  return { name: secure ? "__Secure-checkin_draft" : "checkin_draft", secure };
};

export async function readCheckinToken(): Promise<string | undefined> {
  return (await cookies()).get(cookieName().name)?.value;
}

/** The same cookie read from a request's own headers (the send's route, which may run outside Next: lib/server/fast-paths.ts). */
export function checkinTokenOf(headers: Headers): string | undefined {
  return readCookie(headers.get("cookie"), cookieName().name);
}

/** A Set-Cookie header value that clears the cookie, as clearCheckinCookie does, for a reply built outside Next. */
export function clearedCheckinCookieHeader(): string {
  const { name, secure } = cookieName();
  return `${name}=; Path=${CHECKIN_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export async function setCheckinCookie(token: string, maxAgeSeconds: number): Promise<void> {
  const { name, secure } = cookieName();
  (await cookies()).set(name, token, { httpOnly: true, sameSite: "lax", secure, path: CHECKIN_PATH, maxAge: maxAgeSeconds });
}

export async function clearCheckinCookie(): Promise<void> {
  const { name, secure } = cookieName();
  (await cookies()).set(name, "", { httpOnly: true, sameSite: "lax", secure, path: CHECKIN_PATH, maxAge: 0 });
}

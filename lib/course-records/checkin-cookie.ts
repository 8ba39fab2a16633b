import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
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

export async function setCheckinCookie(token: string, maxAgeSeconds: number): Promise<void> {
  const { name, secure } = cookieName();
  (await cookies()).set(name, token, { httpOnly: true, sameSite: "lax", secure, path: CHECKIN_PATH, maxAge: maxAgeSeconds });
}

export async function clearCheckinCookie(): Promise<void> {
  const { name, secure } = cookieName();
  (await cookies()).set(name, "", { httpOnly: true, sameSite: "lax", secure, path: CHECKIN_PATH, maxAge: 0 });
}

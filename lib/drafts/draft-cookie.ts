import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { DRAFT_LIFETIME_MS, findDraftBySession, type Draft } from "@/db/queries/drafts";

/**
 * The cookie that ties a browser to its draft: HttpOnly, SameSite=Lax, host-only, and Secure (with
 * the __Host- prefix) whenever the app is served over HTTPS (PUBLIC_ORIGIN=https://…).
 */
function cookieName(): { name: string; secure: boolean } {
  const secure = getConfig().publicOrigin?.startsWith("https:") ?? false;
  return { name: secure ? "__Host-intake_draft" : "intake_draft", secure };
}

export async function readDraftToken(): Promise<string | undefined> {
  return (await cookies()).get(cookieName().name)?.value;
}

export async function currentDraft(): Promise<Draft | undefined> {
  const token = await readDraftToken();
  return token ? findDraftBySession(token) : undefined;
}

export async function setDraftCookie(token: string): Promise<void> {
  const { name, secure } = cookieName();
  (await cookies()).set(name, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: DRAFT_LIFETIME_MS / 1000,
  });
}

export async function clearDraftCookie(): Promise<void> {
  (await cookies()).delete(cookieName().name);
}

import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { readCookie } from "@/lib/http/cookies";
import { DRAFT_LIFETIME_MS, findDraftBySession, type Draft } from "./drafts";

/**
 * The cookie that ties a browser to its draft: HttpOnly, SameSite=Lax, host-only, and Secure (with
 * the __Host- prefix) whenever the app is served over HTTPS (PUBLIC_ORIGIN=https://…).
 */
function cookieSpec(base: string, prefix: "__Host-" | "__Secure-"): { name: string; secure: boolean } {
  const secure = getConfig().publicOrigin?.startsWith("https:") ?? false;
  return { name: secure ? `${prefix}${base}` : base, secure };
}

const cookieName = () => cookieSpec("intake_draft", "__Host-");

export async function readDraftToken(): Promise<string | undefined> {
  return (await cookies()).get(cookieName().name)?.value;
}

export async function currentDraft(): Promise<Draft | undefined> {
  const token = await readDraftToken();
  return token ? findDraftBySession(token) : undefined;
}

/**
 * This browser holds a draft cookie that opens nothing: the draft was continued on another device
 * (resuming replaces the session) or deleted after its lifetime. Shown as such, not as a blank step 1.
 */
export async function draftCookieOpensNothing(): Promise<boolean> {
  const token = await readDraftToken();
  return token !== undefined && (await findDraftBySession(token)) === undefined;
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

/** Each save extends the draft's life (DRAFT_LIFETIME_MS from the last save): the cookie's with it. */
export async function refreshDraftCookie(): Promise<void> {
  const token = await readDraftToken();
  if (token) await setDraftCookie(token);
}

export async function clearDraftCookie(): Promise<void> {
  (await cookies()).delete(cookieName().name);
}

/** The client's copy: a cookie sent only to the download route, for 30 minutes. */
export const CLIENT_COPY_PATH = "/api/intake-copy";

// Path-scoped, so __Secure- rather than __Host- (which requires Path=/).
const copyCookieName = () => cookieSpec("intake_copy", "__Secure-");

export async function setClientCopyCookie(token: string, maxAgeSeconds: number): Promise<void> {
  const { name, secure } = copyCookieName();
  (await cookies()).set(name, token, { httpOnly: true, sameSite: "strict", secure, path: CLIENT_COPY_PATH, maxAge: maxAgeSeconds });
}

export function readClientCopyToken(request: Request): string | undefined {
  return readCookie(request.headers.get("cookie"), copyCookieName().name);
}

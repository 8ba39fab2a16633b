import { base32 } from "@better-auth/utils/base32";
import { handleAuthEndpoint, MOUNTED_AUTH_ENDPOINTS, type MountedAuthPath } from "@/lib/auth/auth-endpoints";
import { getAuth } from "@/lib/auth/auth";
import { freshCode } from "./totp-codes";
import { createTherapist } from "@/lib/auth/accounts";

/** Therapist accounts and sign-ins through better-auth's real HTTP handler, for integration tests. */

const ORIGIN = "http://localhost:3000";
let counter = 0;

export async function newTherapist(label = "therapist") {
  const email = `${label}-${++counter}@clinic.example`;
  const password = `quiet meadow ${label} ${counter} copper kettle`;
  const created = await createTherapist({ email, name: `Dr ${label} ${counter}`, password });
  const secret = base32.decode(new URL(created.otpauthUrl).searchParams.get("secret")!);
  return { ...created, password, secret, code: () => freshCode(secret) };
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");

/** A POST as the browser sends it, through the app's wrapper of a mounted endpoint (no other path has a route). */
export function post(path: string, body: unknown, headers: Record<string, string> = {}, ip = "203.0.113.7") {
  const request = new Request(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": ip, ...headers },
    body: JSON.stringify(body),
  });
  if (!(path in MOUNTED_AUTH_ENDPOINTS)) throw new Error(`${path} is not mounted: use postToLibrary to show what the library alone would do`);
  return handleAuthEndpoint(path as MountedAuthPath, request);
}

/** The library's own handler, bypassing the app's wrapper (to show what the wrapper stops). */
export function postToLibrary(path: string, body: unknown, headers: Record<string, string> = {}, ip = "203.0.113.7") {
  return getAuth().handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": ip, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** Password then TOTP; returns the request headers of the signed-in browser. */
export async function signIn(t: { email: string; password: string; code: () => Promise<string> }, ip?: string): Promise<Headers> {
  const first = await post("/sign-in/email", { email: t.email, password: t.password }, {}, ip);
  if (!first.ok) throw new Error(`sign-in refused: ${first.status}`);
  const second = await post("/two-factor/verify-totp", { code: await t.code() }, { cookie: cookiesOf(first) }, ip);
  if (!second.ok) throw new Error(`verify-totp refused: ${second.status} ${await second.text()}`);
  return new Headers({ cookie: cookiesOf(second), "x-forwarded-for": ip ?? "203.0.113.7" });
}

export { cookiesOf };

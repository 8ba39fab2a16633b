import http from "node:http";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { base32 } from "@better-auth/utils/base32";
import { freshCode } from "../../support/totp-codes";
import type { Page } from "playwright-core";

/** A therapist account made with the real CLI, against the test server's database and keys. */
interface TestTherapist {
  email: string;
  name: string;
  password: string;
  secret: Uint8Array;
}

export function createTherapist(label: string): TestTherapist {
  const email = `${label}-${randomBytes(4).toString("hex")}@clinic.example`;
  const name = `Dr ${label[0]!.toUpperCase()}${label.slice(1)} Tester`;
  const password = `violet harbour ${randomBytes(6).toString("hex")} lantern`;
  const result = spawnSync(process.execPath, ["bin/run.mjs", "scripts/users.ts", "create", "--email", email, "--name", name], {
    input: `${password}\n`,
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH, KEYS_DIR: process.env.E2E_KEYS_DIR },
  });
  if (result.status !== 0) throw new Error(`users create failed: ${result.stderr}`);
  const url = result.stdout.split("\n").find((l) => l.startsWith("otpauth://"));
  if (!url) throw new Error(`no otpauth line in: ${result.stdout}`);
  return { email, name, password, secret: base32.decode(new URL(url).searchParams.get("secret")!) };
}

/** A code the server has not accepted yet (each works once), never about to expire. */
export const currentCode = freshCode;

export async function signIn(page: Page, therapist: TestTherapist) {
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill(therapist.email);
  await page.getByLabel("Password").fill(therapist.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Code from your authenticator app").fill(await currentCode(therapist.secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
}

/**
 * A JSON POST on a connection of its own: under load the server may close an idle kept-alive
 * socket just as fetch reuses it ("other side closed"), which says nothing about the app. With no
 * agent no socket is ever reused, and a sign-in is never sent twice (a TOTP code is single-use).
 */
function postOnFreshConnection(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; cookies: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent: false, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, cookies: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ") }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Password then TOTP over HTTP, as the login page does; returns the session cookie header. */
export async function signInOverHttp(baseUrl: string, therapist: TestTherapist): Promise<string> {
  const headers = { origin: baseUrl, "content-type": "application/json" };
  const first = await postOnFreshConnection(`${baseUrl}/api/auth/sign-in/email`, headers, JSON.stringify({ email: therapist.email, password: therapist.password }));
  const second = await postOnFreshConnection(
    `${baseUrl}/api/auth/two-factor/verify-totp`,
    { ...headers, cookie: first.cookies },
    JSON.stringify({ code: await currentCode(therapist.secret) }),
  );
  if (second.status !== 200) throw new Error(`sign-in failed: ${second.status}`);
  return second.cookies;
}

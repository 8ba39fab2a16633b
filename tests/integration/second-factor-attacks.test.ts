import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { getAuth } from "@/lib/auth/auth";
import { MOUNTED_AUTH_ENDPOINTS } from "@/lib/auth/auth-endpoints";
import { base32 } from "@better-auth/utils/base32";
import { changeOwnPassword, confirmTwoFactorReenrol, revokeOwnSession, startTwoFactorReenrol } from "@/lib/auth/accounts";
import { freshCode } from "../support/totp-codes";
import { checkTherapistSession, type Therapist } from "@/lib/auth/require-therapist";
import { useMigratedDatabase } from "../support/database";
import { schema, testDb } from "../support/either-database";
import { cookiesOf, newTherapist, post, postToLibrary, signIn } from "../support/therapist-session";

/** Issue 12, items 1–3, 7 and 10: the attacks on the second factor and the account endpoints, replayed. */

useMigratedDatabase();

const auditOf = (action: string) => testDb().select().from(schema.auditEvents).where(eq(schema.auditEvents.action, action)).orderBy(schema.auditEvents.seq);

async function signedIn(label: string, ip: string): Promise<{ t: Awaited<ReturnType<typeof newTherapist>>; me: Therapist; headers: Headers }> {
  const t = await newTherapist(label);
  const headers = await signIn(t, ip);
  const me = await checkTherapistSession(headers);
  if (typeof me === "string") throw new Error(me);
  return { t, me, headers };
}

describe("trusted devices", () => {
  it("cannot be requested: trustDevice: true is refused, names the field, and sets no cookie or session", async () => {
    const t = await newTherapist("trust");
    const first = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "198.51.100.1");
    const second = await post("/two-factor/verify-totp", { code: await t.code(), trustDevice: true }, { cookie: cookiesOf(first) }, "198.51.100.1");
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ errors: [{ item: "trustDevice", message: expect.stringContaining("trusted devices are not offered") }] });
    expect(second.headers.getSetCookie()).toEqual([]);
  });

  it("do not skip the code even with a trust cookie the library itself issued (as an earlier version could)", async () => {
    const t = await newTherapist("trusted-cookie");
    // What the attack did: the library's own endpoint, asked to trust the device.
    const first = await postToLibrary("/sign-in/email", { email: t.email, password: t.password }, {}, "198.51.100.2");
    const second = await postToLibrary("/two-factor/verify-totp", { code: await t.code(), trustDevice: true }, { cookie: cookiesOf(first) }, "198.51.100.2");
    const trust = second.headers.getSetCookie().find((c) => c.includes("trust_device="));
    expect(trust, "the library alone sets a 30-day trust cookie").toBeDefined();
    // Through the app, password + that cookie still leads to a code challenge, never to a session.
    const again = await post("/sign-in/email", { email: t.email, password: t.password }, { cookie: trust!.split(";")[0]! }, "198.51.100.2");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ twoFactorRedirect: true });
    expect(await checkTherapistSession(new Headers({ cookie: cookiesOf(again) }))).toBe("anonymous");
  });

  it("recorded by an earlier version are forgotten by migration 0006", (context) => {
    // SQLite's migration 0006 (db/migrations): PostgreSQL's migrations start after it, with no such rows to forget.
    if (currentDialect() === "postgres") context.skip();
    const { verifications } = schema;
    const rows = getDb().select({ identifier: verifications.identifier }).from(verifications).all();
    expect(rows.filter((r) => r.identifier.startsWith("trust-device-")).length).toBeGreaterThan(0); // from the test above
    getDb().$client.exec(fs.readFileSync("db/migrations/0006_totp_last_used_step.sql", "utf8").split("--> statement-breakpoint")[1]!);
    expect(getDb().select({ identifier: verifications.identifier }).from(verifications).all().some((r) => r.identifier.startsWith("trust-device-"))).toBe(false);
  });
});

describe("a TOTP code", () => {
  it("works once per account: a second sign-in with the same code is refused, audited, and its challenge stays open", async () => {
    const t = await newTherapist("replay");
    const code = await t.code();
    const a = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "198.51.100.10");
    expect((await post("/two-factor/verify-totp", { code }, { cookie: cookiesOf(a) }, "198.51.100.10")).status).toBe(200);

    const b = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "198.51.100.11");
    const replay = await post("/two-factor/verify-totp", { code }, { cookie: cookiesOf(b) }, "198.51.100.11");
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: "CODE_ALREADY_USED" });
    expect(replay.headers.getSetCookie().some((c) => c.includes("session_token=") && !c.includes("Max-Age=0"))).toBe(false);
    expect((await auditOf("two_factor.failure")).some((e) => e.detail?.includes("code_already_used"))).toBe(true);
    // The same challenge takes the next code.
    const next = await post("/two-factor/verify-totp", { code: await t.code() }, { cookie: cookiesOf(b) }, "198.51.100.11");
    expect(next.status).toBe(200);
    expect(await checkTherapistSession(new Headers({ cookie: cookiesOf(next) }))).toMatchObject({ email: t.email });
  });

  it("sent by two racing sign-ins gives exactly one usable session", async () => {
    const t = await newTherapist("race");
    const code = await t.code();
    const challenges = await Promise.all(["198.51.100.20", "198.51.100.21", "198.51.100.22"].map((ip) => post("/sign-in/email", { email: t.email, password: t.password }, {}, ip)));
    const answers = await Promise.all(challenges.map((c, i) => post("/two-factor/verify-totp", { code }, { cookie: cookiesOf(c) }, `198.51.100.2${i}`)));
    const sessions = await Promise.all(answers.map((r) => checkTherapistSession(new Headers({ cookie: cookiesOf(r) }))));
    expect(sessions.filter((s) => typeof s !== "string")).toHaveLength(1);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it("used to sign in cannot start a second-factor re-enrolment, and the re-enrolment needs the current app", async () => {
    const t = await newTherapist("reenrol-replay");
    const code = await t.code();
    const first = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "198.51.100.30");
    const second = await post("/two-factor/verify-totp", { code }, { cookie: cookiesOf(first) }, "198.51.100.30");
    const me = await checkTherapistSession(new Headers({ cookie: cookiesOf(second), "x-forwarded-for": "198.51.100.30" }));
    if (typeof me === "string") throw new Error(me);
    await expect(startTwoFactorReenrol(me, t.password, code)).rejects.toThrow("already used");
    await expect(startTwoFactorReenrol(me, t.password, "123456")).rejects.toThrow("code is not right");
    expect((await auditOf("account.reauth_failure")).filter((e) => e.actorUserId === me.userId)).toHaveLength(2);
    await expect(startTwoFactorReenrol(me, t.password, await t.code())).resolves.toMatch(/^otpauth:\/\//);
    expect((await auditOf("account.two_factor_reenrol_start")).some((e) => e.actorUserId === me.userId)).toBe(true);
  });
});

describe("moving the second factor to a new app", () => {
  it("ends the account's other sessions, as a password change does, and keeps this one", async () => {
    const { t, me, headers } = await signedIn("move-ends", "198.51.100.90");
    const other = await signIn(t, "198.51.100.91");
    const url = await startTwoFactorReenrol(me, t.password, await t.code());
    const newSecret = base32.decode(new URL(url).searchParams.get("secret")!);
    expect(await confirmTwoFactorReenrol(me, await freshCode(newSecret))).toBe(true);
    expect(await checkTherapistSession(headers)).toMatchObject({ email: t.email });
    expect(await checkTherapistSession(other)).toBe("anonymous");
  });
});

describe("revoking a session", () => {
  it("of someone else, or one that has ended, revokes nothing, says so and writes no revoke event", async () => {
    const { me: a } = await signedIn("revoke-a", "198.51.100.95");
    const { me: b, headers: bHeaders } = await signedIn("revoke-b", "198.51.100.96");
    const before = (await auditOf("session.revoke")).length;
    expect(await revokeOwnSession(a, b.sessionId)).toBe(false);
    expect(await checkTherapistSession(bHeaders)).toMatchObject({ email: b.email });
    expect(await auditOf("session.revoke")).toHaveLength(before);
    expect(await revokeOwnSession(b, b.sessionId)).toBe(true);
    expect((await auditOf("session.revoke")).at(-1)?.detail).toBe('{"revoked":1}');
  });
});

describe("the auth library's endpoints", () => {
  it("only sign-in and the TOTP step are mounted, each documented with what it may do", () => {
    expect(Object.keys(MOUNTED_AUTH_ENDPOINTS).sort()).toEqual(["/sign-in/email", "/two-factor/verify-totp"]);
    const library = Object.values(getAuth().api as Record<string, { path?: string }>).map((e) => e.path).filter(Boolean);
    // The account endpoints the attack used exist in the library, and none is mounted.
    for (const path of ["/change-password", "/update-user", "/two-factor/disable", "/two-factor/enable", "/two-factor/get-totp-uri", "/sign-out", "/revoke-sessions", "/revoke-other-sessions"]) {
      expect(library).toContain(path);
      expect(MOUNTED_AUTH_ENDPOINTS).not.toHaveProperty(path);
    }
    for (const endpoint of Object.values(MOUNTED_AUTH_ENDPOINTS)) expect(endpoint.may.length).toBeGreaterThan(20);
  });

  it("refuse unexpected fields and non-JSON bodies with a 4xx naming the problem", async () => {
    const t = await newTherapist("strict");
    const extra = await post("/sign-in/email", { email: t.email, password: t.password, callbackURL: "https://evil.example" }, {}, "198.51.100.40");
    expect(extra.status).toBe(400);
    expect(JSON.stringify(await extra.json())).toContain("callbackURL");
    const remember = await post("/sign-in/email", { email: t.email, password: t.password, rememberMe: true }, {}, "198.51.100.40");
    expect((await remember.json()).errors[0].item).toBe("rememberMe");
  });
});

describe("password checks inside a session", () => {
  it("are rate-limited like sign-in: wrong passwords for the re-enrolment stop at the limit, even before the right one", async () => {
    const { t, me } = await signedIn("reauth-limit", "198.51.100.50");
    const results: string[] = [];
    for (let i = 0; i < 11; i++) results.push(await startTwoFactorReenrol(me, `wrong guess ${i}`, "123456").then(() => "ok", (e: Error) => e.message));
    expect(results.slice(0, 10).every((m) => m === "The current password is not right")).toBe(true);
    expect(results[10]).toMatch(/^Too many attempts\. Wait \d+ minutes? and try again\.$/);
    await expect(changeOwnPassword(me, t.password, "a completely new harbour phrase 7")).rejects.toThrow("Too many attempts");
    expect((await auditOf("account.reauth_failure")).filter((e) => e.actorUserId === me.userId)).toHaveLength(10);
  });
});

describe("the per-account sign-in limit", () => {
  it("is not reset by a success from another address", async () => {
    const t = await newTherapist("no-reset");
    for (let i = 0; i < 6; i++) await post("/sign-in/email", { email: t.email, password: `guess ${i} is wrong` }, {}, `198.51.100.${60 + i}`);
    await signIn(t, "198.51.100.70"); // a success from a new address: failures elsewhere stay counted
    const after: number[] = [];
    for (let i = 0; i < 5; i++) after.push((await post("/sign-in/email", { email: t.email, password: `more ${i} wrong` }, {}, `198.51.100.${80 + i}`)).status);
    expect(after).toEqual([401, 401, 401, 401, 429]);
  });
});

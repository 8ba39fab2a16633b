import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { checkTherapistSession } from "@/lib/auth/require-therapist";
import {
  AccountError,
  changeOwnPassword,
  confirmTwoFactorReenrol,
  createTherapist,
  resetTherapistTwoFactor,
  setTherapistDisabled,
  startTwoFactorReenrol,
} from "@/lib/auth/accounts";
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { freshCode } from "../support/totp-codes";
import { useMigratedDatabase } from "../support/database";
import { rawRows, schema, testDb } from "../support/either-database";
import { cookiesOf, newTherapist, post, signIn } from "../support/therapist-session";

useMigratedDatabase();

const actions = async () => (await testDb().select({ action: schema.auditEvents.action }).from(schema.auditEvents).orderBy(schema.auditEvents.seq)).map((r) => r.action);

describe("therapist accounts", () => {
  it("refuse short and common passwords and duplicate e-mails, and enrol TOTP from the start", async () => {
    await expect(createTherapist({ email: "a@clinic.example", name: "A", password: "short" })).rejects.toThrow("at least 12");
    await expect(createTherapist({ email: "a@clinic.example", name: "A", password: "password1234" })).rejects.toThrow(AccountError);
    await expect(createTherapist({ email: "a@clinic.example", name: "Ana Lee", password: "analee123456" })).rejects.toThrow("too easy to guess");
    const t = await newTherapist("enrol");
    expect(t.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Ketamine%20intake:enrol-\d+%40clinic\.example\?secret=[A-Z2-7]+/);
    await expect(createTherapist({ email: t.email.toUpperCase(), name: "Again", password: t.password })).rejects.toThrow("already exists");
    expect((await testDb().select().from(schema.twoFactors)).some((r) => r.verified)).toBe(true);
  });
});

describe("signing in", () => {
  it("asks for the second factor after the password, and only then gives a session requireTherapist() accepts", async () => {
    const t = await newTherapist("signin");
    const first = await post("/sign-in/email", { email: t.email, password: t.password });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ twoFactorRedirect: true });
    expect(await checkTherapistSession(new Headers({ cookie: cookiesOf(first) }))).toBe("anonymous");

    const headers = await signIn(t);
    const therapist = await checkTherapistSession(headers);
    expect(therapist).toMatchObject({ email: t.email });
    expect(await actions()).toEqual(expect.arrayContaining(["account.create", "sign_in.success", "two_factor.success"]));
  });

  it("refuses a wrong password and a wrong code, and records both", async () => {
    const t = await newTherapist("wrong");
    expect((await post("/sign-in/email", { email: t.email, password: "not the password at all" }, {}, "198.51.100.20")).status).toBe(401);
    const first = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "198.51.100.20");
    const code = await t.code();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const second = await post("/two-factor/verify-totp", { code: wrong }, { cookie: cookiesOf(first) }, "198.51.100.20");
    expect(second.status).toBe(401);
    expect(second.headers.getSetCookie().some((c) => c.includes("session_token=") && !c.includes("Max-Age=0"))).toBe(false);
    expect(await actions()).toEqual(expect.arrayContaining(["sign_in.failure", "two_factor.failure"]));
  });

  it("slows down repeated attempts per address and per account with 429, never shutting the therapist's own machines out", async () => {
    const t = await newTherapist("limit");
    await signIn(t, "192.0.2.10"); // the therapist's usual machine
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post("/sign-in/email", { email: t.email, password: `guess number ${i} wrong` }, {}, "192.0.2.99")).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const retry = await post("/sign-in/email", { email: t.email, password: t.password }, {}, "192.0.2.99");
    expect(retry.status).toBe(429);
    expect(Number(retry.headers.get("retry-after"))).toBeGreaterThan(0);
    // A new address is held back for this account (someone guessing from many machines)…
    expect((await post("/sign-in/email", { email: t.email, password: t.password }, {}, "192.0.2.150")).status).toBe(429);
    // …but the therapist's own machine still signs in, and other accounts are untouched.
    await expect(signIn(t, "192.0.2.10")).resolves.toBeInstanceOf(Headers);
    const other = await newTherapist("neighbour");
    await expect(signIn(other, "192.0.2.151")).resolves.toBeInstanceOf(Headers);
  });
});

describe("requireTherapist()", () => {
  it("rejects a session that never passed the second factor", async () => {
    const t = await newTherapist("pending");
    const headers = await signIn(t);
    const s = await checkTherapistSession(headers);
    if (typeof s === "string") throw new Error(s);
    await testDb().update(schema.sessions).set({ twoFactorVerifiedAt: null }).where(eq(schema.sessions.id, s.sessionId));
    expect(await checkTherapistSession(headers)).toBe("two_factor_pending");
  });

  it("ends a session idle for more than 30 minutes, and one older than 12 hours", async () => {
    const t = await newTherapist("idle");
    const idle = await signIn(t);
    const now = Date.now();
    const s = await checkTherapistSession(idle);
    if (typeof s === "string") throw new Error(s);
    expect(await checkTherapistSession(idle, new Date(now + 29 * 60 * 1000))).toMatchObject({ email: t.email });
    expect(await checkTherapistSession(idle, new Date(now + 29 * 60 * 1000 + 31 * 60 * 1000))).toBe("idle");
    expect((await testDb().select().from(schema.sessions).where(eq(schema.sessions.id, s.sessionId)))[0]).toBeUndefined();

    const old = await signIn(t);
    const o = await checkTherapistSession(old);
    if (typeof o === "string") throw new Error(o);
    await testDb().update(schema.sessions).set({ createdAt: new Date(now - 12 * 3600 * 1000 - 1000) }).where(eq(schema.sessions.id, o.sessionId));
    expect(await checkTherapistSession(old)).toBe("too_old");
    expect(await actions()).toContain("session.expired");
  });

  it("ends every session of a disabled account at once, refuses its sign-in, and lets it back when enabled", async () => {
    const t = await newTherapist("disabled");
    const headers = await signIn(t);
    await setTherapistDisabled(t.email, true);
    expect(await checkTherapistSession(headers)).toBe("anonymous");
    expect((await post("/sign-in/email", { email: t.email, password: t.password }, {}, "192.0.2.50")).status).toBe(403);
    await setTherapistDisabled(t.email, false);
    await expect(signIn(t, "192.0.2.51")).resolves.toBeInstanceOf(Headers);
  });

  it("after a 2FA reset, the old authenticator entry no longer works", async () => {
    const t = await newTherapist("reset");
    const headers = await signIn(t);
    await resetTherapistTwoFactor(t.email);
    expect(await checkTherapistSession(headers)).toBe("anonymous");
    await expect(signIn(t, "192.0.2.60")).rejects.toThrow("verify-totp refused");
  });
});

describe("the settings page's account changes", () => {
  // Several codes of one secret: freshCode may wait for the next 30-second step (never reusing one).
  it("changes the password only after re-authentication, ending the other sessions but not this one", { timeout: 90_000 }, async () => {
    const t = await newTherapist("settings");
    const here = await signIn(t, "192.0.2.70");
    const elsewhere = await signIn(t, "192.0.2.71");
    const me = await checkTherapistSession(here);
    if (typeof me === "string") throw new Error(me);
    await expect(changeOwnPassword(me, "wrong current password", "brand new harbour lights 99")).rejects.toThrow("current password is not right");
    await expect(changeOwnPassword(me, t.password, "password1234")).rejects.toThrow(AccountError);
    await changeOwnPassword(me, t.password, "brand new harbour lights 99");
    expect(await checkTherapistSession(here)).toMatchObject({ email: t.email });
    expect(await checkTherapistSession(elsewhere)).toBe("anonymous");
    expect((await post("/sign-in/email", { email: t.email, password: t.password }, {}, "192.0.2.72")).status).toBe(401);
    await expect(signIn({ ...t, password: "brand new harbour lights 99" }, "192.0.2.73")).resolves.toBeInstanceOf(Headers);
  });

  // Several codes of one secret: freshCode may wait for the next 30-second step (never reusing one).
  it("moves the second factor to a new app only when a code from the new app is confirmed", { timeout: 90_000 }, async () => {
    const t = await newTherapist("reenrol");
    const headers = await signIn(t, "192.0.2.80");
    const me = await checkTherapistSession(headers);
    if (typeof me === "string") throw new Error(me);
    await expect(startTwoFactorReenrol(me, t.password, "000000")).rejects.toThrow("code is not right");
    await expect(startTwoFactorReenrol(me, "not my password at all", "123456")).rejects.toThrow("password is not right");
    const url = await startTwoFactorReenrol(me, t.password, await t.code());
    const newSecret = base32.decode(new URL(url).searchParams.get("secret")!);
    const newCode = () => freshCode(newSecret);
    // Until confirmed, the old app still works.
    await expect(signIn(t, "192.0.2.81")).resolves.toBeInstanceOf(Headers);
    expect(await confirmTwoFactorReenrol(me, "000000")).toBe(false);
    expect(await confirmTwoFactorReenrol(me, await newCode())).toBe(true);
    const oldAppNow = () => createOTP(t.secret, { digits: 6, period: 30 }).totp();
    await expect(signIn({ ...t, code: oldAppNow }, "192.0.2.82")).rejects.toThrow("verify-totp refused");
    await expect(signIn({ ...t, code: newCode }, "192.0.2.83")).resolves.toBeInstanceOf(Headers);
  });
});

describe("the audit chain", () => {
  it("verifies after all of the above, and names the first row changed afterwards", async () => {
    const check = await verifyAuditEventChain();
    expect(check.ok).toBe(true);
    const rows = await testDb().select().from(schema.auditEvents).orderBy(schema.auditEvents.seq);
    expect(rows.length).toBeGreaterThan(10);
    const target = rows[4]!;
    await rawRows("update audit_events set ip_address = '10.0.0.1' where seq = ?", target.seq);
    expect(await verifyAuditEventChain()).toMatchObject({ ok: false, brokenAt: target.seq, checked: target.seq - 1 });
    await rawRows("update audit_events set ip_address = ? where seq = ?", target.ipAddress, target.seq);
    await rawRows("delete from audit_events where seq = ?", rows[6]!.seq);
    expect(await verifyAuditEventChain()).toMatchObject({ ok: false, brokenAt: rows[7]!.seq });
  });
});

import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, max, ne } from "drizzle-orm";
import { createOTP } from "@better-auth/utils/otp";
import { generateRandomString, symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";
import { z } from "zod";
import { getDb } from "@/db/client";
import { accounts, sessions, twoFactors, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/audit-log";
import { getAuth, TOTP_ISSUER } from "./auth";
import { passwordProblem } from "./password-policy";

/**
 * Therapist accounts, managed through better-auth's own server-side context (its internal adapter,
 * password hasher and TOTP secret encryption), so sign-in works exactly as if the library had
 * created them. Used by `npm run users` and the settings page.
 */

export class AccountError extends Error {}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be an e-mail address like name@example.org" }));
export const nameSchema = z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters");

/** Who did it: a therapist (settings page) or the command line. */
export interface Actor {
  userId: string | null;
  email: string | null;
  ipAddress: string | null;
}
export const COMMAND_LINE: Actor = { userId: null, email: "command line", ipAddress: null };

async function authContext() {
  return getAuth().$context;
}

function userByEmail(email: string) {
  const user = getDb().select().from(users).where(eq(users.email, emailSchema.parse(email))).get();
  if (!user) throw new AccountError(`No account with the e-mail ${email}`);
  return user;
}

function checkPassword(password: string, personal: string[]) {
  const problem = passwordProblem(password, personal);
  if (problem) throw new AccountError(problem);
}

/** A fresh TOTP secret for a user, stored encrypted and already verified; returns the otpauth URI. */
async function enrolTotp(userId: string, email: string): Promise<string> {
  const ctx = await authContext();
  const secret = generateRandomString(32);
  const encryptedSecret = await symmetricEncrypt({ key: ctx.secretConfig as string, data: secret });
  const noBackupCodes = await symmetricEncrypt({ key: ctx.secretConfig as string, data: "[]" });
  const db = getDb();
  db.transaction((tx) => {
    tx.delete(twoFactors).where(eq(twoFactors.userId, userId)).run();
    tx.insert(twoFactors)
      .values({ id: randomUUID(), userId, secret: encryptedSecret, backupCodes: noBackupCodes, verified: true, failedVerificationCount: 0 })
      .run();
    tx.update(users).set({ twoFactorEnabled: true, updatedAt: new Date() }).where(eq(users.id, userId)).run();
  });
  return createOTP(secret, { digits: 6, period: 30 }).url(TOTP_ISSUER, email);
}

export async function createTherapist(input: { email: string; name: string; password: string }, actor: Actor = COMMAND_LINE) {
  const email = emailSchema.parse(input.email);
  const name = nameSchema.parse(input.name);
  checkPassword(input.password, [email, name]);
  if (getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get())
    throw new AccountError(`An account with the e-mail ${email} already exists`);
  const ctx = await authContext();
  const user = await ctx.internalAdapter.createUser({ email, name, emailVerified: true }, { method: "admin" });
  const hash = await ctx.password.hash(input.password);
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  const otpauthUrl = await enrolTotp(user.id, email);
  audit(actor, "account.create", user.id, email);
  return { userId: user.id, email, otpauthUrl };
}

function audit(actor: Actor, action: "account.create" | "account.disable" | "account.enable" | "account.password_reset" | "account.password_change" | "account.two_factor_reset" | "account.two_factor_reenrol", targetUserId: string, targetEmail: string) {
  const db = getDb();
  db.transaction((tx) => appendAuditEvent(tx, { action, actorUserId: actor.userId, actorEmail: actor.email, ipAddress: actor.ipAddress, detail: { account: targetUserId, accountEmail: targetEmail } }), {
    behavior: "immediate",
  });
}

export function countTherapists(): number {
  return getDb().select({ id: users.id }).from(users).all().length;
}

export interface TherapistSummary {
  email: string;
  name: string;
  disabled: boolean;
  twoFactor: boolean;
  createdAt: Date;
  lastSignIn: Date | null;
}

export function listTherapists(): TherapistSummary[] {
  const db = getDb();
  return db
    .select({
      email: users.email,
      name: users.name,
      disabled: users.disabled,
      twoFactor: users.twoFactorEnabled,
      createdAt: users.createdAt,
      lastSignIn: max(sessions.createdAt),
    })
    .from(users)
    .leftJoin(sessions, eq(sessions.userId, users.id))
    .groupBy(users.id)
    .orderBy(users.email)
    .all()
    .map((r) => ({ ...r, twoFactor: !!r.twoFactor, lastSignIn: r.lastSignIn ? new Date(r.lastSignIn as unknown as number) : null }));
}

/** Disabling an account ends its sessions at once. */
export function setTherapistDisabled(email: string, disabled: boolean, actor: Actor = COMMAND_LINE): void {
  const user = userByEmail(email);
  const db = getDb();
  db.transaction(
    (tx) => {
      tx.update(users).set({ disabled, updatedAt: new Date() }).where(eq(users.id, user.id)).run();
      if (disabled) tx.delete(sessions).where(eq(sessions.userId, user.id)).run();
      appendAuditEvent(tx, { action: disabled ? "account.disable" : "account.enable", actorUserId: actor.userId, actorEmail: actor.email, ipAddress: actor.ipAddress, detail: { account: user.id, accountEmail: user.email } });
    },
    { behavior: "immediate" },
  );
}

/** Sets a new password (policy checked) and ends every session of the account. */
export async function resetTherapistPassword(email: string, password: string, actor: Actor = COMMAND_LINE): Promise<void> {
  const user = userByEmail(email);
  checkPassword(password, [user.email, user.name]);
  const hash = await (await authContext()).password.hash(password);
  const db = getDb();
  db.transaction(
    (tx) => {
      tx.update(accounts).set({ password: hash, updatedAt: new Date() }).where(and(eq(accounts.userId, user.id), eq(accounts.providerId, "credential"))).run();
      tx.delete(sessions).where(eq(sessions.userId, user.id)).run();
      appendAuditEvent(tx, { action: "account.password_reset", actorUserId: actor.userId, actorEmail: actor.email, ipAddress: actor.ipAddress, detail: { account: user.id, accountEmail: user.email } });
    },
    { behavior: "immediate" },
  );
}

/** A new TOTP secret (the old app stops working) and every session ended; returns the otpauth URI. */
export async function resetTherapistTwoFactor(email: string, actor: Actor = COMMAND_LINE): Promise<string> {
  const user = userByEmail(email);
  const url = await enrolTotp(user.id, user.email);
  getDb().delete(sessions).where(eq(sessions.userId, user.id)).run();
  audit(actor, "account.two_factor_reset", user.id, user.email);
  return url;
}

/** Checks a therapist's current password (re-authentication before a sensitive change). */
export async function verifyTherapistPassword(userId: string, password: string): Promise<boolean> {
  const account = getDb()
    .select({ password: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, "credential")))
    .get();
  if (!account?.password) return false;
  return (await authContext()).password.verify({ hash: account.password, password });
}

/** Changes one's own password after re-authentication; other sessions end, this one stays. */
export async function changeOwnPassword(
  therapist: { userId: string; email: string; name: string; sessionId: string; ipAddress: string | null },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  if (!(await verifyTherapistPassword(therapist.userId, currentPassword))) throw new AccountError("The current password is not right");
  checkPassword(newPassword, [therapist.email, therapist.name]);
  const hash = await (await authContext()).password.hash(newPassword);
  const db = getDb();
  db.transaction(
    (tx) => {
      tx.update(accounts).set({ password: hash, updatedAt: new Date() }).where(and(eq(accounts.userId, therapist.userId), eq(accounts.providerId, "credential"))).run();
      tx.delete(sessions).where(and(eq(sessions.userId, therapist.userId), ne(sessions.id, therapist.sessionId))).run();
      appendAuditEvent(tx, { action: "account.password_change", actorUserId: therapist.userId, actorEmail: therapist.email, ipAddress: therapist.ipAddress, detail: { account: therapist.userId } });
    },
    { behavior: "immediate" },
  );
}

const REENROL_PREFIX = "reenrol-2fa-";
const REENROL_TTL_MS = 10 * 60 * 1000;

/** Step 1 of re-enrolling 2FA: a new secret, kept aside (encrypted) until a code from it is entered. */
export async function startTwoFactorReenrol(userId: string, email: string): Promise<string> {
  const ctx = await authContext();
  const secret = generateRandomString(32);
  await ctx.internalAdapter.deleteVerificationByIdentifier(`${REENROL_PREFIX}${userId}`);
  await ctx.internalAdapter.createVerificationValue({
    identifier: `${REENROL_PREFIX}${userId}`,
    value: await symmetricEncrypt({ key: ctx.secretConfig as string, data: secret }),
    expiresAt: new Date(Date.now() + REENROL_TTL_MS),
  });
  return createOTP(secret, { digits: 6, period: 30 }).url(TOTP_ISSUER, email);
}

/** Step 2: a code from the new app replaces the old secret. */
export async function confirmTwoFactorReenrol(
  therapist: { userId: string; email: string; ipAddress: string | null },
  code: string,
): Promise<boolean> {
  const ctx = await authContext();
  const pending = await ctx.internalAdapter.findVerificationValue(`${REENROL_PREFIX}${therapist.userId}`);
  if (!pending || pending.expiresAt < new Date()) return false;
  const secret = await symmetricDecrypt({ key: ctx.secretConfig as string, data: pending.value });
  if (!/^\d{6}$/.test(code) || !(await createOTP(secret, { digits: 6, period: 30 }).verify(code))) return false;
  const encryptedSecret = await symmetricEncrypt({ key: ctx.secretConfig as string, data: secret });
  getDb().update(twoFactors).set({ secret: encryptedSecret, failedVerificationCount: 0, lockedUntil: null }).where(eq(twoFactors.userId, therapist.userId)).run();
  await ctx.internalAdapter.deleteVerificationByIdentifier(`${REENROL_PREFIX}${therapist.userId}`);
  audit({ userId: therapist.userId, email: therapist.email, ipAddress: therapist.ipAddress }, "account.two_factor_reenrol", therapist.userId, therapist.email);
  return true;
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastActiveAt: Date | null;
  userAgent: string | null;
  ipAddress: string | null;
}

export function listOwnSessions(userId: string): SessionSummary[] {
  return getDb()
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt, userAgent: sessions.userAgent, ipAddress: sessions.ipAddress })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt))
    .all();
}

export function revokeOwnSession(therapist: { userId: string; email: string; ipAddress: string | null }, sessionId: string): void {
  const db = getDb();
  db.transaction(
    (tx) => {
      tx.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, therapist.userId))).run();
      appendAuditEvent(tx, { action: "session.revoke", actorUserId: therapist.userId, actorEmail: therapist.email, ipAddress: therapist.ipAddress });
    },
    { behavior: "immediate" },
  );
}

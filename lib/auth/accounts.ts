import "server-only";
import { randomUUID } from "node:crypto";
import { createOTP } from "@better-auth/utils/otp";
import { generateRandomString, symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";
import { z } from "zod";
import { accountsRepository as repo, type SessionRow, type TherapistRow } from "@/db/repositories/accounts";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import type { AuditAction } from "@/lib/audit/audit-log";
import { getConfig } from "@/lib/config";
import { consume, FIFTEEN_MIN_MS } from "@/lib/rate-limit/limiter";
import { getAuth, TOTP_ISSUER } from "./auth";
import { passwordProblem } from "./password-policy";
import { TOTP_OPTIONS, totpStepOf, useCurrentCode } from "./totp";

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
interface Actor {
  userId: string | null;
  email: string | null;
  ipAddress: string | null;
}
const COMMAND_LINE: Actor = { userId: null, email: "command line", ipAddress: null };

async function authContext() {
  return getAuth().$context;
}

async function userByEmail(email: string) {
  const user = await repo.userByEmail(emailSchema.parse(email));
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
  await repo.enrolTotp(userId, { id: randomUUID(), encryptedSecret, encryptedBackupCodes: noBackupCodes });
  return createOTP(secret, TOTP_OPTIONS).url(TOTP_ISSUER, email);
}

export async function createTherapist(input: { email: string; name: string; password: string }, actor: Actor = COMMAND_LINE) {
  const email = emailSchema.parse(input.email);
  const name = nameSchema.parse(input.name);
  checkPassword(input.password, [email, name]);
  if (await repo.userByEmail(email))
    throw new AccountError(`An account with the e-mail ${email} already exists`);
  const ctx = await authContext();
  const user = await ctx.internalAdapter.createUser({ email, name, emailVerified: true }, { method: "admin" });
  const hash = await ctx.password.hash(input.password);
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  const otpauthUrl = await enrolTotp(user.id, email);
  await audit(actor, "account.create", user.id, email);
  return { userId: user.id, email, otpauthUrl };
}

type AccountAuditAction = Extract<AuditAction, `account.${string}`>;

/** An account event in a transaction of its own. */
function audit(actor: Actor, action: AccountAuditAction, targetUserId: string, targetEmail: string, extra: Record<string, string> = {}): Promise<void> {
  return appendAuditEvents([{ action, actorUserId: actor.userId, actorEmail: actor.email, ipAddress: actor.ipAddress, detail: { account: targetUserId, accountEmail: targetEmail, ...extra } }]);
}

export function countTherapists(): Promise<number> {
  return repo.countUsers();
}

export function listTherapists(): Promise<TherapistRow[]> {
  return repo.listTherapists();
}

/** Disabling an account ends its sessions at once. */
export async function setTherapistDisabled(email: string, disabled: boolean, actor: Actor = COMMAND_LINE): Promise<void> {
  const user = await userByEmail(email);
  await repo.setDisabled(user.id, disabled, {
    action: disabled ? "account.disable" : "account.enable",
    actorUserId: actor.userId,
    actorEmail: actor.email,
    ipAddress: actor.ipAddress,
    detail: { account: user.id, accountEmail: user.email },
  });
}

/** Sets a new password (policy checked) and ends every session of the account. */
export async function resetTherapistPassword(email: string, password: string, actor: Actor = COMMAND_LINE): Promise<void> {
  const user = await userByEmail(email);
  checkPassword(password, [user.email, user.name]);
  const hash = await (await authContext()).password.hash(password);
  await repo.setPassword(user.id, hash, null, {
    action: "account.password_reset",
    actorUserId: actor.userId,
    actorEmail: actor.email,
    ipAddress: actor.ipAddress,
    detail: { account: user.id, accountEmail: user.email },
  });
}

/** A new TOTP secret (the old app stops working) and every session ended; returns the otpauth URI. */
export async function resetTherapistTwoFactor(email: string, actor: Actor = COMMAND_LINE): Promise<string> {
  const user = await userByEmail(email);
  const url = await enrolTotp(user.id, user.email);
  await repo.deleteSessionsOf(user.id);
  await (await authContext()).internalAdapter.deleteVerificationByIdentifier(`${REENROL_PREFIX}${user.id}`);
  await audit(actor, "account.two_factor_reset", user.id, user.email);
  return url;
}

/** A signed-in therapist proving it is them again before a sensitive change. */
interface Reauthenticating {
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  ipAddress: string | null;
}

/**
 * Every password or code check inside a session is limited like sign-in: per account and per
 * address, attempts (not only failures) counted, `RATE_LIMIT_LOGIN_PER_15MIN` in 15 minutes.
 */
async function limitReauthentication(therapist: Reauthenticating, kind: "password" | "code"): Promise<void> {
  const limit = getConfig().loginAttemptsPer15Min;
  const keys = [`reauth-${kind}-account:${therapist.userId}`, ...(therapist.ipAddress ? [`reauth-${kind}-address:${therapist.ipAddress}`] : [])];
  for (const key of keys) {
    const result = await consume(key, limit, FIFTEEN_MIN_MS);
    if (!result.allowed) {
      const minutes = Math.max(1, Math.ceil(result.retryAfter / 60));
      throw new AccountError(`Too many attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`);
    }
  }
}

async function reauthFailed(therapist: Reauthenticating, reason: "wrong_password" | "wrong_code" | "code_already_used", step: string): Promise<never> {
  await audit(therapist, "account.reauth_failure", therapist.userId, therapist.email, { reason, step });
  throw new AccountError(
    reason === "wrong_password"
      ? "The current password is not right"
      : reason === "code_already_used"
        ? "That code was already used. Wait for the next code from your authenticator app."
        : "That code is not right. Enter the current code from your authenticator app.",
  );
}

async function passwordMatches(userId: string, password: string): Promise<boolean> {
  const hash = await repo.passwordHash(userId);
  if (!hash) return false;
  return (await authContext()).password.verify({ hash, password });
}

/** Re-authentication with the current password, rate-limited and audited when it fails. */
async function requirePassword(therapist: Reauthenticating, password: string, step: string): Promise<void> {
  await limitReauthentication(therapist, "password");
  if (!(await passwordMatches(therapist.userId, password))) await reauthFailed(therapist, "wrong_password", step);
}

/** Re-authentication with a code from the current authenticator entry (used up, like at sign-in). */
async function requireCurrentCode(therapist: Reauthenticating, code: string, step: string): Promise<void> {
  await limitReauthentication(therapist, "code");
  const result = await useCurrentCode(therapist.userId, code, (await authContext()).secretConfig);
  if (result === "wrong") await reauthFailed(therapist, "wrong_code", step);
  if (result === "used") await reauthFailed(therapist, "code_already_used", step);
}

/** Changes one's own password after re-authentication; other sessions end, this one stays. */
export async function changeOwnPassword(therapist: Reauthenticating, currentPassword: string, newPassword: string): Promise<void> {
  await requirePassword(therapist, currentPassword, "password_change");
  checkPassword(newPassword, [therapist.email, therapist.name]);
  const hash = await (await authContext()).password.hash(newPassword);
  await repo.setPassword(therapist.userId, hash, therapist.sessionId, {
    action: "account.password_change",
    actorUserId: therapist.userId,
    actorEmail: therapist.email,
    ipAddress: therapist.ipAddress,
    detail: { account: therapist.userId },
  });
}

const REENROL_PREFIX = "reenrol-2fa-";
const REENROL_TTL_MS = 10 * 60 * 1000;

/**
 * Step 1 of moving the second factor to a new app: the password and a code from the current app
 * (someone holding only a session cannot replace it), then a new secret kept aside, encrypted,
 * until a code from it is entered.
 */
export async function startTwoFactorReenrol(therapist: Reauthenticating, password: string, currentCode: string): Promise<string> {
  await requirePassword(therapist, password, "two_factor_reenrol");
  await requireCurrentCode(therapist, currentCode, "two_factor_reenrol");
  const ctx = await authContext();
  const secret = generateRandomString(32);
  await ctx.internalAdapter.deleteVerificationByIdentifier(`${REENROL_PREFIX}${therapist.userId}`);
  await ctx.internalAdapter.createVerificationValue({
    identifier: `${REENROL_PREFIX}${therapist.userId}`,
    value: await symmetricEncrypt({ key: ctx.secretConfig as string, data: secret }),
    expiresAt: new Date(Date.now() + REENROL_TTL_MS),
  });
  await audit(therapist, "account.two_factor_reenrol_start", therapist.userId, therapist.email);
  return createOTP(secret, TOTP_OPTIONS).url(TOTP_ISSUER, therapist.email);
}

/** Step 2: a code from the new app replaces the old secret (that code is then used up too). */
export async function confirmTwoFactorReenrol(therapist: Reauthenticating, code: string): Promise<boolean> {
  await limitReauthentication(therapist, "code");
  const ctx = await authContext();
  const pending = await ctx.internalAdapter.findVerificationValue(`${REENROL_PREFIX}${therapist.userId}`);
  if (!pending || pending.expiresAt < new Date()) return false;
  const secret = await symmetricDecrypt({ key: ctx.secretConfig as string, data: pending.value });
  const step = await totpStepOf(secret, code);
  if (step === null) {
    await audit(therapist, "account.reauth_failure", therapist.userId, therapist.email, { reason: "wrong_code", step: "two_factor_reenrol_confirm" });
    return false;
  }
  const encryptedSecret = await symmetricEncrypt({ key: ctx.secretConfig as string, data: secret });
  await ctx.internalAdapter.deleteVerificationByIdentifier(`${REENROL_PREFIX}${therapist.userId}`);
  // As after a password change: the other sessions end (they may be whoever prompted the move).
  // The new secret's first code, used up here; the old secret's used steps no longer matter.
  await repo.replaceTotpSecret(therapist.userId, encryptedSecret, step, therapist.sessionId, {
    action: "account.two_factor_reenrol",
    actorUserId: therapist.userId,
    actorEmail: therapist.email,
    ipAddress: therapist.ipAddress,
    detail: { account: therapist.userId, accountEmail: therapist.email },
  });
  return true;
}

export function listOwnSessions(userId: string): Promise<SessionRow[]> {
  return repo.listSessions(userId);
}

/** Ends one of the therapist's own sessions; false when there is no such session of theirs. */
export async function revokeOwnSession(therapist: { userId: string; email: string; ipAddress: string | null }, sessionId: string): Promise<boolean> {
  const revoked = await repo.revokeSession(therapist.userId, sessionId, (n) => ({
    action: "session.revoke",
    actorUserId: therapist.userId,
    actorEmail: therapist.email,
    ipAddress: therapist.ipAddress,
    detail: { revoked: n },
  }));
  return revoked > 0;
}

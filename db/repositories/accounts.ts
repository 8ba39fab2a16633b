import "server-only";
import { byDialect } from "@/db/dialect";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { pgAccounts } from "./pg/accounts";
import { sqliteAccounts } from "./sqlite/accounts";

/**
 * Therapist accounts, sessions and second factors: the app's own reads and writes beside
 * better-auth's adapter (lib/auth/*). Each audited write appends its event in the same transaction.
 * Per dialect in ./sqlite/accounts.ts and ./pg/accounts.ts.
 */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
}

export interface TherapistRow {
  email: string;
  name: string;
  disabled: boolean;
  twoFactor: boolean;
  createdAt: Date;
  lastSignIn: Date | null;
}

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastActiveAt: Date | null;
  userAgent: string | null;
  ipAddress: string | null;
}

/** A session with what checkTherapistSession needs of its account. */
export interface SessionCheckRow {
  id: string;
  createdAt: Date;
  verifiedAt: Date | null;
  lastActiveAt: Date | null;
  disabled: boolean;
  twoFactorEnabled: boolean | null;
}

export interface AccountsRepository {
  userByEmail(email: string): Promise<UserRow | undefined>;
  userById(id: string): Promise<UserRow | undefined>;
  countUsers(): Promise<number>;
  listTherapists(): Promise<TherapistRow[]>;
  /** The credential account's password hash. */
  passwordHash(userId: string): Promise<string | null>;
  /** A new, verified TOTP secret in place of any other, and the account marked as having one (one transaction). */
  enrolTotp(userId: string, secret: { id: string; encryptedSecret: string; encryptedBackupCodes: string }): Promise<void>;
  setDisabled(userId: string, disabled: boolean, event: AuditEvent): Promise<void>;
  /** The new password hash; the account's sessions end, all of them or all but `keepSessionId`. */
  setPassword(userId: string, hash: string, keepSessionId: string | null, event: AuditEvent): Promise<void>;
  /** The re-enrolled secret, its first code's step used up, the other sessions ended. */
  replaceTotpSecret(userId: string, encryptedSecret: string, usedStep: number, keepSessionId: string, event: AuditEvent): Promise<void>;
  /** Ends one session of the user's; the event is written only when one was ended. */
  revokeSession(userId: string, sessionId: string, event: (revoked: number) => AuditEvent): Promise<number>;
  deleteSessionsOf(userId: string): Promise<void>;
  deleteSession(sessionId: string): Promise<void>;
  listSessions(userId: string): Promise<SessionRow[]>;
  sessionForCheck(sessionId: string): Promise<SessionCheckRow | undefined>;
  /** The second factor passed: the only way to a session requireTherapist() accepts. */
  markSessionVerified(sessionId: string, at: Date): Promise<void>;
  touchSession(sessionId: string, at: Date): Promise<void>;
  encryptedTotpSecret(userId: string): Promise<string | null>;
  lastUsedStep(userId: string): Promise<number | null>;
  /** Compare-and-set: true when `step` is later than every step used so far (it is then used). */
  claimStep(userId: string, step: number): Promise<boolean>;
  /** An event in a transaction of its own (sign-in outcomes, a session that expired, account events). */
  recordEvent(event: AuditEvent): Promise<void>;
}

const repo = () => byDialect<AccountsRepository>({ sqlite: sqliteAccounts, postgres: pgAccounts });

export const accountsRepository: AccountsRepository = {
  userByEmail: (email) => repo().userByEmail(email),
  userById: (id) => repo().userById(id),
  countUsers: () => repo().countUsers(),
  listTherapists: () => repo().listTherapists(),
  passwordHash: (userId) => repo().passwordHash(userId),
  enrolTotp: (userId, secret) => repo().enrolTotp(userId, secret),
  setDisabled: (userId, disabled, event) => repo().setDisabled(userId, disabled, event),
  setPassword: (userId, hash, keep, event) => repo().setPassword(userId, hash, keep, event),
  replaceTotpSecret: (userId, secret, step, keep, event) => repo().replaceTotpSecret(userId, secret, step, keep, event),
  revokeSession: (userId, sessionId, event) => repo().revokeSession(userId, sessionId, event),
  deleteSessionsOf: (userId) => repo().deleteSessionsOf(userId),
  deleteSession: (sessionId) => repo().deleteSession(sessionId),
  listSessions: (userId) => repo().listSessions(userId),
  sessionForCheck: (sessionId) => repo().sessionForCheck(sessionId),
  markSessionVerified: (sessionId, at) => repo().markSessionVerified(sessionId, at),
  touchSession: (sessionId, at) => repo().touchSession(sessionId, at),
  encryptedTotpSecret: (userId) => repo().encryptedTotpSecret(userId),
  lastUsedStep: (userId) => repo().lastUsedStep(userId),
  claimStep: (userId, step) => repo().claimStep(userId, step),
  recordEvent: (event) => repo().recordEvent(event),
};

/** SQLite's max() over a timestamp_ms column comes back as milliseconds, PostgreSQL's as a Date or text. */
export const lastSignInOf = (value: unknown): Date | null => (value == null ? null : new Date(value as string | number | Date));

import "server-only";
import { and, desc, eq, isNull, lt, max, ne, or } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { accounts, sessions, twoFactors, users } from "@/db/schema-pg";
import { inPgTransaction } from "@/db/transaction";
import { pgAuditEvents } from "./audit-events";
import { lastSignInOf, type AccountsRepository } from "../accounts";

/**
 * Accounts, sessions and second factors on PostgreSQL (see ../accounts.ts). Audited writes run in
 * inPgTransaction({ audited: true }): the audit chain's lock first, then the rows, the event appended
 * before commit. The one-use TOTP step is a single conditional UPDATE (row-locked), so two instances
 * accepting the same code cannot both win.
 */

const userColumns = { id: users.id, email: users.email, name: users.name, disabled: users.disabled };
const credential = (userId: string) => and(eq(accounts.userId, userId), eq(accounts.providerId, "credential"));
const audited = { audited: true } as const;

export const pgAccounts: AccountsRepository = {
  async userByEmail(email) {
    const [row] = await getPgDb().select(userColumns).from(users).where(eq(users.email, email));
    return row;
  },
  async userById(id) {
    const [row] = await getPgDb().select(userColumns).from(users).where(eq(users.id, id));
    return row;
  },
  async countUsers() {
    return (await getPgDb().select({ id: users.id }).from(users)).length;
  },
  async listTherapists() {
    const rows = await getPgDb()
      .select({ email: users.email, name: users.name, disabled: users.disabled, twoFactor: users.twoFactorEnabled, createdAt: users.createdAt, lastSignIn: max(sessions.createdAt) })
      .from(users)
      .leftJoin(sessions, eq(sessions.userId, users.id))
      .groupBy(users.id)
      .orderBy(users.email);
    return rows.map((r) => ({ ...r, twoFactor: !!r.twoFactor, lastSignIn: lastSignInOf(r.lastSignIn) }));
  },
  async passwordHash(userId) {
    const [row] = await getPgDb().select({ password: accounts.password }).from(accounts).where(credential(userId));
    return row?.password ?? null;
  },
  async enrolTotp(userId, secret) {
    await getPgDb().transaction(async (tx) => {
      await tx.delete(twoFactors).where(eq(twoFactors.userId, userId));
      await tx.insert(twoFactors).values({ id: secret.id, userId, secret: secret.encryptedSecret, backupCodes: secret.encryptedBackupCodes, verified: true, failedVerificationCount: 0 });
      await tx.update(users).set({ twoFactorEnabled: true, updatedAt: new Date() }).where(eq(users.id, userId));
    });
  },
  async setDisabled(userId, disabled, event) {
    await inPgTransaction(async (tx, audit) => {
      await tx.update(users).set({ disabled, updatedAt: new Date() }).where(eq(users.id, userId));
      if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
      await audit(event);
    }, audited);
  },
  async setPassword(userId, hash, keepSessionId, event) {
    await inPgTransaction(async (tx, audit) => {
      await tx.update(accounts).set({ password: hash, updatedAt: new Date() }).where(credential(userId));
      await tx.delete(sessions).where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
      await audit(event);
    }, audited);
  },
  async replaceTotpSecret(userId, encryptedSecret, usedStep, keepSessionId, event) {
    await inPgTransaction(async (tx, audit) => {
      await tx.update(twoFactors).set({ secret: encryptedSecret, failedVerificationCount: 0, lockedUntil: null, lastUsedStep: usedStep }).where(eq(twoFactors.userId, userId));
      await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
      await audit(event);
    }, audited);
  },
  async revokeSession(userId, sessionId, event) {
    return inPgTransaction(async (tx, audit) => {
      const revoked = (await tx.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).returning({ id: sessions.id })).length;
      if (revoked > 0) await audit(event(revoked));
      return revoked;
    }, audited);
  },
  async deleteSessionsOf(userId) {
    await getPgDb().delete(sessions).where(eq(sessions.userId, userId));
  },
  async deleteSession(sessionId) {
    await getPgDb().delete(sessions).where(eq(sessions.id, sessionId));
  },
  async listSessions(userId) {
    return getPgDb()
      .select({ id: sessions.id, createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt, userAgent: sessions.userAgent, ipAddress: sessions.ipAddress })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(desc(sessions.createdAt));
  },
  async sessionForCheck(sessionId) {
    const [row] = await getPgDb()
      .select({ id: sessions.id, createdAt: sessions.createdAt, verifiedAt: sessions.twoFactorVerifiedAt, lastActiveAt: sessions.lastActiveAt, disabled: users.disabled, twoFactorEnabled: users.twoFactorEnabled })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sessionId));
    return row;
  },
  async markSessionVerified(sessionId, at) {
    await getPgDb().update(sessions).set({ twoFactorVerifiedAt: at, lastActiveAt: at }).where(eq(sessions.id, sessionId));
  },
  async touchSession(sessionId, at) {
    await getPgDb().update(sessions).set({ lastActiveAt: at }).where(eq(sessions.id, sessionId));
  },
  async encryptedTotpSecret(userId) {
    const [row] = await getPgDb().select({ secret: twoFactors.secret }).from(twoFactors).where(eq(twoFactors.userId, userId));
    return row?.secret ?? null;
  },
  async lastUsedStep(userId) {
    const [row] = await getPgDb().select({ last: twoFactors.lastUsedStep }).from(twoFactors).where(eq(twoFactors.userId, userId));
    return row?.last ?? null;
  },
  async claimStep(userId, step) {
    const claimed = await getPgDb()
      .update(twoFactors)
      .set({ lastUsedStep: step })
      .where(and(eq(twoFactors.userId, userId), or(isNull(twoFactors.lastUsedStep), lt(twoFactors.lastUsedStep, step))))
      .returning({ id: twoFactors.id });
    return claimed.length === 1;
  },
  async recordEvent(event) {
    // Through the chain lock, then the signed anchor moves after the commit (inPgTransaction).
    await pgAuditEvents.appendAuditEvents([event]);
  },
};

import "server-only";
import { and, desc, eq, isNull, lt, max, ne, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accounts, sessions, twoFactors, users } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { recordAuditEvent } from "@/lib/audit/audit-log";
import { lastSignInOf, type AccountsRepository } from "../accounts";

/** Accounts, sessions and second factors on SQLite (see ../accounts.ts). Synchronous underneath. */

const userColumns = { id: users.id, email: users.email, name: users.name, disabled: users.disabled };
const credential = (userId: string) => and(eq(accounts.userId, userId), eq(accounts.providerId, "credential"));

export const sqliteAccounts: AccountsRepository = {
  async userByEmail(email) {
    return getDb().select(userColumns).from(users).where(eq(users.email, email)).get();
  },
  async userById(id) {
    return getDb().select(userColumns).from(users).where(eq(users.id, id)).get();
  },
  async countUsers() {
    return getDb().select({ id: users.id }).from(users).all().length;
  },
  async listTherapists() {
    return getDb()
      .select({ email: users.email, name: users.name, disabled: users.disabled, twoFactor: users.twoFactorEnabled, createdAt: users.createdAt, lastSignIn: max(sessions.createdAt) })
      .from(users)
      .leftJoin(sessions, eq(sessions.userId, users.id))
      .groupBy(users.id)
      .orderBy(users.email)
      .all()
      .map((r) => ({ ...r, twoFactor: !!r.twoFactor, lastSignIn: lastSignInOf(r.lastSignIn) }));
  },
  async passwordHash(userId) {
    return getDb().select({ password: accounts.password }).from(accounts).where(credential(userId)).get()?.password ?? null;
  },
  async enrolTotp(userId, secret) {
    getDb().transaction((tx) => {
      tx.delete(twoFactors).where(eq(twoFactors.userId, userId)).run();
      tx.insert(twoFactors)
        .values({ id: secret.id, userId, secret: secret.encryptedSecret, backupCodes: secret.encryptedBackupCodes, verified: true, failedVerificationCount: 0 })
        .run();
      tx.update(users).set({ twoFactorEnabled: true, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    });
  },
  async setDisabled(userId, disabled, event) {
    inTransaction((tx, audit) => {
      tx.update(users).set({ disabled, updatedAt: new Date() }).where(eq(users.id, userId)).run();
      if (disabled) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
      audit(event);
    });
  },
  async setPassword(userId, hash, keepSessionId, event) {
    inTransaction((tx, audit) => {
      tx.update(accounts).set({ password: hash, updatedAt: new Date() }).where(credential(userId)).run();
      tx.delete(sessions)
        .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
        .run();
      audit(event);
    });
  },
  async replaceTotpSecret(userId, encryptedSecret, usedStep, keepSessionId, event) {
    inTransaction((tx, audit) => {
      tx.update(twoFactors).set({ secret: encryptedSecret, failedVerificationCount: 0, lockedUntil: null, lastUsedStep: usedStep }).where(eq(twoFactors.userId, userId)).run();
      tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))).run();
      audit(event);
    });
  },
  async revokeSession(userId, sessionId, event) {
    return inTransaction((tx, audit) => {
      const revoked = tx.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).run().changes;
      if (revoked > 0) audit(event(revoked));
      return revoked;
    });
  },
  async deleteSessionsOf(userId) {
    getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
  },
  async deleteSession(sessionId) {
    getDb().delete(sessions).where(eq(sessions.id, sessionId)).run();
  },
  async listSessions(userId) {
    return getDb()
      .select({ id: sessions.id, createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt, userAgent: sessions.userAgent, ipAddress: sessions.ipAddress })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(desc(sessions.createdAt))
      .all();
  },
  async sessionForCheck(sessionId) {
    return getDb()
      .select({ id: sessions.id, createdAt: sessions.createdAt, verifiedAt: sessions.twoFactorVerifiedAt, lastActiveAt: sessions.lastActiveAt, disabled: users.disabled, twoFactorEnabled: users.twoFactorEnabled })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sessionId))
      .get();
  },
  async markSessionVerified(sessionId, at) {
    getDb().update(sessions).set({ twoFactorVerifiedAt: at, lastActiveAt: at }).where(eq(sessions.id, sessionId)).run();
  },
  async touchSession(sessionId, at) {
    getDb().update(sessions).set({ lastActiveAt: at }).where(eq(sessions.id, sessionId)).run();
  },
  async encryptedTotpSecret(userId) {
    return getDb().select({ secret: twoFactors.secret }).from(twoFactors).where(eq(twoFactors.userId, userId)).get()?.secret ?? null;
  },
  async lastUsedStep(userId) {
    return getDb().select({ last: twoFactors.lastUsedStep }).from(twoFactors).where(eq(twoFactors.userId, userId)).get()?.last ?? null;
  },
  async claimStep(userId, step) {
    const result = getDb()
      .update(twoFactors)
      .set({ lastUsedStep: step })
      .where(and(eq(twoFactors.userId, userId), or(isNull(twoFactors.lastUsedStep), lt(twoFactors.lastUsedStep, step))))
      .run();
    return result.changes === 1;
  },
  async recordEvent(event) {
    await recordAuditEvent(event);
  },
};

import "server-only";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { drafts } from "@/db/schema";
import { draftAad, readEncryptedJson, writeEncryptedJson } from "@/db/encrypted";
import { inTransaction } from "@/db/transaction";

/**
 * Draft rows. Tokens arrive already hashed (only hashes are stored); times are ISO strings chosen by
 * the wizard (lib/intake-wizard/drafts.ts), which also validates the decrypted state.
 */

export interface DraftRow {
  id: string;
  /** The decrypted state, not yet validated. */
  state: unknown;
  privacyNoticeVersion: string;
  consentedAt: string;
  crisisShown: boolean;
  expiresAt: string;
  intakeId: string | null;
  copyExpiresAt: string | null;
}

function toRow(row: typeof drafts.$inferSelect): DraftRow {
  return {
    id: row.id,
    state: readEncryptedJson(row.stateEnc, draftAad(row.id)),
    privacyNoticeVersion: row.privacyNoticeVersion,
    consentedAt: row.consentedAt,
    crisisShown: row.crisisShown,
    expiresAt: row.expiresAt,
    intakeId: row.intakeId,
    copyExpiresAt: row.copyExpiresAt,
  };
}

export interface NewDraftRow {
  id: string;
  sessionHash: string;
  state: unknown;
  privacyNoticeVersion: string;
  consentedAt: string;
  crisisShown: boolean;
  createdAt: string;
  expiresAt: string;
}

/** Inserts a draft, removing expired ones in the same transaction. */
export async function insertDraft(draft: NewDraftRow): Promise<void> {
  inTransaction((tx) => {
    tx.delete(drafts).where(lte(drafts.expiresAt, draft.createdAt)).run();
    tx.insert(drafts)
      .values({
        id: draft.id,
        sessionHash: draft.sessionHash,
        stateEnc: writeEncryptedJson(draft.state, draftAad(draft.id)),
        privacyNoticeVersion: draft.privacyNoticeVersion,
        consentedAt: draft.consentedAt,
        crisisShown: draft.crisisShown,
        createdAt: draft.createdAt,
        updatedAt: draft.createdAt,
        expiresAt: draft.expiresAt,
      })
      .run();
  });
}

/** The draft a session hash belongs to, unless it expired by `now`. */
export async function findDraftBySessionHash(sessionHash: string, now: string): Promise<DraftRow | undefined> {
  const row = getDb().select().from(drafts).where(and(eq(drafts.sessionHash, sessionHash), gt(drafts.expiresAt, now))).get();
  return row ? toRow(row) : undefined;
}

/** Writes a not-yet-submitted draft's state; the crisis flag only ever turns on. False when refused. */
export async function updateDraftState(id: string, change: { state: unknown; crisisShown: boolean; updatedAt: string; expiresAt: string }): Promise<boolean> {
  const result = getDb()
    .update(drafts)
    .set({
      stateEnc: writeEncryptedJson(change.state, draftAad(id)),
      updatedAt: change.updatedAt,
      expiresAt: change.expiresAt,
      ...(change.crisisShown ? { crisisShown: true } : {}),
    })
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)))
    .run();
  return result.changes === 1;
}

export async function setResumeHash(id: string, resumeHash: string, resumeExpiresAt: string): Promise<void> {
  getDb()
    .update(drafts)
    .set({ resumeHash, resumeExpiresAt })
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)))
    .run();
}

/**
 * Exchanges a valid resume hash for a new session hash in one transaction: the resume hash is
 * cleared and the session replaced. Returns the draft's id, or undefined when nothing matched.
 */
export async function exchangeResumeHash(resumeHash: string, change: { sessionHash: string; now: string; expiresAt: string }): Promise<string | undefined> {
  return inTransaction((tx) => {
    const row = tx
      .select({ id: drafts.id })
      .from(drafts)
      .where(and(eq(drafts.resumeHash, resumeHash), gt(drafts.resumeExpiresAt, change.now), gt(drafts.expiresAt, change.now), isNull(drafts.intakeId)))
      .get();
    if (!row) return undefined;
    tx.update(drafts)
      .set({ resumeHash: null, resumeExpiresAt: null, sessionHash: change.sessionHash, expiresAt: change.expiresAt })
      .where(eq(drafts.id, row.id))
      .run();
    return row.id;
  });
}

/** Records the intake a draft became, replaces its state, clears any resume link and sets the client-copy hash. */
export async function markSubmitted(id: string, change: { intakeId: string; state: unknown; updatedAt: string; copyHash: string; copyExpiresAt: string }): Promise<void> {
  getDb()
    .update(drafts)
    .set({
      intakeId: change.intakeId,
      stateEnc: writeEncryptedJson(change.state, draftAad(id)),
      resumeHash: null,
      resumeExpiresAt: null,
      updatedAt: change.updatedAt,
      copyTokenHash: change.copyHash,
      copyExpiresAt: change.copyExpiresAt,
      copyDownloads: 0,
    })
    .where(eq(drafts.id, id))
    .run();
}

/**
 * Counts one download of a client copy, in one transaction with the check: undefined when the hash
 * is unknown, has no intake, expired by `now`, or reached `maxDownloads`.
 */
export async function takeCopyDownload(copyHash: string, now: string, maxDownloads: number): Promise<{ intakeId: string; state: unknown } | undefined> {
  return inTransaction((tx) => {
    const row = tx
      .select({ id: drafts.id, intakeId: drafts.intakeId, expiresAt: drafts.copyExpiresAt, downloads: drafts.copyDownloads, stateEnc: drafts.stateEnc })
      .from(drafts)
      .where(eq(drafts.copyTokenHash, copyHash))
      .get();
    if (!row?.intakeId || !row.expiresAt || row.expiresAt <= now || row.downloads >= maxDownloads) return undefined;
    tx.update(drafts).set({ copyDownloads: row.downloads + 1 }).where(eq(drafts.id, row.id)).run();
    return { intakeId: row.intakeId, state: readEncryptedJson(row.stateEnc, draftAad(row.id)) };
  });
}

export async function deleteDraft(id: string): Promise<void> {
  getDb().delete(drafts).where(eq(drafts.id, id)).run();
}

/** Removes drafts expired by `now`; returns how many. */
export async function deleteExpiredDrafts(now: string): Promise<number> {
  return getDb().delete(drafts).where(lte(drafts.expiresAt, now)).run().changes;
}

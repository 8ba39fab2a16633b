import "server-only";
import { byDialect } from "@/db/dialect";
import { pgDrafts } from "./pg/drafts";
import { sqliteDrafts } from "./sqlite/drafts";

/**
 * Draft rows. Tokens arrive already hashed (only hashes are stored); times are ISO strings chosen by
 * the wizard (lib/intake-wizard/drafts.ts), which also validates the decrypted state. Per dialect
 * in ./sqlite/drafts.ts and ./pg/drafts.ts.
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

export interface DraftStateChange {
  state: unknown;
  crisisShown: boolean;
  updatedAt: string;
  expiresAt: string;
}

export interface SubmittedChange {
  intakeId: string;
  state: unknown;
  updatedAt: string;
  copyHash: string;
  copyExpiresAt: string;
}

export interface DraftsRepository {
  insertDraft(draft: NewDraftRow): Promise<void>;
  findDraftBySessionHash(sessionHash: string, now: string): Promise<DraftRow | undefined>;
  updateDraftState(id: string, change: DraftStateChange): Promise<boolean>;
  setResumeHash(id: string, resumeHash: string, resumeExpiresAt: string): Promise<void>;
  exchangeResumeHash(resumeHash: string, change: { sessionHash: string; now: string; expiresAt: string }): Promise<string | undefined>;
  markSubmitted(id: string, change: SubmittedChange): Promise<void>;
  takeCopyDownload(copyHash: string, now: string, maxDownloads: number): Promise<{ intakeId: string; state: unknown } | undefined>;
  deleteDraft(id: string): Promise<void>;
  deleteExpiredDrafts(now: string): Promise<number>;
}

const repo = () => byDialect<DraftsRepository>({ sqlite: sqliteDrafts, postgres: pgDrafts });

/** Inserts a draft, removing expired ones in the same transaction. */
export const insertDraft: DraftsRepository["insertDraft"] = (draft) => repo().insertDraft(draft);

/** The draft a session hash belongs to, unless it expired by `now`. */
export const findDraftBySessionHash: DraftsRepository["findDraftBySessionHash"] = (sessionHash, now) => repo().findDraftBySessionHash(sessionHash, now);

/** Writes a not-yet-submitted draft's state; the crisis flag only ever turns on. False when refused. */
export const updateDraftState: DraftsRepository["updateDraftState"] = (id, change) => repo().updateDraftState(id, change);

export const setResumeHash: DraftsRepository["setResumeHash"] = (id, resumeHash, resumeExpiresAt) => repo().setResumeHash(id, resumeHash, resumeExpiresAt);

/**
 * Exchanges a valid resume hash for a new session hash in one transaction: the resume hash is
 * cleared and the session replaced. Returns the draft's id, or undefined when nothing matched.
 */
export const exchangeResumeHash: DraftsRepository["exchangeResumeHash"] = (resumeHash, change) => repo().exchangeResumeHash(resumeHash, change);

/** Records the intake a draft became, replaces its state, clears any resume link and sets the client-copy hash. */
export const markSubmitted: DraftsRepository["markSubmitted"] = (id, change) => repo().markSubmitted(id, change);

/**
 * Counts one download of a client copy, in one transaction with the check: undefined when the hash
 * is unknown, has no intake, expired by `now`, or reached `maxDownloads`.
 */
export const takeCopyDownload: DraftsRepository["takeCopyDownload"] = (copyHash, now, maxDownloads) => repo().takeCopyDownload(copyHash, now, maxDownloads);

export const deleteDraft: DraftsRepository["deleteDraft"] = (id) => repo().deleteDraft(id);

/** Removes drafts expired by `now`; returns how many. */
export const deleteExpiredDrafts: DraftsRepository["deleteExpiredDrafts"] = (now) => repo().deleteExpiredDrafts(now);

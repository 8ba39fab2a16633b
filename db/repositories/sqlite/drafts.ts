import "server-only";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { drafts } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { DraftRow, DraftsRepository, DraftStateChange, NewDraftRow, SubmittedChange } from "../drafts";
import { draftStateValues, newDraftValues, readDraftState, submittedValues, toDraftRow } from "../shared/drafts";

/** Draft rows on SQLite (see ../drafts.ts). */

async function insertDraft(draft: NewDraftRow): Promise<void> {
  inTransaction((tx) => {
    tx.delete(drafts).where(lte(drafts.expiresAt, draft.createdAt)).run();
    tx.insert(drafts).values(newDraftValues(draft)).run();
  });
}

async function findDraftBySessionHash(sessionHash: string, now: string): Promise<DraftRow | undefined> {
  const row = getDb().select().from(drafts).where(and(eq(drafts.sessionHash, sessionHash), gt(drafts.expiresAt, now))).get();
  return row ? toDraftRow(row) : undefined;
}

async function updateDraftState(id: string, change: DraftStateChange): Promise<boolean> {
  const result = getDb()
    .update(drafts)
    .set(draftStateValues(id, change))
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)))
    .run();
  return result.changes === 1;
}

async function setResumeHash(id: string, resumeHash: string, resumeExpiresAt: string): Promise<void> {
  getDb()
    .update(drafts)
    .set({ resumeHash, resumeExpiresAt })
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)))
    .run();
}

async function exchangeResumeHash(resumeHash: string, change: { sessionHash: string; now: string; expiresAt: string }): Promise<string | undefined> {
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

async function markSubmitted(id: string, change: SubmittedChange): Promise<void> {
  getDb().update(drafts).set(submittedValues(id, change)).where(eq(drafts.id, id)).run();
}

async function takeCopyDownload(copyHash: string, now: string, maxDownloads: number): Promise<{ intakeId: string; state: unknown } | undefined> {
  return inTransaction((tx) => {
    const row = tx
      .select({ id: drafts.id, intakeId: drafts.intakeId, expiresAt: drafts.copyExpiresAt, downloads: drafts.copyDownloads, stateEnc: drafts.stateEnc })
      .from(drafts)
      .where(eq(drafts.copyTokenHash, copyHash))
      .get();
    if (!row?.intakeId || !row.expiresAt || row.expiresAt <= now || row.downloads >= maxDownloads) return undefined;
    tx.update(drafts).set({ copyDownloads: row.downloads + 1 }).where(eq(drafts.id, row.id)).run();
    return { intakeId: row.intakeId, state: readDraftState(row.id, row.stateEnc) };
  });
}

async function deleteDraft(id: string): Promise<void> {
  getDb().delete(drafts).where(eq(drafts.id, id)).run();
}

async function deleteExpiredDrafts(now: string): Promise<number> {
  return getDb().delete(drafts).where(lte(drafts.expiresAt, now)).run().changes;
}

export const sqliteDrafts: DraftsRepository = {
  insertDraft,
  findDraftBySessionHash,
  updateDraftState,
  setResumeHash,
  exchangeResumeHash,
  markSubmitted,
  takeCopyDownload,
  deleteDraft,
  deleteExpiredDrafts,
};

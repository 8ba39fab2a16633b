import "server-only";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { getPgDb } from "@/db/pg-client";
import { drafts } from "@/db/schema-pg";
import { inPgTransaction } from "@/db/transaction";
import type { DraftRow, DraftsRepository, DraftStateChange, NewDraftRow, SubmittedChange } from "../drafts";
import { draftStateValues, newDraftValues, readDraftState, submittedValues, toDraftRow } from "../shared/drafts";

/**
 * Draft rows on PostgreSQL (see ../drafts.ts). Read-then-write steps lock the row they read
 * (`for update`), so two instances exchanging one resume link or counting one download serialise.
 */

async function insertDraft(draft: NewDraftRow): Promise<void> {
  await inPgTransaction(async (tx) => {
    await tx.delete(drafts).where(lte(drafts.expiresAt, draft.createdAt));
    await tx.insert(drafts).values(newDraftValues(draft));
  });
}

async function findDraftBySessionHash(sessionHash: string, now: string): Promise<DraftRow | undefined> {
  const [row] = await getPgDb().select().from(drafts).where(and(eq(drafts.sessionHash, sessionHash), gt(drafts.expiresAt, now)));
  return row ? toDraftRow(row) : undefined;
}

async function updateDraftState(id: string, change: DraftStateChange): Promise<boolean> {
  const updated = await getPgDb()
    .update(drafts)
    .set(draftStateValues(id, change))
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)))
    .returning({ id: drafts.id });
  return updated.length === 1;
}

async function setResumeHash(id: string, resumeHash: string, resumeExpiresAt: string): Promise<void> {
  await getPgDb()
    .update(drafts)
    .set({ resumeHash, resumeExpiresAt })
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)));
}

async function exchangeResumeHash(resumeHash: string, change: { sessionHash: string; now: string; expiresAt: string }): Promise<string | undefined> {
  return inPgTransaction(async (tx) => {
    const [row] = await tx
      .select({ id: drafts.id })
      .from(drafts)
      .where(and(eq(drafts.resumeHash, resumeHash), gt(drafts.resumeExpiresAt, change.now), gt(drafts.expiresAt, change.now), isNull(drafts.intakeId)))
      .for("update");
    if (!row) return undefined;
    // Re-checked under the lock: a concurrent exchange that committed first cleared the resume hash.
    const exchanged = await tx
      .update(drafts)
      .set({ resumeHash: null, resumeExpiresAt: null, sessionHash: change.sessionHash, expiresAt: change.expiresAt })
      .where(and(eq(drafts.id, row.id), eq(drafts.resumeHash, resumeHash)))
      .returning({ id: drafts.id });
    return exchanged[0]?.id;
  });
}

async function markSubmitted(id: string, change: SubmittedChange): Promise<void> {
  await getPgDb().update(drafts).set(submittedValues(id, change)).where(eq(drafts.id, id));
}

async function takeCopyDownload(copyHash: string, now: string, maxDownloads: number): Promise<{ intakeId: string; state: unknown } | undefined> {
  return inPgTransaction(async (tx) => {
    const [row] = await tx
      .select({ id: drafts.id, intakeId: drafts.intakeId, expiresAt: drafts.copyExpiresAt, downloads: drafts.copyDownloads, stateEnc: drafts.stateEnc })
      .from(drafts)
      .where(eq(drafts.copyTokenHash, copyHash))
      .for("update");
    if (!row?.intakeId || !row.expiresAt || row.expiresAt <= now || row.downloads >= maxDownloads) return undefined;
    await tx.update(drafts).set({ copyDownloads: row.downloads + 1 }).where(eq(drafts.id, row.id));
    return { intakeId: row.intakeId, state: readDraftState(row.id, row.stateEnc) };
  });
}

async function deleteDraft(id: string): Promise<void> {
  await getPgDb().delete(drafts).where(eq(drafts.id, id));
}

async function deleteExpiredDrafts(now: string): Promise<number> {
  const deleted = await getPgDb().delete(drafts).where(lte(drafts.expiresAt, now)).returning({ id: drafts.id });
  return deleted.length;
}

export const pgDrafts: DraftsRepository = {
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

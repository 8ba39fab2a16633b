import "server-only";
import type { drafts } from "@/db/schema";
import { draftAad, readEncryptedJson, writeEncryptedJson } from "@/db/encrypted";
import type { DraftRow, DraftStateChange, NewDraftRow, SubmittedChange } from "../drafts";

/** Draft row mapping and state encryption shared by both dialects. */

export function toDraftRow(row: typeof drafts.$inferSelect): DraftRow {
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

export const readDraftState = (id: string, stateEnc: string): unknown => readEncryptedJson(stateEnc, draftAad(id));

export const newDraftValues = (draft: NewDraftRow) => ({
  id: draft.id,
  sessionHash: draft.sessionHash,
  stateEnc: writeEncryptedJson(draft.state, draftAad(draft.id)),
  privacyNoticeVersion: draft.privacyNoticeVersion,
  consentedAt: draft.consentedAt,
  crisisShown: draft.crisisShown,
  createdAt: draft.createdAt,
  updatedAt: draft.createdAt,
  expiresAt: draft.expiresAt,
});

export const draftStateValues = (id: string, change: DraftStateChange) => ({
  stateEnc: writeEncryptedJson(change.state, draftAad(id)),
  updatedAt: change.updatedAt,
  expiresAt: change.expiresAt,
  ...(change.crisisShown ? { crisisShown: true } : {}),
});

export const submittedValues = (id: string, change: SubmittedChange) => ({
  intakeId: change.intakeId,
  stateEnc: writeEncryptedJson(change.state, draftAad(id)),
  resumeHash: null,
  resumeExpiresAt: null,
  updatedAt: change.updatedAt,
  copyTokenHash: change.copyHash,
  copyExpiresAt: change.copyExpiresAt,
  copyDownloads: 0,
});

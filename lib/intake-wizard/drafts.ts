import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import * as repository from "@/db/repositories/drafts";
import { CLIENT_COPY_LIFETIME_MS, DRAFT_LIFETIME_MS, RESUME_LINK_LIFETIME_MS } from "@/lib/lifetimes";

/**
 * Drafts of the intake wizard: tokens, lifetimes and the validated state. Rows are stored through
 * db/repositories/drafts.ts; only token hashes are ever stored.
 */

/** Drafts and resume links live DRAFT_LIFETIME_MS and RESUME_LINK_LIFETIME_MS: from the last save, and from when the link was issued. */
export { DRAFT_LIFETIME_MS, RESUME_LINK_LIFETIME_MS, CLIENT_COPY_LIFETIME_MS };

const unitsSchema = z.strictObject({
  height: z.enum(["cm", "ftin"]).optional(),
  weight: z.enum(["kg", "lb"]).optional(),
  episode: z.enum(["weeks", "months"]).optional(),
});

/** What a draft holds, decrypted. Validated on every read so a damaged row fails loudly. */
export const draftStateSchema = z.strictObject({
  /** Canonical answers of the steps completed so far (validated step by step). */
  answers: z.record(z.string(), z.unknown()),
  units: unitsSchema,
  /** What was typed on a step not yet completed, exactly as typed, so a reload loses nothing. */
  pending: z.strictObject({ section: z.string(), values: z.record(z.string(), z.unknown()) }).optional(),
  /** The safety step was left with an answer of acute risk: the next page opens with the interruption page. */
  interruption: z.literal(true).optional(),
});
export type DraftState = z.infer<typeof draftStateSchema>;

/** A draft row with its state validated (copyExpiresAt: until when the client's copy can be downloaded). */
export interface Draft extends Omit<repository.DraftRow, "state"> {
  state: DraftState;
}

/** 256 random bits; only its SHA-256 is stored, so a copy of the database opens no draft. */
const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("base64url");
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const toDraft = (row: repository.DraftRow): Draft => ({ ...row, state: draftStateSchema.parse(row.state) });

const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

export interface NewDraft {
  state: DraftState;
  privacyNoticeVersion: string;
  consentedAt: Date;
  crisisShown: boolean;
}

/** Creates a draft and returns it with the session token for the person's cookie. */
export async function createDraft(input: NewDraft, now = new Date()): Promise<{ draft: Draft; sessionToken: string }> {
  const id = randomBytes(16).toString("base64url");
  const sessionToken = newToken();
  await repository.insertDraft({
    id,
    sessionHash: hashToken(sessionToken),
    state: input.state,
    privacyNoticeVersion: input.privacyNoticeVersion,
    consentedAt: input.consentedAt.toISOString(),
    crisisShown: input.crisisShown,
    createdAt: now.toISOString(),
    expiresAt: later(now, DRAFT_LIFETIME_MS),
  });
  return { draft: (await findDraftBySession(sessionToken, now))!, sessionToken };
}

/** The unexpired draft a session token belongs to. */
export async function findDraftBySession(sessionToken: string, now = new Date()): Promise<Draft | undefined> {
  if (!TOKEN_SHAPE.test(sessionToken)) return undefined;
  const row = await repository.findDraftBySessionHash(hashToken(sessionToken), now.toISOString());
  return row ? toDraft(row) : undefined;
}

/** Saves a draft's state; the crisis flag only ever turns on. Refused once the draft was submitted. */
export async function saveDraft(id: string, state: DraftState, crisisShown: boolean, now = new Date()): Promise<boolean> {
  return repository.updateDraftState(id, { state, crisisShown, updatedAt: now.toISOString(), expiresAt: later(now, DRAFT_LIFETIME_MS) });
}

/** Issues a new resume link token for a draft, replacing any earlier one. */
export async function issueResumeToken(id: string, now = new Date()): Promise<string> {
  const token = newToken();
  await repository.setResumeHash(id, hashToken(token), later(now, RESUME_LINK_LIFETIME_MS));
  return token;
}

/**
 * Exchanges a resume token for a new session token. The resume token is used up (a new link must
 * be asked for), and the old session is replaced, so only the browser that resumed holds the draft.
 */
export async function resumeDraft(resumeToken: string, now = new Date()): Promise<{ draft: Draft; sessionToken: string } | undefined> {
  if (!TOKEN_SHAPE.test(resumeToken)) return undefined;
  const sessionToken = newToken();
  const id = await repository.exchangeResumeHash(hashToken(resumeToken), {
    sessionHash: hashToken(sessionToken),
    now: now.toISOString(),
    expiresAt: later(now, DRAFT_LIFETIME_MS),
  });
  if (!id) return undefined;
  return { draft: (await findDraftBySession(sessionToken, now))!, sessionToken };
}

export const CLIENT_COPY_MAX_DOWNLOADS = 5;

/**
 * Records the intake a draft became and removes the answers from it (the intake now holds them).
 * Returns the token for the client's copy (valid CLIENT_COPY_LIFETIME_MS), to be set as a path-scoped cookie.
 */
export async function markDraftSubmitted(id: string, intakeId: string, keep: DraftState["answers"], now = new Date()): Promise<{ copyToken: string; copyExpiresAt: string }> {
  const state: DraftState = { answers: keep, units: {} };
  const copyToken = newToken();
  const copyExpiresAt = later(now, CLIENT_COPY_LIFETIME_MS);
  await repository.markSubmitted(id, { intakeId, state, updatedAt: now.toISOString(), copyHash: hashToken(copyToken), copyExpiresAt });
  return { copyToken, copyExpiresAt };
}

/**
 * The intake a client-copy token opens, counting the download; undefined once the token is
 * unknown, past its 30 minutes, or used up.
 */
export async function takeClientCopy(copyToken: string, now = new Date()): Promise<{ intakeId: string; country: unknown } | undefined> {
  if (!TOKEN_SHAPE.test(copyToken)) return undefined;
  const taken = await repository.takeCopyDownload(hashToken(copyToken), now.toISOString(), CLIENT_COPY_MAX_DOWNLOADS);
  if (!taken) return undefined;
  return { intakeId: taken.intakeId, country: draftStateSchema.parse(taken.state).answers.country };
}

export async function deleteDraft(id: string): Promise<void> {
  await repository.deleteDraft(id);
}

/** Removes drafts past their expiry; returns how many. */
export async function deleteExpiredDrafts(now = new Date()): Promise<number> {
  return repository.deleteExpiredDrafts(now.toISOString());
}

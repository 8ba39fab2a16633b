import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { drafts } from "@/db/schema";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";

/** Drafts and resume links live 7 days: from the last save, and from when the link was issued. */
export const DRAFT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const RESUME_LINK_LIFETIME_MS = DRAFT_LIFETIME_MS;

const unitsSchema = z.strictObject({
  height: z.enum(["cm", "ftin"]).optional(),
  weight: z.enum(["kg", "lb"]).optional(),
});

/** What a draft holds, decrypted. Validated on every read so a damaged row fails loudly. */
export const draftStateSchema = z.strictObject({
  /** Canonical answers of the steps completed so far (validated step by step). */
  answers: z.record(z.string(), z.unknown()),
  units: unitsSchema,
  /** What was typed on a step not yet completed, exactly as typed, so a reload loses nothing. */
  pending: z.strictObject({ section: z.string(), values: z.record(z.string(), z.unknown()) }).optional(),
});
export type DraftState = z.infer<typeof draftStateSchema>;

export interface Draft {
  id: string;
  state: DraftState;
  privacyNoticeVersion: string;
  consentedAt: string;
  crisisShown: boolean;
  expiresAt: string;
  intakeId: string | null;
  /** Until when the client's copy can be downloaded (set at submission). */
  copyExpiresAt: string | null;
}

/** 256 random bits; only its SHA-256 is stored, so a copy of the database opens no draft. */
const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("base64url");
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const aad = (id: string) => `drafts.${id}.state`;

function toDraft(row: typeof drafts.$inferSelect): Draft {
  return {
    id: row.id,
    state: draftStateSchema.parse(JSON.parse(decryptField(row.stateEnc, aad(row.id)))),
    privacyNoticeVersion: row.privacyNoticeVersion,
    consentedAt: row.consentedAt,
    crisisShown: row.crisisShown,
    expiresAt: row.expiresAt,
    intakeId: row.intakeId,
    copyExpiresAt: row.copyExpiresAt,
  };
}

const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

export interface NewDraft {
  state: DraftState;
  privacyNoticeVersion: string;
  consentedAt: Date;
  crisisShown: boolean;
}

/** Creates a draft and returns it with the session token for the person's cookie. */
export function createDraft(input: NewDraft, now = new Date()): { draft: Draft; sessionToken: string } {
  const id = randomBytes(16).toString("base64url");
  const sessionToken = newToken();
  const db = getDb();
  db.transaction(
    (tx) => {
      tx.delete(drafts).where(lte(drafts.expiresAt, now.toISOString())).run();
      tx.insert(drafts)
        .values({
          id,
          sessionHash: hashToken(sessionToken),
          stateEnc: encryptField(JSON.stringify(input.state), aad(id)),
          privacyNoticeVersion: input.privacyNoticeVersion,
          consentedAt: input.consentedAt.toISOString(),
          crisisShown: input.crisisShown,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          expiresAt: later(now, DRAFT_LIFETIME_MS),
        })
        .run();
    },
    { behavior: "immediate" },
  );
  return { draft: findDraftBySession(sessionToken, now)!, sessionToken };
}

/** The unexpired draft a session token belongs to. */
export function findDraftBySession(sessionToken: string, now = new Date()): Draft | undefined {
  if (!TOKEN_SHAPE.test(sessionToken)) return undefined;
  const row = getDb()
    .select()
    .from(drafts)
    .where(and(eq(drafts.sessionHash, hashToken(sessionToken)), gt(drafts.expiresAt, now.toISOString())))
    .get();
  return row ? toDraft(row) : undefined;
}

/** Saves a draft's state; the crisis flag only ever turns on. Refused once the draft was submitted. */
export function saveDraft(id: string, state: DraftState, crisisShown: boolean, now = new Date()): boolean {
  const result = getDb()
    .update(drafts)
    .set({
      stateEnc: encryptField(JSON.stringify(state), aad(id)),
      updatedAt: now.toISOString(),
      expiresAt: later(now, DRAFT_LIFETIME_MS),
      ...(crisisShown ? { crisisShown: true } : {}),
    })
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)))
    .run();
  return result.changes === 1;
}

/** Issues a new resume link token for a draft, replacing any earlier one. */
export function issueResumeToken(id: string, now = new Date()): string {
  const token = newToken();
  getDb()
    .update(drafts)
    .set({ resumeHash: hashToken(token), resumeExpiresAt: later(now, RESUME_LINK_LIFETIME_MS) })
    .where(and(eq(drafts.id, id), isNull(drafts.intakeId)))
    .run();
  return token;
}

/**
 * Exchanges a resume token for a new session token. The resume token is used up (a new link must
 * be asked for), and the old session is replaced, so only the browser that resumed holds the draft.
 */
export function resumeDraft(resumeToken: string, now = new Date()): { draft: Draft; sessionToken: string } | undefined {
  if (!TOKEN_SHAPE.test(resumeToken)) return undefined;
  const sessionToken = newToken();
  const db = getDb();
  const id = db.transaction(
    (tx) => {
      const row = tx
        .select({ id: drafts.id })
        .from(drafts)
        .where(
          and(
            eq(drafts.resumeHash, hashToken(resumeToken)),
            gt(drafts.resumeExpiresAt, now.toISOString()),
            gt(drafts.expiresAt, now.toISOString()),
            isNull(drafts.intakeId),
          ),
        )
        .get();
      if (!row) return undefined;
      tx.update(drafts)
        .set({ resumeHash: null, resumeExpiresAt: null, sessionHash: hashToken(sessionToken), expiresAt: later(now, DRAFT_LIFETIME_MS) })
        .where(eq(drafts.id, row.id))
        .run();
      return row.id;
    },
    { behavior: "immediate" },
  );
  if (!id) return undefined;
  return { draft: findDraftBySession(sessionToken, now)!, sessionToken };
}

export const CLIENT_COPY_LIFETIME_MS = 30 * 60 * 1000;
export const CLIENT_COPY_MAX_DOWNLOADS = 5;

/**
 * Records the intake a draft became and removes the answers from it (the intake now holds them).
 * Returns the token for the client's copy (valid 30 minutes), to be set as a path-scoped cookie.
 */
export function markDraftSubmitted(id: string, intakeId: string, keep: DraftState["answers"], now = new Date()): { copyToken: string; copyExpiresAt: string } {
  const state: DraftState = { answers: keep, units: {} };
  const copyToken = newToken();
  const copyExpiresAt = later(now, CLIENT_COPY_LIFETIME_MS);
  getDb()
    .update(drafts)
    .set({
      intakeId,
      stateEnc: encryptField(JSON.stringify(state), aad(id)),
      resumeHash: null,
      resumeExpiresAt: null,
      updatedAt: now.toISOString(),
      copyTokenHash: hashToken(copyToken),
      copyExpiresAt,
      copyDownloads: 0,
    })
    .where(eq(drafts.id, id))
    .run();
  return { copyToken, copyExpiresAt };
}

/**
 * The intake a client-copy token opens, counting the download; undefined once the token is
 * unknown, past its 30 minutes, or used up.
 */
export function takeClientCopy(copyToken: string, now = new Date()): { intakeId: string; country: unknown } | undefined {
  if (!TOKEN_SHAPE.test(copyToken)) return undefined;
  const db = getDb();
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ id: drafts.id, intakeId: drafts.intakeId, expiresAt: drafts.copyExpiresAt, downloads: drafts.copyDownloads, stateEnc: drafts.stateEnc })
        .from(drafts)
        .where(eq(drafts.copyTokenHash, hashToken(copyToken)))
        .get();
      if (!row?.intakeId || !row.expiresAt || row.expiresAt <= now.toISOString() || row.downloads >= CLIENT_COPY_MAX_DOWNLOADS) return undefined;
      tx.update(drafts).set({ copyDownloads: row.downloads + 1 }).where(eq(drafts.id, row.id)).run();
      const state = draftStateSchema.parse(JSON.parse(decryptField(row.stateEnc, aad(row.id))));
      return { intakeId: row.intakeId, country: state.answers.country };
    },
    { behavior: "immediate" },
  );
}

export function deleteDraft(id: string): void {
  getDb().delete(drafts).where(eq(drafts.id, id)).run();
}

/** Removes drafts past their expiry; returns how many. */
export function deleteExpiredDrafts(now = new Date()): number {
  return getDb().delete(drafts).where(lte(drafts.expiresAt, now.toISOString())).run().changes;
}

import "server-only";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";

/**
 * The one way repositories read and write encrypted columns. The associated data names the row and
 * column (`intakes.<id>.contact`), so a value copied into another row or column fails to decrypt.
 */

export const intakeAad = (id: string, column: "reference" | "contact" | "answers" | "assessment") => `intakes.${id}.${column}`;
export const noteAad = (id: string) => `intake_notes.${id}.body`;
export const draftAad = (id: string) => `drafts.${id}.state`;
export const courseSessionAad = (id: string, column: "record" | "flags" | "correction_reason") => `course_sessions.${id}.${column}`;
export const checkinAad = (id: string, column: "answers" | "flags") => `checkins.${id}.${column}`;
export const courseAad = (id: string, column: "outcome_facts") => `courses.${id}.${column}`;
export const checkinDraftAad = (id: string) => `checkin_drafts.${id}.state`;

export const readEncrypted = (stored: string, aad: string): string => decryptField(stored, aad);
export const writeEncrypted = (plaintext: string, aad: string): string => encryptField(plaintext, aad);

/** Decrypts and parses a JSON column; the caller validates or types the shape it expects. */
export function readEncryptedJson(stored: string, aad: string): unknown {
  return JSON.parse(decryptField(stored, aad));
}

export function writeEncryptedJson(value: unknown, aad: string): string {
  return encryptField(JSON.stringify(value), aad);
}

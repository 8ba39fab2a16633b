import "server-only";
import type { intakeNotes, intakeStatusHistory } from "@/db/schema";
import { noteAad, readEncrypted, writeEncrypted } from "@/db/encrypted";
import type { NoteRow, StatusChangeRow } from "../intake-review";

/** Row mapping and note encryption shared by both dialects. */

export const toStatusChange = (h: typeof intakeStatusHistory.$inferSelect): StatusChangeRow => ({ from: h.fromStatus, to: h.toStatus, at: h.at, byUserId: h.byUserId });

export const toNote = (n: typeof intakeNotes.$inferSelect): NoteRow => ({ id: n.id, at: n.at, authorUserId: n.authorUserId, body: readEncrypted(n.bodyEnc, noteAad(n.id)) });

export const noteValues = (intakeId: string, note: { id: string; authorUserId: string; at: Date; body: string }) => ({
  id: note.id,
  intakeId,
  authorUserId: note.authorUserId,
  at: note.at.toISOString(),
  bodyEnc: writeEncrypted(note.body, noteAad(note.id)),
});

import "server-only";
import { desc, eq, gte, lt, type Column, type SQL } from "drizzle-orm";
import { intakeAad, readEncrypted, readEncryptedJson } from "@/db/encrypted";
import type { QueueRecord, QueueWhere, StoredQueueRow } from "../intake-queue";

/** The queue's columns, as either dialect's `intakes` table has them. */
type QueueTable = Record<"id" | "status" | "triage" | "receivedAt" | "needsAcknowledgement" | "triageRank", Column>;

/** Queue order: unacknowledged urgent first, then triage, newest, id (the keyset the cursor follows). */
export const queueOrder = (t: QueueTable): SQL[] => [desc(t.needsAcknowledgement), desc(t.triageRank), desc(t.receivedAt), desc(t.id)];

/** The filters of a queue request as SQL conditions. */
export function queueConditions(t: QueueTable, where: QueueWhere): SQL[] {
  const out: SQL[] = [];
  if (where.status) out.push(eq(t.status, where.status));
  if (where.triage) out.push(eq(t.triage, where.triage));
  if (where.receivedFrom) out.push(gte(t.receivedAt, where.receivedFrom));
  if (where.receivedBefore) out.push(lt(t.receivedAt, where.receivedBefore));
  return out;
}

/** A stored queue row (either dialect), decrypted. */
export function decryptQueueRow(r: StoredQueueRow): QueueRecord {
  return {
    id: r.id,
    reference: readEncrypted(r.referenceEnc, intakeAad(r.id, "reference")),
    contact: readEncryptedJson(r.contactEnc, intakeAad(r.id, "contact")) as Record<string, unknown>,
    assessment: r.assessmentEnc ? readEncryptedJson(r.assessmentEnc, intakeAad(r.id, "assessment")) : undefined,
    receivedAt: r.receivedAt,
    submittedAt: r.submittedAt,
    status: r.status,
    triage: r.triage,
    needsAcknowledgement: r.needsAcknowledgement,
    triageRank: r.triageRank,
  };
}

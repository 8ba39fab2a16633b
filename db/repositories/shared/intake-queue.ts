import "server-only";
import { intakeAad, readEncrypted, readEncryptedJson } from "@/db/encrypted";
import type { QueueRecord, StoredQueueRow } from "../intake-queue";

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

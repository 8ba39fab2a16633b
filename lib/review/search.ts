import "server-only";
import { z } from "zod";
import { readQueueRows } from "@/db/repositories/intake-queue";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { findIntakeIdByReference, findIntakeIdsByEmail, findIntakeIdsByName } from "@/lib/intake/intake-record";
import { toQueueRow, type QueueRow } from "./queue";
import { actorOf, type Reviewer } from "./reviewer";

export const searchSchema = z.strictObject({ query: z.string().trim().min(1, "Enter an e-mail, a reference or a name").max(200, "Use 200 characters or fewer") });

/** Exact e-mail, exact reference or every name token — through the blind indexes only. The text is never stored or logged. */
export async function searchIntakes(query: string, reviewer: Reviewer): Promise<QueueRow[]> {
  const q = query.trim();
  let ids: string[];
  let kind: string;
  if (q.includes("@")) {
    ids = await findIntakeIdsByEmail(q);
    kind = "email";
  } else if (/^\s*KT[-\s]?[0-9A-Z]{4}[-\s]?[0-9A-Z]{4}\s*$/i.test(q)) {
    const id = await findIntakeIdByReference(q);
    ids = id ? [id] : [];
    kind = "reference";
  } else {
    ids = await findIntakeIdsByName(q);
    kind = "name";
  }
  const rows = (await readQueueRows(ids.slice(0, 200))).map(toQueueRow);
  await appendAuditEvents([{ action: "intake.search", ...actorOf(reviewer), detail: { kind, results: rows.length } }]);
  return rows;
}

import "server-only";
import { z } from "zod";
import { INTAKE_STATUSES, type IntakeStatus } from "@/db/schema";
import * as queue from "@/db/repositories/intake-queue";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { forDisplay, TRIAGES, type Assessment, type Consideration } from "@/lib/assessment";
import type { Answers } from "@/lib/questionnaire";
import { dayStart, isRealDate, nextDay } from "@/lib/questionnaire/dates";
import { actorOf, type Reviewer } from "./reviewer";

/**
 * The therapist's review queue: filters from the URL, keyset paging, the rows as shown. Listing is
 * audited. Rows come from db/repositories/intake-queue.ts.
 */

// A calendar date that exists (2026-13-45 does not), in years the day arithmetic can handle.
const isoDate = z
  .string()
  .refine((v) => isRealDate(v) && v >= "1900" && v < "3000", "is not a real date (use YYYY-MM-DD, for example 2026-03-31)");
const queueFilterFields = {
  status: z.enum(INTAKE_STATUSES, { error: "is not one of the statuses" }).optional(),
  triage: z.enum(TRIAGES, { error: "is not one of the triage levels" }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
export const queueFilterSchema = z.strictObject(queueFilterFields);
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/**
 * The queue filters from a URL's query, each parsed on its own: a wrong one is dropped and named
 * (the others still apply), and its value is never repeated back.
 */
export function parseQueueFilter(query: Record<string, string | string[] | undefined>): { filter: QueueFilter; invalid: (keyof QueueFilter)[] } {
  const filter: QueueFilter = {};
  const invalid: (keyof QueueFilter)[] = [];
  for (const key of Object.keys(queueFilterFields) as (keyof QueueFilter)[]) {
    const raw = query[key];
    if (raw === undefined || raw === "") continue;
    const parsed = queueFilterFields[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) (filter as Record<string, string>)[key] = parsed.data;
    else invalid.push(key);
  }
  return { filter, invalid };
}

const cursorSchema = z.tuple([z.boolean(), z.number().int(), z.string().max(40), z.string().max(40)]);

/** An opaque position in the queue: the sort key of the last row shown. */
export function encodeCursor(row: { needsAcknowledgement: boolean; triageRank: number; receivedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.needsAcknowledgement, row.triageRank, row.receivedAt, row.id])).toString("base64url");
}

export function decodeCursor(cursor: string): z.infer<typeof cursorSchema> | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface QueueRow {
  id: string;
  reference: string;
  name: string;
  receivedAt: string;
  submittedAt: string;
  status: IntakeStatus;
  triage: Assessment["triage"] | null;
  needsAcknowledgement: boolean;
  phq9: { total: number; band: string } | null;
  topConsiderations: Pick<Consideration, "id" | "severity" | "title">[];
}

/** The filter as stored columns: calendar days in the clinic's time zone become instants (received times are UTC). */
function toWhere(filter: QueueFilter, timeZone: string): queue.QueueWhere {
  return {
    status: filter.status,
    triage: filter.triage,
    receivedFrom: filter.from ? dayStart(filter.from, timeZone) : undefined,
    receivedBefore: filter.to ? dayStart(nextDay(filter.to), timeZone) : undefined,
  };
}

/** A decrypted queue record as the queue shows it: the name, the PHQ-9 and the top three considerations. */
export function toQueueRow(r: queue.QueueRecord): QueueRow {
  const contact = r.contact as Answers;
  const assessment = r.assessment as Assessment | undefined;
  return {
    id: r.id,
    reference: r.reference,
    name: contact.preferred_name ? `${contact.full_name} (${contact.preferred_name})` : String(contact.full_name ?? ""),
    receivedAt: r.receivedAt,
    submittedAt: r.submittedAt,
    status: r.status,
    triage: (r.triage as Assessment["triage"] | null) ?? null,
    needsAcknowledgement: r.needsAcknowledgement,
    phq9: assessment ? { total: assessment.scores.phq9.total, band: assessment.scores.phq9.band } : null,
    topConsiderations: assessment
      ? forDisplay(assessment.considerations)
          .filter((c) => c.severity !== "info")
          .slice(0, 3)
          .map(({ id, severity, title }) => ({ id, severity, title }))
      : [],
  };
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  nextCursor: string | null;
}

/** One page of the review queue, urgent-and-unacknowledged first, then by triage, then newest. Audited. */
export async function listReviewQueue(filter: QueueFilter, cursor: string | undefined, limit: number, timeZone: string, reviewer: Reviewer): Promise<QueuePage> {
  const page = await queryReviewQueue(filter, cursor, limit, timeZone);
  await appendAuditEvents([{ action: "intake.list", ...actorOf(reviewer), detail: { shown: page.rows.length } }]);
  return page;
}

/** The data access alone (no audit): what the dashboard benchmark compares with raw SQL. */
export async function queryReviewQueue(filter: QueueFilter, cursor: string | undefined, limit: number, timeZone: string): Promise<QueuePage> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const found = await queue.readQueue(toWhere(filter, timeZone), after, limit);
  const last = found.more ? found.rows[limit - 1] : undefined;
  return { rows: found.rows.map(toQueueRow), total: found.total, nextCursor: last ? encodeCursor(last) : null };
}

/**
 * Every queue record matching the filter, in queue order, read in keyset pages of `batch` rows
 * (an export of any size holds one page at a time).
 * Not audited: the caller audits the export it makes of them.
 */
export async function* queueRecords(filter: QueueFilter, timeZone: string, batch = 500): AsyncGenerator<queue.QueueRecord> {
  const where = toWhere(filter, timeZone);
  let after: queue.QueuePosition | undefined;
  for (;;) {
    const page = await queue.readQueue(where, after, batch);
    yield* page.rows;
    const last = page.rows.at(-1);
    if (!page.more || !last) return;
    after = [last.needsAcknowledgement, last.triageRank, last.receivedAt, last.id];
  }
}

export const countUnacknowledgedUrgent = (): Promise<{ count: number; oldestReceivedAt: string | null }> => queue.countUnacknowledged();

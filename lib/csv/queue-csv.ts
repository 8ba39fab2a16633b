import "server-only";
import type { QueueRecord } from "@/db/repositories/intake-queue";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { forDisplay, type Assessment } from "@/lib/assessment";
import { definedItem, type ItemId } from "@/lib/questionnaire/definition";
import { calendarDateIn } from "@/lib/questionnaire/dates";
import { queryReviewQueue, queueRecords, type QueueFilter } from "@/lib/review/queue";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import { logServerError } from "@/lib/server/log";
import { csvStream, type CsvCell, type CsvColumn } from "./writer";

/**
 * The review queue as CSV: the dashboard's filters, queue order, one row per intake. Names and
 * contact details only when the therapist ticked the box for them; the audit event says whether
 * they did. Read from the repository in pages, streamed.
 */

/** The identifying columns, named by their items (their answers, not their wording). */
export const IDENTIFYING_ITEMS = ["full_name", "preferred_name", "email", "phone"] as const satisfies readonly ItemId[];

type Row = { record: QueueRecord; assessment: Assessment | undefined; timeZone: string };
const score = (pick: (a: Assessment) => number | boolean) => (r: Row): CsvCell => {
  if (!r.assessment) return null;
  const value = pick(r.assessment);
  return typeof value === "boolean" ? (value ? "yes" : "no") : value;
};

const COLUMNS: readonly CsvColumn<Row>[] = [
  { header: "reference", cell: (r) => r.record.reference },
  // The clinic's calendar day, as the dashboard's date filters count it; the instant beside it.
  { header: "received_date", cell: (r) => calendarDateIn(new Date(r.record.receivedAt), r.timeZone) },
  { header: "received_at_utc", cell: (r) => r.record.receivedAt },
  { header: "status", cell: (r) => r.record.status },
  { header: "triage", cell: (r) => r.record.triage },
  { header: "urgent_not_acknowledged", cell: (r) => (r.record.needsAcknowledgement ? "yes" : "no") },
  { header: "rule_set", cell: (r) => r.assessment?.ruleSetVersion },
  { header: "phq9_total", cell: score((a) => a.scores.phq9.total) },
  { header: "phq9_band", cell: (r) => r.assessment?.scores.phq9.band },
  { header: "phq9_item9", cell: score((a) => a.scores.phq9.item9) },
  { header: "gad7_total", cell: score((a) => a.scores.gad7.total) },
  { header: "gad7_band", cell: (r) => r.assessment?.scores.gad7.band },
  { header: "auditc_total", cell: score((a) => a.scores.auditc.total) },
  { header: "auditc_positive", cell: score((a) => a.scores.auditc.positive) },
  { header: "mania_symptoms", cell: score((a) => a.scores.mania_symptoms) },
  { header: "adequate_failed_trials", cell: score((a) => a.scores.adequate_failed_trials) },
  { header: "trbd", cell: (r) => r.assessment?.trbd },
  // Most pressing first, as the intake page lists them.
  { header: "consideration_ids", cell: (r) => (r.assessment ? forDisplay(r.assessment.considerations).map((c) => c.id).join("; ") : null) },
];

const IDENTIFYING_COLUMNS: readonly CsvColumn<Row>[] = IDENTIFYING_ITEMS.map((id) => ({
  header: id,
  cell: (r: Row) => {
    const value = r.record.contact[id];
    return typeof value === "string" ? value : null;
  },
}));

/** The columns of an export: the identifying ones only when asked for. */
export const queueCsvColumns = (identifying: boolean): readonly CsvColumn<Row>[] => (identifying ? [COLUMNS[0]!, ...IDENTIFYING_COLUMNS, ...COLUMNS.slice(1)] : COLUMNS);

/** Queue records as the export's rows (lazily). */
export async function* queueCsvRows(records: AsyncIterable<QueueRecord>, timeZone: string): AsyncGenerator<Row> {
  for await (const record of records) yield { record, assessment: record.assessment as Assessment | undefined, timeZone };
}

export interface QueueCsvRequest {
  filter: QueueFilter;
  identifying: boolean;
  timeZone: string;
  /** Rows per repository read. */
  batch?: number;
}

/** The export, audited before the first byte (with the filters, the row count and whether identifying columns are in it). */
export async function exportReviewQueueCsv(request: QueueCsvRequest, reviewer: Reviewer): Promise<{ body: ReadableStream<Uint8Array>; filename: string }> {
  const { filter, identifying, timeZone } = request;
  const { total } = await queryReviewQueue(filter, undefined, 0, timeZone);
  await appendAuditEvents([
    {
      action: "intake.list_export",
      ...actorOf(reviewer),
      detail: { format: "csv", rows: total, identifying, status: filter.status ?? null, triage: filter.triage ?? null, from: filter.from ?? null, to: filter.to ?? null },
    },
  ]);
  const rows = queueCsvRows(queueRecords(filter, timeZone, request.batch), timeZone);
  const body = csvStream(queueCsvColumns(identifying), rows, (error) => logServerError("csv.queue_export_failed", error));
  return { body, filename: `review-queue-${calendarDateIn(new Date(), timeZone)}.csv` };
}

/** The label of an identifying column, from the questionnaire (for the dashboard's tick box). */
export const identifyingLabels = (): string[] => IDENTIFYING_ITEMS.map((id) => definedItem(id).label);

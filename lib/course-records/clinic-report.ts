import "server-only";
import { z } from "zod";
import * as repository from "@/db/repositories/courses";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { clinicReport, REPORT_BUCKETS, type ReportBucket, type ReportCourseFacts, type ReportRow } from "@/lib/course/clinic-report";
import { factsFromRecords, reportFactsSchema } from "@/lib/course/report-facts";
import { isRealDate } from "@/lib/questionnaire/dates";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import { clinicToday } from "./context";
import { reportCsv } from "@/lib/course/report-csv";

/**
 * The clinic outcome report (treatment-course.md, "Clinic outcome report"): filters from the URL,
 * the per-course facts from the repository (one decryption per course), the aggregation in
 * lib/course/clinic-report.ts. Every view and download is audited with the filters only.
 */

export const REPORT_TYPES = ["all", ...REPORT_BUCKETS] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export interface ReportFilter {
  /** Courses started on or after (YYYY-MM-DD); absent: from the first. */
  from?: string;
  /** Courses started on or before; absent: today. */
  to?: string;
  type: ReportType;
}
export type ReportFilterField = "from" | "to" | "type";

const isoDate = z.string().refine((v) => isRealDate(v) && v >= "1900" && v < "3000");
const fields = { from: isoDate, to: isoDate, type: z.enum(REPORT_TYPES) };

/** The filters from a URL's query, each on its own: a wrong one is dropped and named, never repeated back. */
export function parseReportFilter(query: Record<string, string | string[] | undefined>): { filter: ReportFilter; invalid: ReportFilterField[] } {
  const filter: ReportFilter = { type: "all" };
  const invalid: ReportFilterField[] = [];
  for (const key of ["from", "to", "type"] as const) {
    const raw = query[key];
    if (raw === undefined || raw === "") continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) (filter as unknown as Record<string, string>)[key] = parsed.data;
    else invalid.push(key);
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    delete filter.to;
    invalid.push("to");
  }
  return { filter, invalid };
}

export interface ClinicOutcomeReport {
  filter: ReportFilter;
  /** The dates the report covers, as applied. */
  range: { from: string; to: string };
  /** REPORT_BUCKETS order then overall; only the chosen type's row when a type is chosen (suppression decided over all). */
  rows: ReportRow[];
}

const EARLIEST = "1900-01-01";

/** Fills the report facts of courses stored before they existed; returns how many (start-up, and the report if any remain). */
export async function backfillCourseOutcomeFacts(batch = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const ids = await repository.listCoursesWithoutOutcomeFacts(batch);
    if (ids.length === 0) return filled;
    for (const id of ids) if (await repository.fillOutcomeFacts(id, (source) => factsFromRecords(source.intakeAnswers, source.checkins))) filled++;
  }
}

/** The per-course facts of courses started in the range (the bench and the tests read these). */
export async function reportCourseFacts(range: { from: string; to: string }): Promise<ReportCourseFacts[]> {
  let rows = await repository.listReportCourses(range);
  if (rows.some((r) => r.outcomeFacts === null)) {
    await backfillCourseOutcomeFacts();
    rows = await repository.listReportCourses(range);
  }
  return rows.map((r) => {
    const facts = reportFactsSchema.parse(r.outcomeFacts);
    return {
      startedOn: r.startedOn,
      bipolarType: facts.bipolarType,
      phase: r.phase,
      endReason: r.endReason,
      reachedMaintenance: r.reachedMaintenance,
      baselinePhq9: r.baselinePhq9,
      latestPhq9: facts.latestPhq9,
      sessions: r.sessions,
      checkins: r.checkins,
      switchSigns: facts.switchSigns,
    };
  });
}

async function build(filter: ReportFilter, now: Date): Promise<ClinicOutcomeReport> {
  const range = { from: filter.from ?? EARLIEST, to: filter.to ?? clinicToday(now) };
  const rows = clinicReport(await reportCourseFacts(range));
  return { filter, range, rows: filter.type === "all" ? rows : rows.filter((r) => r.bucket === (filter.type as ReportBucket)) };
}

const auditDetail = (filter: ReportFilter) => ({ from: filter.from ?? null, to: filter.to ?? null, type: filter.type });

/** The report as the page shows it; audited as outcomes.view with the filters. */
export async function clinicOutcomeReport(filter: ReportFilter, reviewer: Reviewer, now = new Date()): Promise<ClinicOutcomeReport> {
  const report = await build(filter, now);
  await appendAuditEvents([{ action: "outcomes.view", ...actorOf(reviewer), detail: auditDetail(filter) }]);
  return report;
}

/** The report's aggregates as CSV (one row per bipolar type and overall, never a row per client); audited as outcomes.download. */
export async function clinicOutcomeReportCsv(filter: ReportFilter, reviewer: Reviewer, now = new Date()): Promise<{ filename: string; csv: string }> {
  const report = await build(filter, now);
  await appendAuditEvents([{ action: "outcomes.download", ...actorOf(reviewer), detail: auditDetail(filter) }]);
  return { filename: `clinic-outcomes-${report.range.from}-to-${report.range.to}.csv`, csv: reportCsv(report.rows, report.range) };
}

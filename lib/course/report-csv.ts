import { stringify } from "csv-stringify/sync";
import { CSV_OPTIONS } from "@/lib/csv/writer";
import { BUCKET_LABELS, countText, type RateCell, type ReportRow } from "./clinic-report";

/**
 * The clinic outcome report as CSV: one row per bipolar type and overall, the aggregates only —
 * a few rows, so written at once, with the exports' one set of options (BOM, CRLF, formulas
 * neutralised; lib/csv/writer.ts, ADR 022).
 */

const percent = (x: number | null) => (x === null ? "withheld" : (Math.round(x * 1000) / 10).toFixed(1));

const rate = (name: string, cell: RateCell, withDenominator: boolean): [string, string][] => [
  [name, countText(cell.numerator)],
  ...(withDenominator ? ([[`${name}_denominator`, countText(cell.denominator)]] as [string, string][]) : []),
  [`${name}_percent`, percent(cell.rate)],
  [`${name}_ci95_low_percent`, percent(cell.interval?.low ?? null)],
  [`${name}_ci95_high_percent`, percent(cell.interval?.high ?? null)],
];

function columns(row: ReportRow, range: { from: string; to: string }): [string, string][] {
  return [
    ["bipolar_type", BUCKET_LABELS[row.bucket]],
    ["started_from", range.from],
    ["started_to", range.to],
    ["courses", countText(row.courses)],
    ...rate("acute_phase_completed", row.acuteCompleted, false),
    ...rate("response", row.response, true),
    ...rate("remission", row.remission, true),
    ...rate("any_switch_signs_flag", row.switchSigns, false),
    ...rate("ended_for_adverse_event", row.adverseEvent, false),
    ["median_sessions", row.medianSessions === null ? "withheld" : String(row.medianSessions)],
  ];
}

export function reportCsv(rows: readonly ReportRow[], range: { from: string; to: string }): string {
  const table = rows.map((r) => columns(r, range));
  const header = table[0]!.map(([name]) => name); // clinicReport always gives at least one row
  return stringify([header, ...table.map((cols) => cols.map(([, value]) => value))], CSV_OPTIONS);
}

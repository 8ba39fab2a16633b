import type { Metadata } from "next";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { BUCKET_LABELS, countText, FEWER_THAN, percentText, PUBLISHED_CONTEXT, REPORT_BUCKETS, SMALL_CELL, type RateCell, type ReportRow } from "@/lib/course/clinic-report";
import { clinicOutcomeReport, parseReportFilter, type ReportFilter, type ReportFilterField } from "@/lib/course-records/clinic-report";
import { TherapistHeader } from "../../_components/therapist-header";
import { DateFilter, FilterButtons, SelectFilter } from "../../_components/select-filter";
import { OutcomeChart } from "./outcome-chart";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Clinic outcomes – Therapist review" };

// Named as the form labels them; the value typed is not repeated.
const FILTER_PROBLEMS: Record<ReportFilterField, string> = {
  from: "Started from is not a real date (use YYYY-MM-DD)",
  to: "Started to is not a real date on or after Started from (use YYYY-MM-DD)",
  type: "Bipolar type is not one of the types",
};
const TYPE_OPTIONS = Object.fromEntries(REPORT_BUCKETS.map((b) => [b, BUCKET_LABELS[b]]));
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const queryOf = (filter: ReportFilter) =>
  new URLSearchParams(Object.entries({ from: filter.from, to: filter.to, type: filter.type === "all" ? undefined : filter.type }).filter(([, v]) => v) as [string, string][]);

function Rate({ cell }: { cell: RateCell }) {
  return (
    <>
      {countText(cell.numerator)} of {countText(cell.denominator)}
      <br />
      {cell.rate === null ? <span className="hint">rate withheld</span> : <>{percentText(cell.rate)} <span className="hint">(95% CI {percentText(cell.interval!.low)}–{percentText(cell.interval!.high)})</span></>}
    </>
  );
}

function ReportTable({ rows }: { rows: readonly ReportRow[] }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="outcomes-caption" tabIndex={0}>
      <table className="queue outcome-report">
        <caption id="outcomes-caption">Clinic outcomes by bipolar type</caption>
        <thead>
          <tr>
            <th scope="col">Bipolar type</th>
            <th scope="col">Courses</th>
            <th scope="col">Acute phase completed</th>
            <th scope="col">Response (PHQ-9 halved or better)</th>
            <th scope="col">Remission (PHQ-9 4 or less)</th>
            <th scope="col">Any switch-signs flag</th>
            <th scope="col">Ended for an adverse event</th>
            <th scope="col">Median sessions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.bucket} data-bucket={r.bucket}>
              <th scope="row">{BUCKET_LABELS[r.bucket]}</th>
              <td data-cell="courses">{countText(r.courses)}</td>
              <td data-cell="acute">
                <Rate cell={r.acuteCompleted} />
              </td>
              <td data-cell="response">
                <Rate cell={r.response} />
              </td>
              <td data-cell="remission">
                <Rate cell={r.remission} />
              </td>
              <td data-cell="switch">
                <Rate cell={r.switchSigns} />
              </td>
              <td data-cell="adverse">
                <Rate cell={r.adverseEvent} />
              </td>
              <td data-cell="median">{r.medianSessions === null ? "withheld" : r.medianSessions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The clinic outcome report (treatment-course.md, "Clinic outcome report"): aggregates only, audited with the filters. */
export default async function OutcomesPage({ searchParams }: Props) {
  const therapist = await requireTherapist();
  const { filter, invalid } = parseReportFilter(await searchParams);
  const report = await clinicOutcomeReport(filter, therapist);
  const query = queryOf(filter);

  return (
    <>
      <TherapistHeader therapist={therapist} current="outcomes" />
      <main id="main" className="wide">
        <h1>Clinic outcomes</h1>
        <form method="get" action="/dashboard/outcomes" className="filters" aria-label="Filter the report">
          <DateFilter name="from" label="Started from" value={filter.from} />
          <DateFilter name="to" label="Started to" value={filter.to} />
          <SelectFilter name="type" label="Bipolar type" value={filter.type === "all" ? undefined : filter.type} options={TYPE_OPTIONS} />
          <FilterButtons clearHref="/dashboard/outcomes" />
        </form>
        {invalid.length > 0 && (
          <p className="error-message" role="alert">
            {invalid.length === 1 ? "This filter was not valid and is not applied" : "These filters were not valid and are not applied"}: {invalid.map((k) => FILTER_PROBLEMS[k]).join("; ")}.
          </p>
        )}

        <p>
          Courses started from {report.range.from === "1900-01-01" ? "the first" : report.range.from} to {report.range.to}. Response and remission are counted over courses with a baseline PHQ-9 of 10 or more and at least one check-in;
          the other shares over all courses. Counts below {SMALL_CELL} are shown as &ldquo;{FEWER_THAN}&rdquo; and the rates built on them withheld.
        </p>
        <ReportTable rows={report.rows} />
        <p className="context-note">{PUBLISHED_CONTEXT}</p>
        <OutcomeChart rows={report.rows} />
        <p>
          <a href={`/api/outcomes/csv${query.size ? `?${query}` : ""}`} download>
            Download these figures (CSV, aggregates only)
          </a>
        </p>
      </main>
    </>
  );
}

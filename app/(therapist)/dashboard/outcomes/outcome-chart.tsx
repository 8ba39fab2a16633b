import { scaleBand, scaleLinear } from "d3-scale";
import { BUCKET_LABELS, FEWER_THAN, percentText, type RateCell, type ReportRow } from "@/lib/course/clinic-report";

/**
 * Response and remission rates with their Wilson 95% intervals, one band per bipolar type, drawn on
 * the server (d3-scale does the scales; no chart script reaches the browser). A withheld rate is
 * drawn as absent, with a note in its place. The table above holds the same figures.
 */

const WIDTH = 640;
const LEFT = 150;
const RIGHT = 24;
const TOP = 28;
const BAND = 64;
const MEASURES = [
  { key: "response", label: "Response", className: "chart-response" },
  { key: "remission", label: "Remission", className: "chart-remission" },
] as const;

export function OutcomeChart({ rows }: { rows: readonly ReportRow[] }) {
  const height = TOP + rows.length * BAND + 30;
  const x = scaleLinear().domain([0, 1]).range([LEFT, WIDTH - RIGHT]);
  const y = scaleBand<string>().domain(rows.map((r) => r.bucket)).range([TOP, TOP + rows.length * BAND]).paddingInner(0.2);
  const inner = scaleBand<string>().domain(MEASURES.map((m) => m.key)).range([0, y.bandwidth()]).padding(0.25);
  const describe = (r: ReportRow, m: (typeof MEASURES)[number], cell: RateCell) =>
    `${BUCKET_LABELS[r.bucket]}, ${m.label.toLowerCase()}: ${cell.rate === null ? `withheld (${FEWER_THAN})` : `${percentText(cell.rate)} (95% interval ${percentText(cell.interval!.low)} to ${percentText(cell.interval!.high)})`}`;
  const summary = rows.flatMap((r) => MEASURES.map((m) => describe(r, m, r[m.key]))).join("; ");
  return (
    <figure className="outcome-chart">
      <svg role="img" aria-labelledby="outcome-chart-title outcome-chart-desc" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
        <title id="outcome-chart-title">Response and remission rates with 95% intervals, by bipolar type</title>
        <desc id="outcome-chart-desc">{summary}.</desc>
        {x.ticks(5).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={TOP - 6} y2={TOP + rows.length * BAND} stroke="#ccc" />
            <text x={x(t)} y={TOP - 10} textAnchor="middle" fontSize="12">
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {rows.map((r) => (
          <g key={r.bucket} data-bucket={r.bucket}>
            <text x={LEFT - 8} y={y(r.bucket)! + y.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" fontSize="13">
              {BUCKET_LABELS[r.bucket]}
            </text>
            {MEASURES.map((m) => {
              const cell = r[m.key];
              const cy = y(r.bucket)! + inner(m.key)! + inner.bandwidth() / 2;
              if (cell.rate === null)
                return (
                  <text key={m.key} data-measure={m.key} data-withheld="true" x={LEFT + 4} y={cy} dominantBaseline="middle" fontSize="12" fontStyle="italic">
                    {m.label}: withheld ({FEWER_THAN})
                  </text>
                );
              const { low, high } = cell.interval!;
              return (
                <g key={m.key} className={m.className} data-measure={m.key} data-rate={cell.rate} data-low={low} data-high={high}>
                  <line x1={x(low)} x2={x(high)} y1={cy} y2={cy} stroke="currentColor" strokeWidth={2} />
                  <line x1={x(low)} x2={x(low)} y1={cy - 5} y2={cy + 5} stroke="currentColor" strokeWidth={2} />
                  <line x1={x(high)} x2={x(high)} y1={cy - 5} y2={cy + 5} stroke="currentColor" strokeWidth={2} />
                  {m.key === "response" ? <circle cx={x(cell.rate)} cy={cy} r={5} fill="currentColor" /> : <rect x={x(cell.rate) - 5} y={cy - 5} width={10} height={10} fill="currentColor" />}
                </g>
              );
            })}
          </g>
        ))}
        <g transform={`translate(${LEFT}, ${height - 12})`} fontSize="12">
          <circle cx={6} cy={-4} r={5} fill="currentColor" />
          <text x={16} y={0}>
            Response
          </text>
          <rect x={96} y={-9} width={10} height={10} fill="currentColor" />
          <text x={112} y={0}>
            Remission (lines: 95% interval)
          </text>
        </g>
      </svg>
      <figcaption className="hint">Rates withheld where a count is {FEWER_THAN} are left out of the picture. The table above holds the same figures.</figcaption>
    </figure>
  );
}

import { courseCharts, type ChartModel, type ChartSeries, type CourseChartInput, type Marker, type Tick } from "@/lib/course-charts";
import "./charts.css";

/**
 * The course page's charts as inline SVG drawn on the server from the chart models
 * (lib/course-charts): no chart JavaScript reaches the browser. Each picture is one role="img"
 * named by its title and described by its summary, with a table of the same values beside it
 * (below it on a phone) for screen-reader and keyboard users, and for print.
 */

/** Pixels are rounded to a tenth: the same picture, a smaller page. */
const px = (n: number) => Math.round(n * 10) / 10;
/** The renderers' label size in viewBox units, and the width one character of it takes (for label placement). */
const FONT = 11;
const CHAR = 6;

const MARKERS: Record<Marker, string> = {
  circle: "M-3.6,0a3.6,3.6 0 1,0 7.2,0a3.6,3.6 0 1,0 -7.2,0Z",
  square: "M-3.2,-3.2h6.4v6.4h-6.4Z",
  triangle: "M0,-4.2L3.9,3L-3.9,3Z",
  diamond: "M0,-4.8L4.8,0L0,4.8L-4.8,0Z",
};
const DASH = "5 3";

export function CourseCharts({ timeline, timeZone }: { timeline: CourseChartInput; timeZone: string }) {
  const charts = courseCharts(timeline, { timeZone });
  return (
    <section aria-labelledby="charts-heading" className="course-charts">
      <h2 id="charts-heading">Progress charts</h2>
      <p className="hint">Each chart has a table of the same values. Something to discuss with the client, not a decision.</p>
      {[charts.phq9, charts.bloodPressure, charts.elevation].map((model) => (
        <Chart key={model.id} model={model} />
      ))}
    </section>
  );
}

function Chart({ model }: { model: ChartModel }) {
  const id = `chart-${model.id}`;
  return (
    <section aria-labelledby={`${id}-heading`} className="course-chart" data-chart={model.id}>
      <h3 id={`${id}-heading`}>{model.title}</h3>
      {model.empty && <p className="chart-empty">{model.empty}</p>}
      <div className="chart-body">
        {!model.empty && (
          <div className="chart-picture">
            <Legend model={model} />
            <Picture model={model} id={id} />
          </div>
        )}
        {model.table.rows.length > 0 && <DataTable model={model} id={id} />}
      </div>
    </section>
  );
}

function Legend({ model }: { model: ChartModel }) {
  return (
    <ul className="chart-legend">
      {model.series.map((s) => (
        <li key={s.id}>
          <svg viewBox="0 0 28 12" width="28" height="12" aria-hidden="true" focusable="false">
            <line x1="1" y1="6" x2="27" y2="6" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dashed ? DASH : undefined} />
            <path d={MARKERS[s.marker]} transform="translate(14 6)" fill={s.colour} />
          </svg>
          {s.name}
        </li>
      ))}
      {model.references.map((r) => (
        <li key={r.id}>
          <svg viewBox="0 0 28 12" width="28" height="12" aria-hidden="true" focusable="false">
            <line x1="1" y1="6" x2="27" y2="6" className={`chart-reference chart-reference-${r.id}`} />
          </svg>
          {r.label}
        </li>
      ))}
      <li className="chart-axis-title">Vertical axis: {model.y.title}</li>
    </ul>
  );
}

/** A tick label's anchor: kept inside the picture at either end. */
function anchorOf(tick: Tick, width: number): "start" | "middle" | "end" {
  const half = (tick.label.length * CHAR) / 2;
  if (tick.position - half < 0) return "start";
  if (tick.position + half > width) return "end";
  return "middle";
}

function Picture({ model, id }: { model: ChartModel; id: string }) {
  const { plot } = model;
  return (
    <svg className="chart-svg" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${model.width} ${model.height}`} preserveAspectRatio="xMidYMid meet">
      <title id={`${id}-title`}>{model.title}</title>
      <desc id={`${id}-desc`}>{model.summary}</desc>
      <g className="chart-y-axis">
        {model.y.ticks.map((t) => (
          <g key={t.value}>
            <line x1={plot.left} x2={plot.right} y1={px(t.position)} y2={px(t.position)} className="chart-grid" />
            <text x={plot.left - 5} y={px(t.position)} dy="0.32em" textAnchor="end" fontSize={FONT} data-value={t.value}>
              {t.label}
            </text>
          </g>
        ))}
      </g>
      <g className="chart-x-axis">
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} className="chart-axis" />
        {model.x.ticks.map((t) => (
          <g key={t.value}>
            <line x1={px(t.position)} x2={px(t.position)} y1={plot.bottom} y2={plot.bottom + 4} className="chart-axis" />
            <text x={px(t.position)} y={plot.bottom + 16} textAnchor={anchorOf(t, model.width)} fontSize={FONT}>
              {t.label}
            </text>
          </g>
        ))}
      </g>
      {model.references.map((r) => (
        <g key={r.id} className="chart-reference-line" data-reference={r.id}>
          <line x1={r.x1} x2={r.x2} y1={px(r.y)} y2={px(r.y)} className={`chart-reference chart-reference-${r.id}`} />
          <text x={r.x2 - 2} y={px(r.y)} dy={r.labelPlacement === "above" ? -4 : 11} textAnchor="end" fontSize={FONT - 1} className="chart-reference-label">
            {r.label}
          </text>
        </g>
      ))}
      {model.series.map((s) => (
        <Series key={s.id} series={s} />
      ))}
    </svg>
  );
}

function Series({ series }: { series: ChartSeries }) {
  return (
    <g className="chart-series" data-series={series.id}>
      {series.path && <path d={series.path} fill="none" stroke={series.colour} strokeWidth="2" strokeDasharray={series.dashed ? DASH : undefined} />}
      {series.points.map((p, i) => (
        <path key={i} className="chart-point" d={MARKERS[series.marker]} transform={`translate(${px(p.x)} ${px(p.y)})`} fill={series.colour} stroke="#fff" strokeWidth="0.8">
          <title>{p.label}</title>
        </path>
      ))}
    </g>
  );
}

function DataTable({ model, id }: { model: ChartModel; id: string }) {
  return (
    <div className="table-scroll chart-table" role="region" aria-label={model.table.caption} tabIndex={0} id={`${id}-table`}>
      <table className="chart-data">
        <caption>{model.table.caption}</caption>
        <thead>
          <tr>
            {model.table.header.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

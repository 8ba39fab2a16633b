import { G, Line, Path, StyleSheet, Svg, Text, View } from "@react-pdf/renderer";
import type { ChartModel, ChartSeries, Marker } from "@/lib/course-charts";
import { styles } from "./pdf-parts";
import { PDF_CHART_SIZE } from "./progress-content";

/**
 * The course's three charts in the progress PDF, drawn from the renderer-neutral chart models
 * (lib/course-charts) with react-pdf's SVG primitives — the page draws the same models as inline
 * SVG — each with its data table beside it. This module only draws: every number, tick, path and
 * label comes from the model.
 */

const INK = "#1b1f24";
const GRID = "#c4ccd3";
const MUTED = "#4a5560";
const TICK_FONT = 6.5;

const chart = StyleSheet.create({
  block: { flexDirection: "row", marginTop: 6, marginBottom: 4 },
  left: { width: PDF_CHART_SIZE.width, paddingRight: 8 },
  right: { flexGrow: 1, flexBasis: 0 },
  title: { fontSize: 10.5, fontWeight: 700, lineHeight: "14pt" },
  summary: { fontSize: 8, lineHeight: "10pt", color: MUTED, marginBottom: 3 },
  legend: { fontSize: 7, lineHeight: "9pt", color: INK },
  caption: { fontSize: 7.5, fontWeight: 700, lineHeight: "10pt", marginBottom: 2 },
  head: { flexDirection: "row", borderBottomWidth: 0.75, borderBottomColor: "#1b3a57", paddingBottom: 1 },
  row: { flexDirection: "row", borderBottomWidth: 0.4, borderBottomColor: GRID, paddingVertical: 1 },
  cell: { fontSize: 7, lineHeight: "9pt", paddingRight: 3 },
  headCell: { fontSize: 7, lineHeight: "9pt", paddingRight: 3, fontWeight: 700 },
});

// SVG text takes its size from its style; react-pdf's SVG style type omits the font keys.
const svgFont = (fontSize: number) => ({ fontSize }) as Record<string, number>;

/** A marker's outline as path data, centred on the point (shape as well as colour tells series apart). */
function markerPath(marker: Marker, x: number, y: number, r = 2.4): string {
  switch (marker) {
    case "circle":
      return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case "square":
      return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case "triangle":
      return `M${x},${y - r * 1.2}L${x + r * 1.1},${y + r * 0.9}L${x - r * 1.1},${y + r * 0.9}Z`;
    case "diamond":
      return `M${x},${y - r * 1.3}L${x + r * 1.1},${y}L${x},${y + r * 1.3}L${x - r * 1.1},${y}Z`;
  }
}

function SeriesDrawing({ series }: { series: ChartSeries }) {
  return (
    <>
      {series.path && <Path d={series.path} stroke={series.colour} strokeWidth={1.1} fill="none" strokeDasharray={series.dashed ? "3 2" : undefined} />}
      {/* Every marker of the series in one path: a node per point would cost a layout pass each. */}
      {series.points.length > 0 && (
        <Path d={series.points.map((p) => markerPath(series.marker, p.x, p.y)).join("")} fill={series.dashed ? "#ffffff" : series.colour} stroke={series.colour} strokeWidth={0.8} />
      )}
    </>
  );
}

function ChartDrawing({ model }: { model: ChartModel }) {
  const { plot } = model;
  return (
    <Svg width={model.width} height={model.height} viewBox={`0 0 ${model.width} ${model.height}`}>
      {model.y.ticks.map((t) => (
        <Line key={`gy${t.value}`} x1={plot.left} x2={plot.right} y1={t.position} y2={t.position} stroke={GRID} strokeWidth={0.4} />
      ))}
      <Line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={INK} strokeWidth={0.8} />
      <Line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke={INK} strokeWidth={0.8} />
      {model.y.ticks.map((t) => (
        <Text key={`ly${t.value}`} x={plot.left - 3} y={t.position + 2.2} textAnchor="end" fill={MUTED} style={svgFont(TICK_FONT)}>
          {t.label}
        </Text>
      ))}
      {model.x.ticks.map((t) => (
        <Line key={`tx${t.value}`} x1={t.position} x2={t.position} y1={plot.bottom} y2={plot.bottom + 3} stroke={INK} strokeWidth={0.8} />
      ))}
      {model.x.ticks.map((t) => (
        <Text key={`lx${t.value}`} x={t.position} y={plot.bottom + 11} textAnchor="middle" fill={MUTED} style={svgFont(TICK_FONT)}>
          {t.label}
        </Text>
      ))}
      <Text x={(plot.left + plot.right) / 2} y={model.height - 4} textAnchor="middle" fill={INK} style={svgFont(7)}>
        {model.x.title}
      </Text>
      <Text x={2} y={plot.top - 9} fill={INK} style={svgFont(7)}>
        {model.y.title}
      </Text>
      {model.references.map((r) => (
        <Line key={r.id} x1={r.x1} x2={r.x2} y1={r.y} y2={r.y} stroke={MUTED} strokeWidth={0.8} strokeDasharray="1.5 2" />
      ))}
      {model.references.map((r) => (
        <Text key={`${r.id}-label`} x={r.x2 - 2} y={r.labelPlacement === "above" ? r.y - 2.5 : r.y + 7.5} textAnchor="end" fill={MUTED} style={svgFont(TICK_FONT)}>
          {r.label}
        </Text>
      ))}
      {model.series.map((s) => (
        <SeriesDrawing key={s.id} series={s} />
      ))}
    </Svg>
  );
}

/** The series' names with their line and marker, two to a row. */
function Legend({ series }: { series: readonly ChartSeries[] }) {
  const rows = Math.ceil(series.length / 2);
  const width = PDF_CHART_SIZE.width - 8;
  return (
    <Svg width={width} height={rows * 10 + 2} viewBox={`0 0 ${width} ${rows * 10 + 2}`}>
      {series.map((s, i) => {
        const x = (i % 2) * (width / 2) + 2;
        const y = Math.floor(i / 2) * 10 + 6;
        return (
          <G key={s.id}>
            <Line x1={x} x2={x + 16} y1={y} y2={y} stroke={s.colour} strokeWidth={1.1} strokeDasharray={s.dashed ? "3 2" : undefined} />
            <Path d={markerPath(s.marker, x + 8, y)} fill={s.dashed ? "#ffffff" : s.colour} stroke={s.colour} strokeWidth={0.8} />
            <Text x={x + 20} y={y + 2.3} fill={INK} style={svgFont(7)}>
              {s.name}
            </Text>
          </G>
        );
      })}
    </Svg>
  );
}

/** Column weights: a long text column (the symptoms) gets more room, a number less. */
const weightOf = (header: string) => (/symptoms/i.test(header) ? 2.4 : /^(session|count)$/i.test(header) ? 0.7 : 1);

function DataTable({ model }: { model: ChartModel }) {
  const weights = model.table.header.map(weightOf);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => `${(100 * w) / total}%` as const);
  return (
    <View>
      <Text style={chart.caption}>{model.table.caption}</Text>
      <View style={chart.head}>
        {model.table.header.map((h, i) => (
          <Text key={i} style={[chart.headCell, { width: widths[i] }]}>
            {h}
          </Text>
        ))}
      </View>
      {model.table.rows.map((row, r) => (
        <View key={r} style={chart.row} wrap={false}>
          {row.map((cell, i) => (
            <Text key={i} style={[chart.cell, { width: widths[i] }]}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** One chart: title, the sentence describing it, the picture and legend on the left, its table on the right. */
export function ChartBlock({ model }: { model: ChartModel }) {
  return (
    <View style={chart.block} wrap={false}>
      <View style={chart.left}>
        <Text style={chart.title}>{model.title}</Text>
        <Text style={chart.summary}>{model.summary}</Text>
        {model.empty ? <Text style={styles.muted}>{model.empty}</Text> : <ChartDrawing model={model} />}
        {!model.empty && model.series.length > 0 && <Legend series={model.series} />}
      </View>
      <View style={chart.right}>
        <DataTable model={model} />
      </View>
    </View>
  );
}

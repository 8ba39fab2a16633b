import { BP_PAIRS, type SessionRecord } from "@/lib/course";
import { formatDate } from "@/lib/questionnaire/format-answer";
import { sessionsInOrder } from "./entries";
import { COLOURS, linearAxis, pathOf, plotOf, pointAxis, thin } from "./scales";
import type { ChartModel, ChartSeries, ChartSize, CourseChartInput, Marker } from "./types";

/**
 * Blood pressure per session: before, at 40 minutes and at discharge (the session record's pairs,
 * BP_PAIRS), systolic solid and diastolic dashed; the moment by colour and marker, set a little
 * apart within the session's slot so the three never hide one another.
 */

const MOMENTS: readonly { colour: string; marker: Marker; offset: number }[] = [
  { colour: COLOURS.blue, marker: "circle", offset: -1 },
  { colour: COLOURS.vermillion, marker: "square", offset: 0 },
  { colour: COLOURS.green, marker: "triangle", offset: 1 },
];
/** How far apart the moments of one session sit (pixels, at most a fifth of a session's slot). */
const SPREAD = 5;

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function bloodPressureChart(input: CourseChartInput, size: ChartSize): ChartModel {
  const plot = plotOf(size);
  const sessions = sessionsInOrder(input);
  const readings = sessions.map((s) => BP_PAIRS.map((pair) => reading(s.current.record, pair)));
  const values = readings.flat().flatMap((r) => (r ? [r.systolic, r.diastolic] : []));
  const x = pointAxis(sessions.map((s) => s.sessionId), plot);
  const y = values.length > 0 ? linearAxis(Math.min(...values) - 10, Math.max(...values) + 10, plot) : linearAxis(60, 160, plot);
  const spread = Math.min(SPREAD, x.step() / 5);

  const series: ChartSeries[] = BP_PAIRS.flatMap((pair, m) =>
    (["systolic", "diastolic"] as const).map((part) => {
      const slots = sessions.map((s, i) => {
        const r = readings[i]![m];
        if (!r) return null;
        return { x: x(s.sessionId)! + MOMENTS[m]!.offset * spread, y: y.scale(r[part]), value: r[part], label: `${formatDate(s.date)}, ${part} ${pair.label}: ${r[part]} mmHg` };
      });
      return {
        id: `${part}-${pair.systolic.replace(/^bp_|_systolic$/g, "")}`,
        name: `${capital(part)} ${pair.label}`,
        colour: MOMENTS[m]!.colour,
        marker: MOMENTS[m]!.marker,
        dashed: part === "diastolic",
        points: slots.filter((p) => p !== null),
        path: pathOf(slots),
      };
    }),
  );

  const first = sessions[0];
  const last = sessions.at(-1);
  const systolic = readings.flat().flatMap((r) => (r ? [r.systolic] : []));
  const diastolic = readings.flat().flatMap((r) => (r ? [r.diastolic] : []));
  const summary =
    first && last
      ? `Blood pressure at ${sessions.length} session${sessions.length === 1 ? "" : "s"} from ${formatDate(first.date)} to ${formatDate(last.date)}: systolic ${range(systolic)} mmHg and diastolic ${range(diastolic)} mmHg, before the session, at 40 minutes when taken, and at discharge.`
      : "No sessions recorded yet, so there is no blood pressure to show.";

  return {
    id: "blood-pressure",
    title: "Blood pressure per session",
    summary,
    empty: sessions.length === 0 ? "No sessions recorded yet: blood pressure appears here from the first session record." : null,
    width: size.width,
    height: size.height,
    plot,
    x: {
      title: "Session",
      ticks: thin(sessions, plot.right - plot.left).map((s) => ({ value: sessions.indexOf(s) + 1, position: x(s.sessionId)!, label: formatDate(s.date) })),
    },
    y: { title: "mmHg", ticks: y.ticks },
    series: sessions.length === 0 ? [] : series,
    references: [],
    table: {
      caption: "Blood pressure per session, systolic/diastolic in mmHg",
      header: ["Session", "Date", ...BP_PAIRS.map((p) => capital(p.label))],
      rows: sessions.map((s, i) => [String(i + 1), formatDate(s.date), ...readings[i]!.map((r) => (r ? `${r.systolic}/${r.diastolic}` : "Not taken"))]),
    },
  };
}

function reading(record: SessionRecord, pair: (typeof BP_PAIRS)[number]): { systolic: number; diastolic: number } | null {
  const systolic = record[pair.systolic];
  const diastolic = record[pair.diastolic];
  return systolic === undefined || diastolic === undefined ? null : { systolic, diastolic };
}

const range = (values: readonly number[]) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
};

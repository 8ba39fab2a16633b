import { REMISSION_MAX } from "@/lib/course/outcome";
import { MEASURABLE_BASELINE } from "@/lib/course/rules-course";
import { formatDate } from "@/lib/questionnaire/format-answer";
import { checkinsInOrder, type DatedCheckin } from "./entries";
import { COLOURS, linearAxis, pathOf, plotOf, timeAxis, type Plot } from "./scales";
import type { ChartModel, ChartSize, CourseChartInput, ReferenceLine } from "./types";

/** PHQ-9 over time: the baseline, each check-in's total, the 50% response line and the remission line. */

/** The questionnaire's range (nine items scored 0–3). */
const PHQ9_MAX = 27;

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function phq9Chart(input: CourseChartInput, timeZone: string, size: ChartSize): ChartModel {
  const plot = plotOf(size);
  const { startedOn, baselinePhq9: baseline } = input.course;
  const checkins = checkinsInOrder(input, timeZone);
  const measurable = baseline >= MEASURABLE_BASELINE;
  const x = timeAxis(timeDomain(startedOn, checkins), plot);
  const y = linearAxis(0, PHQ9_MAX, plot);

  const basePoint = { x: x.scale(Date.parse(`${startedOn}T00:00:00Z`)), y: y.scale(baseline), value: baseline, label: `Baseline, ${formatDate(startedOn)}: ${baseline}` };
  const points = checkins.map((c) => ({ x: x.scale(c.ms), y: y.scale(c.entry.phq9.total), value: c.entry.phq9.total, label: `${formatDate(c.date)}: ${c.entry.phq9.total}` }));
  const references: ReferenceLine[] = [
    ...(measurable ? [reference("response", `Response (half of baseline): ${baseline / 2}`, baseline / 2, y.scale, plot, "above")] : []),
    reference("remission", `Remission: ${REMISSION_MAX} or less`, REMISSION_MAX, y.scale, plot, "below"),
  ];
  const latest = checkins.at(-1);
  const lines = measurable ? `the response line is at ${baseline / 2} and the remission line at ${REMISSION_MAX}` : `a baseline under ${MEASURABLE_BASELINE} is too low to measure response; the remission line is at ${REMISSION_MAX}`;
  const summary = latest
    ? `PHQ-9 total from ${baseline} at baseline (${formatDate(startedOn)}) to ${latest.entry.phq9.total} at the latest of ${checkins.length} check-in${checkins.length === 1 ? "" : "s"} (${formatDate(latest.date)}); ${lines}.`
    : `Baseline PHQ-9 ${baseline} (${formatDate(startedOn)}) and no check-ins yet; ${lines}.`;

  return {
    id: "phq9",
    title: "PHQ-9 over time",
    summary,
    empty: checkins.length === 0 ? `No check-ins yet: the PHQ-9 line starts with the client's first check-in (baseline ${baseline}).` : null,
    width: size.width,
    height: size.height,
    plot,
    x: { title: "Date", ticks: x.ticks },
    y: { title: "PHQ-9 total", ticks: y.ticks },
    series:
      checkins.length === 0
        ? []
        : [
            { id: "baseline", name: "Baseline", colour: COLOURS.black, marker: "diamond", dashed: false, points: [basePoint], path: null },
            { id: "checkins", name: "Check-in total", colour: COLOURS.blue, marker: "circle", dashed: false, points, path: pathOf([basePoint, ...points]) },
          ],
    references,
    table: {
      caption: "PHQ-9 totals: the baseline and each check-in",
      header: ["Date", "PHQ-9 total", "Change from baseline"],
      rows: [[`${formatDate(startedOn)} (baseline)`, String(baseline), "—"], ...checkins.map((c) => [formatDate(c.date), String(c.entry.phq9.total), signed(c.entry.phq9.total - baseline)])],
    },
  };
}

/** The PHQ-9 and elevation charts share one time axis: the course start to the latest check-in. */
export const timeDomain = (startedOn: string, checkins: readonly DatedCheckin[]) => [Date.parse(`${startedOn}T00:00:00Z`), ...checkins.map((c) => c.ms)];

function reference(id: ReferenceLine["id"], label: string, value: number, scale: (v: number) => number, plot: Plot, labelPlacement: ReferenceLine["labelPlacement"]): ReferenceLine {
  return { id, label, value, y: scale(value), x1: plot.left, x2: plot.right, labelPlacement };
}

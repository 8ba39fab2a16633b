import { elevationCount } from "@/lib/course/rules-checkin";
import { intakeItem } from "@/lib/course/intake-parts";
import { formatDate } from "@/lib/questionnaire/format-answer";
import { checkinsInOrder } from "./entries";
import { timeDomain } from "./phq9";
import { COLOURS, linearAxis, pathOf, plotOf, timeAxis } from "./scales";
import type { ChartModel, ChartSize, CourseChartInput } from "./types";

/** Elevation-symptom count per check-in (the count the SWITCH_SIGNS rise compares), on the PHQ-9 chart's time axis. */

const SYMPTOMS = intakeItem("mania_symptoms_past_week");
/** The y axis shows at least 0–4 so one symptom does not fill the chart. */
const MIN_TOP = 4;

export function elevationChart(input: CourseChartInput, timeZone: string, size: ChartSize): ChartModel {
  const plot = plotOf(size);
  const checkins = checkinsInOrder(input, timeZone);
  const counts = checkins.map((c) => elevationCount(c.entry.answers));
  const x = timeAxis(timeDomain(input.course.startedOn, checkins), plot);
  const y = linearAxis(0, Math.max(MIN_TOP, ...counts), plot, true);
  const points = checkins.map((c, i) => ({ x: x.scale(c.ms), y: y.scale(counts[i]!), value: counts[i]!, label: `${formatDate(c.date)}: ${counts[i]}` }));
  const highest = Math.max(0, ...counts);
  const summary =
    checkins.length === 0
      ? "No check-ins yet, so there are no elevation symptoms to count."
      : `Elevation-symptom count at ${checkins.length} check-in${checkins.length === 1 ? "" : "s"}: ${counts[counts.length - 1]} at the latest (${formatDate(checkins.at(-1)!.date)}), highest ${highest}.`;

  return {
    id: "elevation",
    title: "Elevation symptoms per check-in",
    summary,
    empty: checkins.length === 0 ? "No check-ins yet: the elevation-symptom count starts with the client's first check-in." : null,
    width: size.width,
    height: size.height,
    plot,
    x: { title: "Date", ticks: x.ticks },
    y: { title: "Symptoms", ticks: y.ticks },
    series: checkins.length === 0 ? [] : [{ id: "elevation", name: "Elevation symptoms", colour: COLOURS.vermillion, marker: "square", dashed: false, points, path: pathOf(points) }],
    references: [],
    table: {
      caption: "Elevation symptoms chosen at each check-in (every symptom except “None”)",
      header: ["Check-in", "Count", "Symptoms"],
      rows: checkins.map((c, i) => [formatDate(c.date), String(counts[i]), symptomLabels(c.entry.answers.mania_symptoms_past_week)]),
    },
  };
}

function symptomLabels(chosen: readonly string[] | undefined): string {
  const named = (chosen ?? []).filter((s) => s !== "none").map((s) => SYMPTOMS.options.find((o) => o.value === s)?.label ?? s);
  return named.length > 0 ? named.join("; ") : "None";
}

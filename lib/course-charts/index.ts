import { bloodPressureChart } from "./blood-pressure";
import { elevationChart } from "./elevation";
import { phq9Chart } from "./phq9";
import { DEFAULT_SIZE } from "./scales";
import type { ChartOptions, CourseCharts, CourseChartInput } from "./types";

/**
 * The course page's three charts as renderer-neutral models (see types.ts): PHQ-9 over time, blood
 * pressure per session, elevation-symptom count per check-in. The page draws them as inline SVG,
 * the progress PDF with react-pdf's Svg primitives; both draw the same numbers.
 */
export function courseCharts(input: CourseChartInput, options: ChartOptions): CourseCharts {
  const size = options.size ?? DEFAULT_SIZE;
  return {
    phq9: phq9Chart(input, options.timeZone, size),
    bloodPressure: bloodPressureChart(input, size),
    elevation: elevationChart(input, options.timeZone, size),
  };
}

export { DEFAULT_SIZE, COLOURS } from "./scales";
export type * from "./types";

import type { CheckinAnswers, SessionRecord } from "@/lib/course";

/**
 * The chart model: everything a renderer needs to draw the course page's three charts, already in
 * pixel coordinates for one size — scales' ticks with their labels, series as point lists and line
 * paths (SVG path data, which react-pdf's <Path d> takes too), reference lines, and the data table
 * with the exact values. A renderer (the page's SVG, the progress PDF) only draws; it computes
 * nothing. Pure and universal: no React, no server-only, no clock.
 */

/** The timeline fields the charts read; `CourseTimeline` (lib/course-records) is assignable to it. */
export interface ChartSessionEntry {
  readonly kind: "session";
  readonly sessionId: string;
  readonly date: string;
  readonly current: { readonly record: SessionRecord };
}

export interface ChartCheckinEntry {
  readonly kind: "checkin";
  readonly id: string;
  /** RFC 3339 instant; charted at its clinic-time date and time. */
  readonly submittedAt: string;
  readonly answers: CheckinAnswers;
  readonly phq9: { readonly total: number };
}

export interface CourseChartInput {
  readonly course: { readonly startedOn: string; readonly baselinePhq9: number };
  /** In any order (the timeline's is newest first); the charts sort them oldest first. */
  readonly entries: readonly (ChartSessionEntry | ChartCheckinEntry)[];
}

export interface ChartMargin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface ChartSize {
  readonly width: number;
  readonly height: number;
  readonly margin: ChartMargin;
}

export interface ChartOptions {
  /** The clinic's time zone: a check-in's date is its date there. */
  readonly timeZone: string;
  readonly size?: ChartSize;
}

export type ChartId = "phq9" | "blood-pressure" | "elevation";
export type Marker = "circle" | "square" | "triangle" | "diamond";

export interface Tick {
  readonly value: number;
  /** Pixel coordinate along its axis (x for the x axis, y for the y axis). */
  readonly position: number;
  readonly label: string;
}

export interface Axis {
  /** The axis title ("Date", "PHQ-9 total", "mmHg"). */
  readonly title: string;
  readonly ticks: readonly Tick[];
}

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly value: number;
  /** The point in words ("21 November 2026: 12"), for a tooltip or title. */
  readonly label: string;
}

export interface ChartSeries {
  readonly id: string;
  readonly name: string;
  /** Okabe–Ito colour (distinguishable with colour-vision deficiencies); never the only distinction. */
  readonly colour: string;
  readonly marker: Marker;
  readonly dashed: boolean;
  readonly points: readonly ChartPoint[];
  /** SVG path data through the points (gaps where a value is missing); null with fewer than two. */
  readonly path: string | null;
}

export interface ReferenceLine {
  readonly id: "response" | "remission";
  readonly label: string;
  readonly value: number;
  readonly y: number;
  readonly x1: number;
  readonly x2: number;
  /** Where its label sits relative to the line (two lines can be close: baseline 10 puts them at 5 and 4). */
  readonly labelPlacement: "above" | "below";
}

export interface ChartTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ChartModel {
  readonly id: ChartId;
  readonly title: string;
  /** One sentence for screen readers (the picture's description). */
  readonly summary: string;
  /** What is missing when there is nothing to draw ("No check-ins yet…"); then series are empty. */
  readonly empty: string | null;
  readonly width: number;
  readonly height: number;
  /** The plot area in pixels (inside the margins). */
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly ChartSeries[];
  readonly references: readonly ReferenceLine[];
  readonly table: ChartTable;
}

export interface CourseCharts {
  readonly phq9: ChartModel;
  readonly bloodPressure: ChartModel;
  readonly elevation: ChartModel;
}

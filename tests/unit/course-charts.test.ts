import { describe, expect, it } from "vitest";
import type { CheckinAnswers, SessionRecord } from "@/lib/course";
import { REMISSION_MAX } from "@/lib/course/outcome";
import { courseCharts, type ChartCheckinEntry, type ChartModel, type ChartSessionEntry, type CourseChartInput } from "@/lib/course-charts";

/** The chart models (lib/course-charts): values, positions and tables, read as a renderer would. */

const TZ = "America/Toronto";

const checkin = (id: string, submittedAt: string, total: number, mania: string[] = ["none"]): ChartCheckinEntry => ({
  kind: "checkin",
  id,
  submittedAt,
  answers: { mania_symptoms_past_week: mania } as unknown as CheckinAnswers,
  phq9: { total },
});

const session = (sessionId: string, date: string, bp: Partial<Record<string, number>>): ChartSessionEntry => ({
  kind: "session",
  sessionId,
  date,
  current: { record: { session_date: date, bp_pre_systolic: 128, bp_pre_diastolic: 82, bp_discharge_systolic: 134, bp_discharge_diastolic: 84, ...bp } as unknown as SessionRecord },
});

const course = (baselinePhq9: number, entries: CourseChartInput["entries"], startedOn = "2026-10-01"): CourseChartInput => ({ course: { startedOn, baselinePhq9 }, entries });
const charts = (input: CourseChartInput) => courseCharts(input, { timeZone: TZ });

/** The plot's y grows downwards: a higher value sits higher up (smaller y). */
function expectMonotonic(points: readonly { x: number; y: number; value: number }[]) {
  for (const a of points)
    for (const b of points) {
      if (a.value > b.value) expect(a.y).toBeLessThan(b.y);
      if (a.value === b.value) expect(a.y).toBeCloseTo(b.y, 9);
    }
}

function expectInsidePlot(chart: ChartModel) {
  for (const s of chart.series)
    for (const p of s.points) {
      expect(p.x).toBeGreaterThanOrEqual(chart.plot.left - 1e-9);
      expect(p.x).toBeLessThanOrEqual(chart.plot.right + 1e-9);
      expect(p.y).toBeGreaterThanOrEqual(chart.plot.top - 1e-9);
      expect(p.y).toBeLessThanOrEqual(chart.plot.bottom + 1e-9);
    }
  for (const t of chart.x.ticks) expect(t.position).toBeGreaterThanOrEqual(chart.plot.left - 1e-9);
}

/** The value a y pixel stands for, by interpolating between the axis's first and last ticks. */
function valueAtY(chart: ChartModel, y: number) {
  const [a, b] = [chart.y.ticks[0]!, chart.y.ticks.at(-1)!];
  return a.value + ((y - a.position) / (b.position - a.position)) * (b.value - a.value);
}

describe("PHQ-9 over time", () => {
  const input = course(18, [checkin("c3", "2026-11-20T15:00:00Z", 4), checkin("c1", "2026-10-08T15:00:00Z", 12), checkin("c2", "2026-10-22T15:00:00Z", 9)]);
  const { phq9 } = charts(input);

  it("draws the baseline and each check-in, oldest first, in time order and value order", () => {
    const [baseline, checkins] = phq9.series;
    expect(baseline!.points.map((p) => p.value)).toEqual([18]);
    expect(checkins!.points.map((p) => p.value)).toEqual([12, 9, 4]);
    const xs = [baseline!.points[0]!.x, ...checkins!.points.map((p) => p.x)];
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
    expectMonotonic([...baseline!.points, ...checkins!.points]);
    expectInsidePlot(phq9);
    for (const p of [...baseline!.points, ...checkins!.points]) expect(valueAtY(phq9, p.y)).toBeCloseTo(p.value, 9);
    expect(checkins!.path).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}$/); // baseline + three check-ins
  });

  it("puts the response line at half the baseline and the remission line at the outcome's threshold", () => {
    expect(REMISSION_MAX).toBe(4);
    expect(phq9.references.map((r) => [r.id, r.value])).toEqual([["response", 9], ["remission", 4]]);
    for (const r of phq9.references) {
      expect(valueAtY(phq9, r.y)).toBeCloseTo(r.value, 9);
      expect([r.x1, r.x2]).toEqual([phq9.plot.left, phq9.plot.right]);
    }
    expect(phq9.references.map((r) => r.label)).toEqual(["Response (half of baseline): 9", "Remission: 4 or less"]);
    // An odd baseline: the line is at exactly half, not rounded.
    expect(charts(course(15, [checkin("a", "2026-10-08T15:00:00Z", 7)])).phq9.references[0]!.value).toBe(7.5);
  });

  it("leaves the response line out when the baseline is too low to measure response (9 vs 10)", () => {
    expect(charts(course(9, [checkin("a", "2026-10-08T15:00:00Z", 3)])).phq9.references.map((r) => r.id)).toEqual(["remission"]);
    expect(charts(course(9, [checkin("a", "2026-10-08T15:00:00Z", 3)])).phq9.summary).toContain("too low to measure response");
    expect(charts(course(10, [checkin("a", "2026-10-08T15:00:00Z", 3)])).phq9.references.map((r) => [r.id, r.value])).toEqual([["response", 5], ["remission", 4]]);
  });

  it("has nice y ticks over the PHQ-9 range and date ticks spanning the months", () => {
    expect(phq9.y.ticks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(phq9.y.ticks.map((t) => t.position)).toEqual([...phq9.y.ticks.map((t) => t.position)].sort((a, b) => b - a));
    expect(phq9.x.ticks.map((t) => t.label)).toEqual(["October 2026", "November 2026"]);
    const xs = phq9.x.ticks.map((t) => t.position);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it("gives the table's exact values, with the change from baseline", () => {
    expect(phq9.table.header).toEqual(["Date", "PHQ-9 total", "Change from baseline"]);
    expect(phq9.table.rows).toEqual([
      ["1 October 2026 (baseline)", "18", "—"],
      ["8 October 2026", "12", "-6"],
      ["22 October 2026", "9", "-9"],
      ["20 November 2026", "4", "-14"],
    ]);
    expect(phq9.summary).toBe("PHQ-9 total from 18 at baseline (1 October 2026) to 4 at the latest of 3 check-ins (20 November 2026); the response line is at 9 and the remission line at 4.");
  });

  it("dates a check-in by the clinic's calendar, not UTC's", () => {
    // 02:30 UTC on 9 October is 22:30 on 8 October in Toronto.
    const late = charts(course(18, [checkin("a", "2026-10-09T02:30:00Z", 11)])).phq9;
    expect(late.table.rows[1]).toEqual(["8 October 2026", "11", "-7"]);
    const nineth = late.x.ticks.find((t) => t.label === "9 October 2026");
    if (nineth) expect(late.series[1]!.points[0]!.x).toBeLessThan(nineth.position);
  });

  it("says what is missing when there are no check-ins, and keeps the baseline row", () => {
    const none = charts(course(18, [session("s1", "2026-10-02", {})])).phq9;
    expect(none.empty).toBe("No check-ins yet: the PHQ-9 line starts with the client's first check-in (baseline 18).");
    expect(none.series).toEqual([]);
    expect(none.table.rows).toEqual([["1 October 2026 (baseline)", "18", "—"]]);
  });

  it("draws one check-in on the start day between labelled days", () => {
    const one = charts(course(18, [checkin("a", "2026-10-01T18:00:00Z", 15)])).phq9;
    expect(one.empty).toBeNull();
    const [b, c] = [one.series[0]!.points[0]!, one.series[1]!.points[0]!];
    expect(c.x).toBeGreaterThan(b.x); // the afternoon after the start day's midnight
    expect(one.x.ticks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(one.x.ticks.map((t) => t.label)).size).toBe(one.x.ticks.length);
    expect(one.x.ticks.map((t) => t.label)).toContain("1 October 2026");
    expectInsidePlot(one);
  });
});

describe("blood pressure per session", () => {
  const input = course(18, [
    session("s3", "2026-10-09", { bp_pre_systolic: 150, bp_pre_diastolic: 95, bp_40min_systolic: 162, bp_40min_diastolic: 99 }),
    session("s1", "2026-10-02", {}),
    session("s2", "2026-10-05", { bp_40min_systolic: 140, bp_40min_diastolic: 88 }),
    checkin("c1", "2026-10-08T15:00:00Z", 12),
  ]);
  const { bloodPressure: bp } = charts(input);
  const byId = Object.fromEntries(bp.series.map((s) => [s.id, s]));

  it("has six series: each moment's systolic (solid) and diastolic (dashed), moments told apart by marker", () => {
    expect(bp.series.map((s) => [s.id, s.name, s.dashed])).toEqual([
      ["systolic-pre", "Systolic before the session", false],
      ["diastolic-pre", "Diastolic before the session", true],
      ["systolic-40min", "Systolic at 40 minutes", false],
      ["diastolic-40min", "Diastolic at 40 minutes", true],
      ["systolic-discharge", "Systolic at discharge", false],
      ["diastolic-discharge", "Diastolic at discharge", true],
    ]);
    expect(new Set(bp.series.map((s) => s.marker)).size).toBe(3);
  });

  it("plots each session's values in session order, the 40-minute pair only where taken", () => {
    expect(byId["systolic-pre"]!.points.map((p) => p.value)).toEqual([128, 128, 150]);
    expect(byId["diastolic-pre"]!.points.map((p) => p.value)).toEqual([82, 82, 95]);
    expect(byId["systolic-40min"]!.points.map((p) => p.value)).toEqual([140, 162]);
    expect(byId["diastolic-discharge"]!.points.map((p) => p.value)).toEqual([84, 84, 84]);
    const pre = byId["systolic-pre"]!.points.map((p) => p.x);
    expect(pre).toEqual([...pre].sort((a, b) => a - b));
    // The three moments of one session sit side by side, in order.
    const s3 = ["systolic-pre", "systolic-40min", "systolic-discharge"].map((id) => byId[id]!.points.at(-1)!.x);
    expect(s3).toEqual([...s3].sort((a, b) => a - b));
    expectMonotonic(bp.series.flatMap((s) => s.points));
    expectInsidePlot(bp);
    for (const p of bp.series.flatMap((s) => s.points)) expect(valueAtY(bp, p.y)).toBeCloseTo(p.value, 9);
  });

  it("labels sessions with their dates and gives nice y ticks around the readings", () => {
    expect(bp.x.ticks.map((t) => t.label)).toEqual(["2 October 2026", "5 October 2026", "9 October 2026"]);
    const ys = bp.y.ticks.map((t) => t.value);
    expect(ys[0]).toBeLessThanOrEqual(82 - 10);
    expect(ys.at(-1)).toBeGreaterThanOrEqual(162 + 10);
    for (const v of ys) expect(v % 10).toBe(0);
  });

  it("tabulates systolic/diastolic per session with 'Not taken' for a missing pair", () => {
    expect(bp.table.header).toEqual(["Session", "Date", "Before the session", "At 40 minutes", "At discharge"]);
    expect(bp.table.rows).toEqual([
      ["1", "2 October 2026", "128/82", "Not taken", "134/84"],
      ["2", "5 October 2026", "128/82", "140/88", "134/84"],
      ["3", "9 October 2026", "150/95", "162/99", "134/84"],
    ]);
    expect(bp.summary).toContain("systolic 128–162 mmHg and diastolic 82–99 mmHg");
  });

  it("one session: points in the middle, no line; no sessions: says so", () => {
    const one = charts(course(18, [session("s1", "2026-10-02", {})])).bloodPressure;
    expect(one.series.every((s) => s.path === null)).toBe(true);
    expect(one.series[0]!.points[0]!.x).toBeCloseTo((one.plot.left + one.plot.right) / 2 - 5, 9);
    expect(one.table.rows).toEqual([["1", "2 October 2026", "128/82", "Not taken", "134/84"]]);
    const none = charts(course(18, [checkin("c", "2026-10-08T15:00:00Z", 12)])).bloodPressure;
    expect(none.empty).toBe("No sessions recorded yet: blood pressure appears here from the first session record.");
    expect([none.series, none.table.rows]).toEqual([[], []]);
  });
});

describe("elevation symptoms per check-in", () => {
  const input = course(18, [
    checkin("c2", "2026-10-22T15:00:00Z", 9, ["racing_thoughts", "less_need_for_sleep", "irritability"]),
    checkin("c1", "2026-10-08T15:00:00Z", 12, ["none"]),
    checkin("c3", "2026-11-05T15:00:00Z", 8, ["elevated_mood"]),
  ]);
  const { elevation, phq9 } = charts(input);

  it("counts every chosen symptom except none, as the check-in rules do", () => {
    expect(elevation.series[0]!.points.map((p) => p.value)).toEqual([0, 3, 1]);
    expect(elevation.table.rows).toEqual([
      ["8 October 2026", "0", "None"],
      ["22 October 2026", "3", "Racing thoughts; Needing much less sleep but not feeling tired; Feeling unusually irritable or quick to anger"],
      ["5 November 2026", "1", "Feeling unusually high, excited or 'on top of the world'"],
    ]);
    expectMonotonic(elevation.series[0]!.points);
    expectInsidePlot(elevation);
  });

  it("uses whole-number ticks from 0 to at least 4, and the PHQ-9 chart's time axis", () => {
    expect(elevation.y.ticks.map((t) => t.value).every(Number.isInteger)).toBe(true);
    expect(elevation.y.ticks[0]!.value).toBe(0);
    expect(elevation.y.ticks.at(-1)!.value).toBeGreaterThanOrEqual(4);
    expect(elevation.x.ticks).toEqual(phq9.x.ticks);
    expect(elevation.series[0]!.points.map((p) => p.x)).toEqual(phq9.series[1]!.points.map((p) => p.x));
    const many = charts(course(18, [checkin("a", "2026-10-08T15:00:00Z", 9, ["elevated_mood", "irritability", "less_need_for_sleep", "racing_thoughts", "pressured_speech", "distractibility", "increased_activity"])])).elevation;
    expect(many.y.ticks.at(-1)!.value).toBeGreaterThanOrEqual(7);
  });

  it("says what is missing without check-ins", () => {
    const none = charts(course(18, [])).elevation;
    expect(none.empty).toBe("No check-ins yet: the elevation-symptom count starts with the client's first check-in.");
    expect([none.series, none.table.rows]).toEqual([[], []]);
  });
});

it("scales to another size: the same values, positions within the new plot", () => {
  const input = course(18, [checkin("c1", "2026-10-08T15:00:00Z", 12), session("s1", "2026-10-02", {})]);
  const wide = courseCharts(input, { timeZone: TZ, size: { width: 720, height: 300, margin: { top: 10, right: 10, bottom: 30, left: 40 } } });
  expect(wide.phq9.plot).toEqual({ left: 40, top: 10, right: 710, bottom: 270 });
  expect(wide.phq9.table).toEqual(charts(input).phq9.table);
  expectInsidePlot(wide.phq9);
  expectInsidePlot(wide.bloodPressure);
});

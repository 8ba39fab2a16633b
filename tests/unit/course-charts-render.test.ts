import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseSessionRecord, validateCheckinAnswers, type SessionRecord } from "@/lib/course";
import { phq9Of } from "@/lib/course/intake-parts";
import { elevationCount } from "@/lib/course/rules-checkin";
import type { CourseChartInput } from "@/lib/course-charts";
import { CourseCharts } from "@/app/(therapist)/dashboard/courses/[id]/charts";
import { calmAnswers, calmSession, phq } from "../support/course-cases";

/**
 * The course page's charts as the server renders them, read back from the markup as a reader
 * would: each marker's height against the axis's labelled ticks, each table cell — compared with
 * the records they were drawn from (not with a snapshot of the markup).
 */

const TZ = "America/Toronto";

function session(sessionId: string, over: Record<string, unknown>) {
  const parsed = parseSessionRecord(calmSession(over), { referenceDate: "2026-12-31", startedOn: "2026-10-01" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { kind: "session" as const, sessionId, date: parsed.record.session_date, current: { record: parsed.record } };
}
function checkin(id: string, submittedAt: string, over: Record<string, unknown>) {
  const { answers, errors } = validateCheckinAnswers(calmAnswers(over), { referenceDate: "2026-12-31" });
  expect(errors).toEqual([]);
  return { kind: "checkin" as const, id, submittedAt, answers, phq9: phq9Of(answers as Record<string, unknown>) };
}

const entries = [
  session("s1", { session_date: "2026-10-02" }),
  session("s2", { session_date: "2026-10-06", bp_pre_systolic: 141, bp_pre_diastolic: 91, bp_40min_systolic: 158, bp_40min_diastolic: 97 }),
  session("s3", { session_date: "2026-11-03", bp_discharge_systolic: 122, bp_discharge_diastolic: 76 }),
  checkin("c1", "2026-10-09T14:00:00Z", { ...phq(14) }),
  checkin("c2", "2026-10-30T14:00:00Z", { ...phq(9), mania_symptoms_past_week: ["racing_thoughts", "irritability"] }),
  checkin("c3", "2026-11-20T14:00:00Z", { ...phq(3), mania_symptoms_past_week: ["none"] }),
].reverse(); // the timeline lists newest first
const input: CourseChartInput = { course: { startedOn: "2026-10-01", baselinePhq9: 19 }, entries };
const html = renderToStaticMarkup(createElement(CourseCharts, { timeline: input, timeZone: TZ }));

const chartOf = (id: string) => {
  const m = new RegExp(`<section[^>]*data-chart="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new Error(`no chart ${id}`);
  return m[1]!;
};
const unescape = (s: string) => s.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** The values a chart's markers stand for, by series, from the y axis's labelled ticks. */
function valuesOf(chart: string): Record<string, number[]> {
  const ticks = [...chart.matchAll(/<text[^>]* y="([\d.]+)"[^>]*text-anchor="end"[^>]*data-value="[^"]*">([^<]+)<\/text>/g)].map((m) => ({ y: Number(m[1]), v: Number(m[2]) }));
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  const [a, b] = [ticks[0]!, ticks.at(-1)!];
  const valueAt = (y: number) => a.v + ((y - a.y) / (b.y - a.y)) * (b.v - a.v);
  const out: Record<string, number[]> = {};
  for (const g of chart.matchAll(/<g class="chart-series" data-series="([^"]+)">([\s\S]*?)<\/g>/g))
    out[g[1]!] = [...g[2]!.matchAll(/class="chart-point"[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"/g)].map((m) => Math.round(valueAt(Number(m[2])) * 10) / 10);
  return out;
}
const xsOf = (chart: string, series: string) => {
  const g = new RegExp(`data-series="${series}">([\\s\\S]*?)</g>`).exec(chart)![1]!;
  return [...g.matchAll(/translate\(([\d.]+) /g)].map((m) => Number(m[1]));
};
const tableOf = (chart: string) =>
  [...chart.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => unescape(c[1]!)));

const sessions = entries.filter((e) => e.kind === "session").reverse() as { current: { record: SessionRecord } }[];
const checkins = entries.filter((e) => e.kind === "checkin").reverse() as ReturnType<typeof checkin>[];

describe("the course page's charts, read back", () => {
  it("PHQ-9: the markers stand for the baseline and each check-in's total, in time order; the table says the same", () => {
    const chart = chartOf("phq9");
    const values = valuesOf(chart);
    expect(values.baseline).toEqual([19]);
    expect(values.checkins).toEqual(checkins.map((c) => c.phq9.total));
    expect(values.checkins).toEqual([14, 9, 3]);
    const xs = xsOf(chart, "checkins");
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    expect(tableOf(chart)).toEqual([
      ["Date", "PHQ-9 total", "Change from baseline"],
      ["1 October 2026 (baseline)", "19", "—"],
      ["9 October 2026", "14", "-5"],
      ["30 October 2026", "9", "-10"],
      ["20 November 2026", "3", "-16"],
    ]);
  });

  it("PHQ-9: the response line stands for half the baseline, the remission line for 4", () => {
    const chart = chartOf("phq9");
    const ticks = [...chart.matchAll(/<text[^>]* y="([\d.]+)"[^>]*data-value="([^"]*)">/g)].map((m) => ({ y: Number(m[1]), v: Number(m[2]) }));
    const at = (y: number) => ticks[0]!.v + ((y - ticks[0]!.y) / (ticks.at(-1)!.y - ticks[0]!.y)) * (ticks.at(-1)!.v - ticks[0]!.v);
    const line = (id: string) => Number(new RegExp(`data-reference="${id}"><line[^>]* y1="([\\d.]+)"`).exec(chart)![1]);
    expect(Math.round(at(line("response")) * 10) / 10).toBe(9.5);
    expect(Math.round(at(line("remission")) * 10) / 10).toBe(4);
    expect(unescape(chart)).toContain("Response (half of baseline): 9.5");
  });

  it("blood pressure: six series with each session's readings; the table pairs them per session", () => {
    const chart = chartOf("blood-pressure");
    const values = valuesOf(chart);
    const of = (field: string) => sessions.flatMap((s) => {
      const value = (s.current.record as unknown as Record<string, number | undefined>)[field];
      return value === undefined ? [] : [value];
    });
    expect(values["systolic-pre"]).toEqual(of("bp_pre_systolic"));
    expect(values["diastolic-pre"]).toEqual(of("bp_pre_diastolic"));
    expect(values["systolic-40min"]).toEqual(of("bp_40min_systolic"));
    expect(values["diastolic-40min"]).toEqual([97]);
    expect(values["systolic-discharge"]).toEqual([134, 134, 122]);
    expect(values["diastolic-discharge"]).toEqual(of("bp_discharge_diastolic"));
    expect(tableOf(chart)).toEqual([
      ["Session date", "Before the session", "At 40 minutes", "At discharge"],
      ["2 October 2026", "128/82", "Not taken", "134/84"],
      ["6 October 2026", "141/91", "158/97", "134/84"],
      ["3 November 2026", "128/82", "Not taken", "122/76"],
    ]);
  });

  it("elevation: the count per check-in, as the check-in rules count it", () => {
    const chart = chartOf("elevation");
    expect(valuesOf(chart).elevation).toEqual(checkins.map((c) => elevationCount(c.answers)));
    expect(valuesOf(chart).elevation).toEqual([0, 2, 0]);
    expect(tableOf(chart).map((r) => r.slice(0, 2))).toEqual([["Check-in", "Count"], ["9 October 2026", "0"], ["30 October 2026", "2"], ["20 November 2026", "0"]]);
  });

  it("names each picture by its title and summary, and ships no script", () => {
    for (const id of ["phq9", "blood-pressure", "elevation"]) {
      const chart = chartOf(id);
      expect(chart).toMatch(new RegExp(`<svg[^>]*role="img"[^>]*aria-labelledby="chart-${id}-title chart-${id}-desc"[^>]*viewBox="0 0 360 220"`));
      expect(chart).toMatch(new RegExp(`<desc id="chart-${id}-desc">[^<]+</desc>`));
    }
    expect(html).not.toMatch(/<script|onClick|onclick/);
  });

  it("says what is missing on a course with no records yet", () => {
    const empty = renderToStaticMarkup(createElement(CourseCharts, { timeline: { course: { startedOn: "2026-10-01", baselinePhq9: 19 }, entries: [] }, timeZone: TZ }));
    expect(empty).not.toContain("<svg class=\"chart-svg\"");
    expect(unescape(empty)).toContain("No check-ins yet: the PHQ-9 line starts with the client's first check-in (baseline 19).");
    expect(unescape(empty)).toContain("No sessions recorded yet: blood pressure appears here from the first session record.");
    expect(unescape(empty)).toContain("No check-ins yet: the elevation-symptom count starts with the client's first check-in.");
  });
});

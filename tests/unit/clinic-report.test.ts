import { describe, expect, it } from "vitest";
import { clinicReport, countText, median, percentText, wilson, type ReportCourseFacts, type ReportRow } from "@/lib/course/clinic-report";

/** treatment-course.md, "Clinic outcome report": arithmetic and the small-cell rule at their boundaries. */

const course = (over: Partial<ReportCourseFacts> = {}): ReportCourseFacts => ({
  startedOn: "2026-01-05",
  bipolarType: "bipolar_2",
  phase: "acute",
  endReason: null,
  reachedMaintenance: false,
  baselinePhq9: 20,
  latestPhq9: 15,
  sessions: 6,
  checkins: 3,
  switchSigns: false,
  ...over,
});
const times = (n: number, over: Partial<ReportCourseFacts> = {}) => Array.from({ length: n }, () => course(over));
const row = (rows: ReportRow[], bucket: ReportRow["bucket"]) => rows.find((r) => r.bucket === bucket)!;
const value = (c: ReportRow["courses"]) => ("value" in c ? c.value : null);
const round4 = (x: number) => Math.round(x * 10000) / 10000;

describe("Wilson 95% interval", () => {
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [1, 10, 0.0179, 0.4042],
    [30, 100, 0.2189, 0.3958],
  ])("%i of %i → %f–%f", (k, n, low, high) => {
    const i = wilson(k, n);
    expect(round4(i.low)).toBe(low);
    expect(round4(i.high)).toBe(high);
  });
  it("refuses an empty or impossible proportion", () => {
    expect(() => wilson(0, 0)).toThrow(RangeError);
    expect(() => wilson(11, 10)).toThrow(RangeError);
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[7], 7],
    [[6, 2, 4], 4],
    [[5, 4], 4.5],
    [[1, 9, 3, 6], 4.5],
  ])("%j → %s", (values, expected) => expect(median(values)).toBe(expected));
});

describe("response and remission", () => {
  it("counts a course with baseline 10 and leaves out one with baseline 9 (denominator)", () => {
    const rows = clinicReport([...times(5, { baselinePhq9: 10, latestPhq9: 4 }), ...times(5, { baselinePhq9: 9, latestPhq9: 2 })]);
    const all = row(rows, "overall");
    expect(all.courses).toEqual({ value: 10 });
    expect(all.response.denominator).toEqual({ value: 5 });
    expect(all.response.rate).toBe(1);
    expect(all.remission.rate).toBe(1);
  });
  it("exactly 50% of baseline is a response; one point more is not", () => {
    const rows = clinicReport([...times(5, { latestPhq9: 10 }), ...times(5, { latestPhq9: 11 })]);
    expect(row(rows, "overall").response).toMatchObject({ numerator: { value: 5 }, denominator: { value: 10 }, rate: 0.5 });
    expect(round4(row(rows, "overall").response.interval!.low)).toBe(0.2366);
    expect(row(rows, "overall").remission.numerator).toEqual({ fewerThan: 5 });
  });
  it("response counts remissions too; courses without a check-in are outside the denominator", () => {
    const rows = clinicReport([...times(5, { latestPhq9: 3 }), ...times(5, { latestPhq9: 9 }), ...times(5, { latestPhq9: 18 }), ...times(7, { latestPhq9: null, checkins: 0 })]);
    const all = row(rows, "overall");
    expect(all.courses).toEqual({ value: 22 });
    expect(all.response).toMatchObject({ numerator: { value: 10 }, denominator: { value: 15 } });
    expect(all.remission).toMatchObject({ numerator: { value: 5 }, denominator: { value: 15 } });
  });
});

describe("other measures", () => {
  it("acute completed: reached maintenance, or ended completed; adverse-event ends; switch signs; median sessions", () => {
    const rows = clinicReport([
      ...times(5, { phase: "maintenance", reachedMaintenance: true, sessions: 8 }),
      ...times(5, { phase: "ended", endReason: "completed", sessions: 6 }),
      ...times(5, { phase: "ended", endReason: "stopped_adverse_event", switchSigns: true, sessions: 2 }),
      ...times(5, { phase: "ended", endReason: "stopped_no_benefit", reachedMaintenance: true, sessions: 9 }),
    ]);
    const all = row(rows, "overall");
    expect(all.acuteCompleted).toMatchObject({ numerator: { value: 15 }, denominator: { value: 20 }, rate: 0.75 });
    expect(all.adverseEvent).toMatchObject({ numerator: { value: 5 }, rate: 0.25 });
    expect(all.switchSigns).toMatchObject({ numerator: { value: 5 }, rate: 0.25 });
    expect(all.medianSessions).toBe(7); // 2×5, 6×5, 8×5, 9×5 → middle two 6 and 8
  });
  it("buckets: bipolar_1, bipolar_2, everything else (other, unsure, missing) together", () => {
    const rows = clinicReport([...times(5, { bipolarType: "bipolar_1" }), ...times(6, { bipolarType: "bipolar_2" }), ...times(3, { bipolarType: "unsure" }), ...times(3, { bipolarType: "other_specified" }), course({ bipolarType: null })]);
    expect(rows.map((r) => [r.bucket, value(r.courses)])).toEqual([
      ["bipolar_1", 5],
      ["bipolar_2", 6],
      ["other_unsure", 7],
      ["overall", 18],
    ]);
  });
});

describe("small cells", () => {
  const mixed = (n1: number) => clinicReport([...times(n1, { bipolarType: "bipolar_1" }), ...times(6, { bipolarType: "bipolar_2" }), ...times(7, { bipolarType: "unsure" })]);
  it("5 courses in a cell are shown with their rates; 4 are 'fewer than 5' and every rate of the row withheld", () => {
    const five = row(mixed(5), "bipolar_1");
    expect(five.courses).toEqual({ value: 5 });
    expect(five.acuteCompleted.numerator).toEqual({ fewerThan: 5 }); // 0 completed: a count below 5
    expect(five.response).toMatchObject({ denominator: { value: 5 }, rate: null }); // 0 responded: a numerator below 5
    const four = row(mixed(4), "bipolar_1");
    expect(countText(four.courses)).toBe("fewer than 5");
    for (const m of ["acuteCompleted", "response", "remission", "switchSigns", "adverseEvent"] as const) expect(four[m].rate).toBeNull();
    expect(four.medianSessions).toBeNull();
  });
  it("a rate whose numerator is 4 is withheld, 5 is shown", () => {
    const rows = (k: number) => row(clinicReport([...times(k, { switchSigns: true }), ...times(20 - k)]), "overall").switchSigns;
    expect(rows(4)).toMatchObject({ numerator: { fewerThan: 5 }, rate: null, interval: null });
    expect(rows(5)).toMatchObject({ numerator: { value: 5 }, rate: 0.25 });
  });
  it("one small bipolar type hides the next smallest too, so the overall cannot give it away", () => {
    const rows = mixed(4);
    expect(value(row(rows, "bipolar_1").courses)).toBeNull();
    expect(value(row(rows, "bipolar_2").courses)).toBeNull(); // 6 < 7: hidden with it
    expect(value(row(rows, "other_unsure").courses)).toBe(7);
    expect(value(row(rows, "overall").courses)).toBe(17);
  });
  it("percentages read as a user sees them", () => {
    expect(percentText(0.5)).toBe("50.0%");
    expect(percentText(1 / 3)).toBe("33.3%");
    expect(percentText(null)).toBe("withheld");
  });
});

describe("CSV of the aggregates", () => {
  it("one row per bipolar type and overall, small cells as 'fewer than 5', formula-like cells neutralised", async () => {
    const { reportCsv } = await import("@/lib/course/report-csv");
    const csv = reportCsv(clinicReport([...times(4, { bipolarType: "bipolar_1" }), ...times(10, { latestPhq9: 10 })]), { from: "2026-01-01", to: "2026-06-30" });
    expect(csv.startsWith("\uFEFF"), "UTF-8 with a BOM, as every export").toBe(true);
    const lines = csv.slice(1).trim().split("\r\n").map((l) => l.split(","));
    expect(lines).toHaveLength(5);
    const header = lines[0]!;
    const cell = (line: number, name: string) => lines[line]![header.indexOf(name)];
    expect(cell(1, "bipolar_type")).toBe("Bipolar I");
    expect(cell(1, "courses")).toBe("fewer than 5");
    expect(cell(1, "response_percent")).toBe("withheld");
    expect(cell(2, "courses")).toBe("10");
    expect(cell(2, "response_percent")).toBe("100.0");
    expect(cell(4, "courses")).toBe("14");
  });
});

describe("report facts kept per course", () => {
  it("count the flag the rule set names, and follow each check-in", async () => {
    const { COURSE_RULE_IDS } = await import("@/lib/course");
    const { SWITCH_SIGNS_FLAG, factsAtStart, factsAfterCheckin, factsFromRecords } = await import("@/lib/course/report-facts");
    expect(COURSE_RULE_IDS).toContain(SWITCH_SIGNS_FLAG);
    const phq = (t: number) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, i < t ? 1 : 0]));
    const start = factsAtStart({ bipolar_type: "bipolar_1" });
    expect(start).toEqual({ bipolarType: "bipolar_1", latestPhq9: null, switchSigns: false });
    const one = factsAfterCheckin(start, { answers: phq(6), flags: [{ id: SWITCH_SIGNS_FLAG }] });
    const two = factsAfterCheckin(one, { answers: phq(3), flags: [{ id: "ELEVATION_RISING" }] });
    expect(two).toEqual({ bipolarType: "bipolar_1", latestPhq9: 3, switchSigns: true });
    expect(factsFromRecords({ bipolar_type: "bipolar_1" }, [{ answers: phq(6), flags: [{ id: SWITCH_SIGNS_FLAG }] }, { answers: phq(3), flags: [] }])).toEqual(two);
    expect(factsAtStart({}).bipolarType).toBeNull();
    expect(() => factsAfterCheckin({ bipolarType: 1 }, { answers: phq(1), flags: [] })).toThrow();
  });
});

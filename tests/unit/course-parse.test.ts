import { describe, expect, it } from "vitest";
import { parseCourse } from "@/lib/course";
import { calmAnswers, calmSession, courseJson } from "../support/course-cases";

/** The canonical course JSON parser: every problem named by its path. */

const options = { receivedAt: new Date("2026-11-20T12:00:00Z"), timeZone: "America/Toronto" };
const errors = (body: unknown) => {
  const result = parseCourse(body, options);
  return result.ok ? [] : result.errors.map((e) => `${e.item}: ${e.message}`);
};
const paths = (body: unknown) => errors(body).map((e) => e.split(": ")[0]);
const checkin = (submittedAt: string, over: Record<string, unknown> = {}) => ({ submittedAt, answers: calmAnswers(over) });

describe("canonical course JSON", () => {
  it("parses the spec's example shape; plannedAcuteSessions defaults to 6", () => {
    const { plannedAcuteSessions: _, ...body } = courseJson();
    const result = parseCourse(body, options);
    expect(result.ok && result.course.plannedAcuteSessions).toBe(6);
    expect(result.ok && result.course.checkins[0]!.submittedAt).toBe("2026-10-05T14:00:00.000Z");
  });
  it("names the path of each problem, all at once", () => {
    const body = courseJson({
      baselinePhq9: 28,
      sessions: [calmSession(), calmSession({ bp_pre_systolic: 300 })],
      checkins: [checkin("2026-10-05T14:00:00Z", { phq9_4: 4 })],
    });
    expect(errors(body)).toEqual([
      "baselinePhq9: Enter a number between 0 and 27",
      "sessions[1].bp_pre_systolic: Enter a number between 60 and 260 mmHg",
      "checkins[0].answers.phq9_4: Enter a number between 0 and 3",
    ]);
  });
  it("rejects unknown keys at every depth, naming them", () => {
    const body = courseJson({
      colour: "blue",
      sessions: [calmSession({ mood: "fine" })],
      checkins: [{ ...checkin("2026-10-05T14:00:00Z", { bonus: 1 }), extra: true }],
    });
    expect(paths(body)).toEqual(["$", "sessions[0].mood", "checkins[0].extra", "checkins[0].answers.bonus"]);
    expect(errors(body)[0]).toContain('"colour"');
  });
  it("checks the envelope: course, version, bipolarType, phase, startedOn", () => {
    expect(paths(courseJson({ course: "other", version: "2", bipolarType: "bipolar_3", phase: "done", startedOn: "2026-11-21" }))).toEqual([
      "course", "version", "bipolarType", "phase", "startedOn",
    ]);
    const { bipolarType: _b, baselinePhq9: _p, ...missing } = courseJson();
    expect(paths(missing)).toEqual(["bipolarType", "baselinePhq9"]);
    expect(paths(courseJson({ plannedAcuteSessions: 13 }))).toEqual(["plannedAcuteSessions"]);
    expect(paths(courseJson({ sessions: {}, checkins: null }))).toEqual(["sessions", "checkins"]);
  });
  it("endReason is required when the phase is ended and absent otherwise", () => {
    expect(paths(courseJson({ phase: "ended" }))).toEqual(["endReason"]);
    expect(paths(courseJson({ phase: "ended", endReason: "completed" }))).toEqual([]);
    expect(paths(courseJson({ phase: "ended", endReason: "bored" }))).toEqual(["endReason"]);
    expect(errors(courseJson({ phase: "maintenance", endReason: "completed" }))).toEqual(['endReason: Leave this out unless phase is "ended"']);
  });
  it("sessions and check-ins out of date order are an error", () => {
    const sessions = [calmSession({ session_date: "2026-10-09" }), calmSession({ session_date: "2026-10-02" })];
    expect(errors(courseJson({ sessions }))).toEqual(["sessions[1].session_date: Give sessions in date order: this one is before sessions[0]"]);
    expect(paths(courseJson({ sessions: [calmSession(), calmSession()] }))).toEqual([]);
    const checkins = [checkin("2026-10-09T14:00:00Z"), checkin("2026-10-09T13:59:59Z")];
    expect(paths(courseJson({ checkins }))).toEqual(["checkins[1].submittedAt"]);
    expect(paths(courseJson({ sessions: [calmSession({ session_date: "2026-09-30" })] }))).toEqual(["sessions[0].session_date"]);
  });
  it("submittedAt: required, RFC 3339 with a zone, not in the future", () => {
    expect(paths(courseJson({ checkins: [{ answers: calmAnswers() }] }))).toEqual(["checkins[0].submittedAt"]);
    expect(paths(courseJson({ checkins: [checkin("2026-10-05 14:00")] }))).toEqual(["checkins[0].submittedAt"]);
    expect(paths(courseJson({ checkins: [checkin("2026-10-05T14:00:00")] }))).toEqual(["checkins[0].submittedAt"]);
    expect(errors(courseJson({ checkins: [checkin("2026-11-20T12:00:01Z")] }))).toEqual(["checkins[0].submittedAt: Must not be in the future"]);
    expect(paths(courseJson({ checkins: [checkin("2026-11-20T12:00:00Z")] }))).toEqual([]);
  });
  it("a check-in's dates are checked against its own submission day in the clinic's time zone", () => {
    // 02:00Z on 6 October is still 5 October in Toronto: a home reading dated the 6th is in the future.
    const answers = { home_bp_systolic: 130, home_bp_diastolic: 85, home_bp_date: "2026-10-06" };
    expect(paths(courseJson({ checkins: [checkin("2026-10-06T02:00:00Z", answers)] }))).toEqual(["checkins[0].answers.home_bp_date"]);
    expect(paths(courseJson({ checkins: [checkin("2026-10-06T05:00:00Z", answers)] }))).toEqual([]);
  });
  it("drops hidden check-in items with a warning naming their path", () => {
    const result = parseCourse(courseJson({ checkins: [checkin("2026-10-05T14:00:00Z"), checkin("2026-10-07T14:00:00Z", { si_plan: "yes" })] }), options);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ item: "checkins[1].answers.si_plan", message: "hidden by branching, ignored" }]);
    expect(result.ok && result.course.checkins[1]!.answers.si_plan).toBeUndefined();
  });
  it("is total: odd bodies give errors, never a throw", () => {
    for (const body of [null, [], "x", 1, { sessions: [null, 1, []], checkins: [null, { answers: [] }] }]) expect(errors(body).length).toBeGreaterThan(0);
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { calmAnswers, calmSession, courseJson, phq } from "../support/course-cases";

/** `assess-course` as a child process, without npm: node bin/run.mjs scripts/assess-course.ts FILE|- */

const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["bin/run.mjs", "scripts/assess-course.ts", ...args], { input, encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "assess-course-cli-"));
const write = (name: string, body: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
  return file;
};

describe("assess-course", () => {
  it("prints the spec's output, keys in order, flags most severe first then id, and exits 0", () => {
    const body = courseJson({
      sessions: [calmSession({ bp_pre_systolic: 182, bp_pre_diastolic: 104, discharged_with_escort: false }), calmSession({ session_date: "2026-10-06" })],
      checkins: [{ submittedAt: "2026-10-05T14:00:00Z", answers: calmAnswers({ ...phq(12), si_thoughts_since_last: "yes", si_intent: "no", si_plan: "no", side_effects: ["blood_in_urine"] }) }],
    });
    const result = run([write("ok.json", body)]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(["courseRuleSetVersion", "sessions", "checkins", "course"]);
    expect(out.courseRuleSetVersion).toBe("course-1");
    expect(Object.keys(out.sessions[0])).toEqual(["index", "flags"]);
    expect(Object.keys(out.sessions[0].flags[0])).toEqual(["id", "severity", "source", "title", "evidence"]);
    expect(out.sessions.map((s: { flags: { id: string }[] }) => s.flags.map((f) => f.id))).toEqual([["PRE_DOSE_BP_SEVERE", "NO_ESCORT_AT_DISCHARGE"], []]);
    expect(Object.keys(out.checkins[0])).toEqual(["index", "phq9", "flags"]);
    expect(out.checkins[0].phq9).toEqual({ total: 12, band: "moderate", item9: 0 });
    expect(out.checkins[0].flags.map((f: { id: string }) => f.id)).toEqual(["URINARY_SYMPTOMS", "CHECKIN_IDEATION"]);
    expect(out.course).toEqual({ flags: [], latestPhq9: 12, changeFromBaseline: -6, percentChange: -33.3, outcome: "partial_response" });
    expect(Object.keys(out.course)).toEqual(["flags", "latestPhq9", "changeFromBaseline", "percentChange", "outcome"]);
  });

  it("reports the course flag and null outcome figures", () => {
    const six = Array.from({ length: 6 }, (_, i) => calmSession({ session_date: `2026-10-0${i + 2}` }));
    const late = { submittedAt: "2026-10-09T14:00:00Z", answers: calmAnswers(phq(16)) };
    const out = JSON.parse(run([write("noresp.json", courseJson({ baselinePhq9: 20, sessions: six, checkins: [late] }))]).stdout);
    expect(out.course.flags.map((f: { id: string }) => f.id)).toEqual(["NO_RESPONSE_AFTER_ACUTE"]);
    expect(out.course.outcome).toBe("no_response");
    const none = JSON.parse(run([write("none.json", courseJson({ checkins: [] }))]).stdout);
    expect(none.course).toEqual({ flags: [], latestPhq9: null, changeFromBaseline: null, percentChange: null, outcome: "no_checkins" });
  });

  it("reads standard input with -, warns about hidden check-in items on stderr and still exits 0", () => {
    const body = courseJson({ checkins: [{ submittedAt: "2026-10-05T14:00:00Z", answers: calmAnswers({ si_intent: "yes" }) }] });
    const result = run(["-"], JSON.stringify(body));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("warning: checkins[0].answers.si_intent: hidden by branching, ignored\n");
    expect(JSON.parse(result.stdout).checkins[0].flags).toEqual([]);
  });

  it("exits 2 with one PATH: message line per problem and nothing on stdout", () => {
    const body = courseJson({
      baselinePhq9: -1,
      sessions: [calmSession(), calmSession({ bp_pre_systolic: 80, bp_pre_diastolic: 90 })],
      checkins: [{ submittedAt: "2999-01-01T00:00:00Z", answers: calmAnswers({ phq9_4: 9 }) }],
    });
    const result = run([write("bad.json", body)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n").map((l) => l.split(": ")[0])).toEqual([
      "baselinePhq9", "sessions[1].bp_pre_systolic", "checkins[0].submittedAt", "checkins[0].answers.phq9_4",
    ]);
    expect(run([write("notjson.json", "{oops")]).stderr).toBe("$: the input is not valid JSON\n");
  });

  it("exits 1 when the file cannot be read", () => {
    const result = run([path.join(tmp, "missing.json")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("ENOENT");
  });

  it("COURSE_THRESHOLDS overrides a threshold and names the custom rule set; an unknown name exits 1", () => {
    const out = JSON.parse(run([write("custom.json", courseJson())], undefined, { COURSE_THRESHOLDS: '{"doseCeilingMgPerKg":0.4}' }).stdout);
    expect(out.courseRuleSetVersion).toMatch(/^course-1-custom-[0-9a-f]{8}$/);
    expect(out.sessions[0].flags.map((f: { id: string }) => f.id)).toEqual(["DOSE_ABOVE_CEILING"]);
    const unknown = run([write("c2.json", courseJson())], undefined, { COURSE_THRESHOLDS: '{"doseCeiling":2}' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("doseCeiling");
  });
});

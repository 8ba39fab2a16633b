import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fullIntake, fullIntakeV2 } from "../fixtures/intakes";

const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["bin/run.mjs", "scripts/assess.ts", ...args], { input, encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "assess-cli-"));
const write = (name: string, body: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
  return file;
};

describe("npm run assess", () => {
  it("prints the assessment in the spec's shape and exits 0", () => {
    const result = run([write("ok.json", fullIntake())]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(["questionnaire", "questionnaireVersion", "ruleSetVersion", "referenceDate", "triage", "trbd", "scores", "considerations"]);
    expect(out).toMatchObject({ questionnaire: "ketamine-trbd-intake", questionnaireVersion: "1", ruleSetVersion: "1", referenceDate: "2026-11-20", triage: "needs_clearance", trbd: "not_met" });
    expect(Object.keys(out.scores)).toEqual(["phq9", "gad7", "auditc", "mania_symptoms", "adequate_failed_trials", "age", "bmi"]);
    expect(out.scores).toEqual({ phq9: { total: 16, band: "moderately_severe", item9: 0 }, gad7: { total: 9, band: "mild" }, auditc: { total: 1, positive: false }, mania_symptoms: 0, adequate_failed_trials: 1, age: 41, bmi: 27.5 });
    expect(Object.keys(out.considerations[0])).toEqual(["id", "severity", "title", "rationale", "source", "evidence"]);
  });

  it("reads standard input with -, warns about hidden items on stderr and still exits 0", () => {
    const result = run(["-"], JSON.stringify(fullIntake({ si_intent: "yes" })));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("warning: si_intent: hidden by branching, ignored\n");
    expect(JSON.parse(result.stdout).triage).toBe("needs_clearance");
  });

  it("uses today in the clinic's time zone when submittedAt is absent, and refuses a future one", () => {
    const { submittedAt: _omit, ...body } = fullIntake();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Toronto" }).format(new Date());
    expect(JSON.parse(run([write("now.json", body)]).stdout).referenceDate).toBe(today);
    const future = run([write("future.json", { ...body, submittedAt: "2999-01-01T00:00:00Z" })]);
    expect(future.status).toBe(2);
    expect(future.stderr).toMatch(/^submittedAt: /m);
  });

  it("exits 2 with one ITEM: message line per problem and nothing on stdout", () => {
    const result = run([write("bad.json", fullIntakeV2({ phq9_1: 7, past_treatment_trials: [{ treatment: "lithium", weeks: -1, adequate_dose: "yes", outcome: "partial" }] }, { version: "3" }))]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines.map((l) => l.split(": ")[0])).toEqual(["version", "phq9_1", "past_treatment_trials[0].weeks"]);
    expect(run([write("notjson.json", "{oops")]).stderr).toBe("$: the input is not valid JSON\n");
  });

  it("exits 1 when the file cannot be read", () => {
    const result = run([path.join(tmp, "missing.json")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("ENOENT");
  });

  it("assesses a version-2 intake with rule set 2, and a version-1 intake with rule set 1", () => {
    const two = run([write("v2.json", fullIntakeV2({ rapid_cycling: "yes", family_history: ["suicide"] }))]);
    expect(two.status).toBe(0);
    const out = JSON.parse(two.stdout);
    expect(out).toMatchObject({ questionnaireVersion: "2", ruleSetVersion: "2", triage: "needs_clearance" });
    expect(out.considerations.map((c: { id: string }) => c.id)).toEqual(["BP_ELEVATED", "RAPID_CYCLING", "BENZO_AS_NEEDED", "FAMILY_SUICIDE", "HISTORY_UNSURE", "LAMOTRIGINE", "TRBD_NOT_MET"]);
    const one = run([write("v1-with-v2-item.json", fullIntake({ rapid_cycling: "yes" }))]);
    expect(one.status).toBe(2);
    expect(one.stderr).toBe("rapid_cycling: Unknown item in version 1; it was added in version 2\n");
  });

  it("reports a custom rule set version when thresholds are overridden", () => {
    const out = JSON.parse(run([write("custom.json", fullIntake())], undefined, { ASSESSMENT_THRESHOLDS: '{"bpElevatedSystolic":160}' }).stdout);
    expect(out.ruleSetVersion).toMatch(/^1-custom-[0-9a-f]{8}$/);
    expect(out.considerations.map((c: { id: string }) => c.id)).not.toContain("BP_ELEVATED");
    // A threshold only rule set 2 has changes version 2's rule set alone; one neither has is refused, named.
    const lamotrigine = { ASSESSMENT_THRESHOLDS: '{"adequateTrialMinWeeksLamotrigine":10}' };
    expect(JSON.parse(run([write("c1.json", fullIntake())], undefined, lamotrigine).stdout).ruleSetVersion).toBe("1");
    expect(JSON.parse(run([write("c2.json", fullIntakeV2())], undefined, lamotrigine).stdout).ruleSetVersion).toMatch(/^2-custom-[0-9a-f]{8}$/);
    const unknown = run([write("c3.json", fullIntake())], undefined, { ASSESSMENT_THRESHOLDS: '{"maniaSymptoms":3}' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("ASSESSMENT_THRESHOLDS");
    expect(unknown.stderr).toContain("maniaSymptoms");
  });
});

import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getIntakeById } from "@/lib/intake/intake-record";
import { backfillAssessments, reassessIntake } from "@/lib/review/detail";
import { DEFAULT_RULE_SET, DEFAULT_THRESHOLDS } from "@/lib/assessment";
import { fullIntake } from "../fixtures/intakes";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";

useMigratedDatabase();
const now = () => new Date().toISOString();

describe("assessments stored at submission", () => {
  it("stores the snapshot and the dashboard columns, and never returns them to the client", async () => {
    const res = await postIntake(fullIntake({ si_safe_now: "unsure" }, { submittedAt: now() }));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(["id", "reference", "warnings"]);
    const stored = (await getIntakeById(res.body.id))!;
    expect(stored.assessment).toMatchObject({ ruleSetVersion: "1", questionnaireVersion: "1", triage: "urgent", referenceDate: stored.referenceDate });
    const row = getDb().$client.prepare("select triage, highest_severity, urgent, phq9_total, rule_set_version from intakes where id = ?").get(res.body.id);
    expect(row).toEqual({ triage: "urgent", highest_severity: "urgent_safety", urgent: 1, phq9_total: 16, rule_set_version: "1" });
  });

  it("backfills intakes stored before assessments existed", async () => {
    const res = await postIntake(fullIntake({}, { submittedAt: now() }));
    getDb().$client.prepare("update intakes set assessment_enc = null, triage = null, urgent = null where id = ?").run(res.body.id);
    expect((await getIntakeById(res.body.id))!.assessment).toBeUndefined();
    expect(await backfillAssessments(DEFAULT_RULE_SET)).toBe(1);
    expect((await getIntakeById(res.body.id))!.assessment!.triage).toBe("needs_clearance");
    expect(getDb().$client.prepare("select triage, urgent from intakes where id = ?").get(res.body.id)).toEqual({ triage: "needs_clearance", urgent: 0 });
  });

  it("re-assesses under current rules beside the stored snapshot without overwriting it", async () => {
    const res = await postIntake(fullIntake({}, { submittedAt: now() }));
    const same = (await reassessIntake(res.body.id, DEFAULT_RULE_SET))!;
    expect(same.differs).toBe(false);
    const laxer = { version: "1-custom-test", thresholds: { ...DEFAULT_THRESHOLDS, bpElevatedSystolic: 160 } };
    const changed = (await reassessIntake(res.body.id, laxer))!;
    expect(changed.differs).toBe(true);
    expect(changed.current.triage).toBe("proceed");
    expect((await getIntakeById(res.body.id))!.assessment!.triage).toBe("needs_clearance");
  });
});

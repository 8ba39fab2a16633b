import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getIntakeById } from "@/lib/intake/intake-record";
import { backfillAssessments, reassessIntake } from "@/lib/review/detail";
import { createHash } from "node:crypto";
import { ruleSetsWith } from "@/lib/assessment";

const sha = (t: string) => createHash("sha256").update(t).digest("hex");
import { fullIntake } from "../fixtures/intakes";
import { useMigratedDatabase } from "../support/database";
import { rawRows, schema, testDb } from "../support/either-database";
import { postIntake } from "../support/api";

useMigratedDatabase();
// Read through the schema (not raw SQL) so `urgent` is a boolean on both dialects.
const dashboardColumns = async (id: string) => (await testDb().select({ triage: schema.intakes.triage, highest_severity: schema.intakes.highestSeverity, urgent: schema.intakes.urgent, phq9_total: schema.intakes.phq9Total, rule_set_version: schema.intakes.ruleSetVersion }).from(schema.intakes).where(eq(schema.intakes.id, id)))[0];
const now = () => new Date().toISOString();

describe("assessments stored at submission", () => {
  it("stores the snapshot and the dashboard columns, and never returns them to the client", async () => {
    const res = await postIntake(fullIntake({ si_safe_now: "unsure" }, { submittedAt: now() }));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(["id", "reference", "warnings"]);
    const stored = (await getIntakeById(res.body.id))!;
    expect(stored.assessment).toMatchObject({ ruleSetVersion: "1", questionnaireVersion: "1", triage: "urgent", referenceDate: stored.referenceDate });
    expect(await dashboardColumns(res.body.id)).toEqual({ triage: "urgent", highest_severity: "urgent_safety", urgent: true, phq9_total: 16, rule_set_version: "1" });
  });

  it("backfills intakes stored before assessments existed", async () => {
    const res = await postIntake(fullIntake({}, { submittedAt: now() }));
    await rawRows("update intakes set assessment_enc = null, triage = null, urgent = null where id = ?", res.body.id);
    expect((await getIntakeById(res.body.id))!.assessment).toBeUndefined();
    expect(await backfillAssessments(ruleSetsWith({}, sha))).toBe(1);
    expect((await getIntakeById(res.body.id))!.assessment!.triage).toBe("needs_clearance");
    expect(await dashboardColumns(res.body.id)).toMatchObject({ triage: "needs_clearance", urgent: false });
  });

  it("re-assesses under current rules beside the stored snapshot without overwriting it", async () => {
    const res = await postIntake(fullIntake({}, { submittedAt: now() }));
    const same = (await reassessIntake(res.body.id, ruleSetsWith({}, sha)))!;
    expect(same.differs).toBe(false);
    const laxer = ruleSetsWith({ bpElevatedSystolic: 160 }, sha);
    expect(laxer["1"].version).toMatch(/^1-custom-[0-9a-f]{8}$/);
    const changed = (await reassessIntake(res.body.id, laxer))!;
    expect(changed.differs).toBe(true);
    expect(changed.current.triage).toBe("proceed");
    expect((await getIntakeById(res.body.id))!.assessment!.triage).toBe("needs_clearance");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { createIntake } from "@/lib/intake/intake-record";
import { countUnacknowledgedUrgent, listReviewQueue } from "@/lib/review/queue";
import { acknowledgeIntake, addIntakeNote, changeIntakeStatus, ReviewConflict } from "@/lib/review/workflow";
import { getIntakeForReview } from "@/lib/review/detail";
import { searchIntakes } from "@/lib/review/search";
import type { Reviewer } from "@/lib/review/reviewer";
import { assess, ruleSetFor } from "@/lib/assessment";
import { parseIntake } from "@/lib/questionnaire";
import { useMigratedDatabase } from "../support/database";
import { schema, testDb } from "../support/either-database";
import { fullIntake } from "../fixtures/intakes";

useMigratedDatabase();

const reviewer: Reviewer = { userId: "u-test", email: "dr@clinic.example", ipAddress: "203.0.113.1" };
const TZ = "America/Toronto";

async function store(overrides: Record<string, unknown>, receivedAt: string) {
  const parsed = parseIntake(fullIntake(overrides, { submittedAt: receivedAt }), { receivedAt: new Date(receivedAt), timeZone: TZ, submittedAtPolicy: "recent" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = await createIntake(parsed.intake, { receivedAt: new Date(receivedAt), assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, ruleSetFor(parsed.intake.version)) });
  if (result.outcome !== "created") throw new Error(result.outcome);
  return result.intake;
}

const URGENT = { phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no" };
const PROCEED = { hypertension_diagnosed: "no", bp_controlled: undefined, bp_recent_systolic: undefined, bp_recent_diastolic: undefined, bp_recent_date: undefined, other_medications: ["none"], benzodiazepine_use: undefined };

type Ref = Awaited<ReturnType<typeof store>>;
let older: Ref, clearanceOld: Ref, urgentOld: Ref, clearanceNew: Ref, urgentNew: Ref;
beforeAll(async () => {
  older = await store(PROCEED, "2026-11-01T15:00:00Z");
  clearanceOld = await store({}, "2026-11-02T15:00:00Z");
  urgentOld = await store({ ...URGENT, full_name: "Łukasz Øster", email: "Lukasz.Oster@example.org" }, "2026-11-03T15:00:00Z");
  clearanceNew = await store({}, "2026-11-04T15:00:00Z");
  urgentNew = await store(URGENT, "2026-11-05T15:00:00Z");
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("the review queue", () => {
  it("puts unacknowledged urgent intakes first, then by triage, then newest", async () => {
    const page = await listReviewQueue({}, undefined, 10, TZ, reviewer);
    expect(page.total).toBe(5);
    expect(ids(page.rows)).toEqual([urgentNew.id, urgentOld.id, clearanceNew.id, clearanceOld.id, older.id]);
    expect(page.rows[0]).toMatchObject({ triage: "urgent", needsAcknowledgement: true, name: "Zoë Bélanger-Nguyễn (Zoë)" });
    expect(page.rows[0]!.topConsiderations[0]!.severity).toBe("urgent_safety");
    expect((await countUnacknowledgedUrgent()).count).toBe(2);
  });

  it("pages with opaque cursors, never repeating or skipping a row", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listReviewQueue({}, cursor, 2, TZ, reviewer);
      expect(page.total).toBe(5);
      seen.push(...ids(page.rows));
      cursor = page.nextCursor ?? undefined;
      // Opaque, and carrying only sort keys: no name, e-mail or reference inside.
      if (cursor) expect(Buffer.from(cursor, "base64url").toString("utf8")).not.toMatch(/KT-|@|Zoë|Łukasz|Bélanger/);
    } while (cursor);
    expect(seen).toEqual([urgentNew.id, urgentOld.id, clearanceNew.id, clearanceOld.id, older.id]);
  });

  it("filters by status, triage and received dates (clinic time zone)", async () => {
    expect(ids((await listReviewQueue({ triage: "needs_clearance" }, undefined, 10, TZ, reviewer)).rows)).toEqual([clearanceNew.id, clearanceOld.id]);
    expect((await listReviewQueue({ from: "2026-11-03", to: "2026-11-04" }, undefined, 10, TZ, reviewer)).total).toBe(2);
    expect((await listReviewQueue({ status: "in_review" }, undefined, 10, TZ, reviewer)).total).toBe(0);
  });

  it("moves an acknowledged urgent intake to its place by triage, and records who and when", async () => {
    await acknowledgeIntake(urgentOld.id, reviewer, new Date("2026-11-06T10:00:00Z"));
    expect(ids((await listReviewQueue({}, undefined, 10, TZ, reviewer)).rows).slice(0, 2)).toEqual([urgentNew.id, urgentOld.id]);
    await acknowledgeIntake(urgentNew.id, reviewer);
    expect((await countUnacknowledgedUrgent()).count).toBe(0);
    await expect(acknowledgeIntake(urgentNew.id, reviewer)).rejects.toThrow(ReviewConflict);
    const detail = (await getIntakeForReview(urgentOld.id, reviewer))!;
    expect(detail.acknowledged).toMatchObject({ at: "2026-11-06T10:00:00.000Z" });
  });

  it("finds by exact e-mail, reference and name tokens, and audits the search without its text", async () => {
    expect(ids(await searchIntakes("lukasz.oster@EXAMPLE.org", reviewer))).toEqual([urgentOld.id]);
    expect(ids(await searchIntakes(urgentNew.reference.toLowerCase(), reviewer))).toEqual([urgentNew.id]);
    expect(ids(await searchIntakes("oster lukasz", reviewer))).toEqual([urgentOld.id]);
    expect(await searchIntakes("Oste", reviewer)).toEqual([]);
    const audit = JSON.stringify(await testDb().select().from(schema.auditEvents));
    expect(audit).toContain("intake.search");
    for (const secret of ["lukasz", "Oster", "example.org", urgentNew.reference, "Bélanger"]) expect(audit.toLowerCase()).not.toContain(secret.toLowerCase());
  });
});

describe("the workflow", () => {
  it("follows new → in_review → consult_booked | not_suitable | referred_out → archived, with history", async () => {
    await expect(changeIntakeStatus(older.id, "archived", reviewer)).rejects.toThrow(/cannot move/);
    await changeIntakeStatus(older.id, "in_review", reviewer);
    await expect(changeIntakeStatus(older.id, "new", reviewer)).rejects.toThrow(ReviewConflict);
    await changeIntakeStatus(older.id, "referred_out", reviewer);
    await changeIntakeStatus(older.id, "archived", reviewer);
    await expect(changeIntakeStatus(older.id, "in_review", reviewer)).rejects.toThrow(ReviewConflict);
    const detail = (await getIntakeForReview(older.id, reviewer))!;
    expect(detail.intake.status).toBe("archived");
    expect(detail.history.map((h) => `${h.from}>${h.to}`)).toEqual(["new>in_review", "in_review>referred_out", "referred_out>archived"]);
  });

  it("records an outcome straight from New in one step, one history entry and one audit event", async () => {
    await changeIntakeStatus(clearanceOld.id, "consult_booked", reviewer);
    const detail = (await getIntakeForReview(clearanceOld.id, reviewer))!;
    expect(detail.intake.status).toBe("consult_booked");
    expect(detail.history.map((h) => `${h.from}>${h.to}`)).toEqual(["new>consult_booked"]);
    const events = (await testDb().select().from(schema.auditEvents)).filter((e) => e.intakeId === clearanceOld.id && e.action === "intake.status_change");
    expect(events.map((e) => JSON.parse(String(e.detail)))).toEqual([expect.objectContaining({ from: "new", to: "consult_booked" })]);
    await expect(changeIntakeStatus(clearanceOld.id, "not_suitable", reviewer)).rejects.toThrow(/cannot move/);
  });

  it("keeps notes in order, encrypted at rest, and audits each note, view and change", async () => {
    await addIntakeNote(clearanceNew.id, "Called the family doctor about the BP reading.", reviewer, new Date("2026-11-07T10:00:00Z"));
    await addIntakeNote(clearanceNew.id, "Second note", reviewer, new Date("2026-11-07T11:00:00Z"));
    expect((await getIntakeForReview(clearanceNew.id, reviewer))!.notes.map((n) => n.body)).toEqual(["Called the family doctor about the BP reading.", "Second note"]);
    expect(JSON.stringify(await testDb().select().from(schema.intakeNotes))).not.toContain("family doctor");
    const actions = await testDb().select({ action: schema.auditEvents.action, intakeId: schema.auditEvents.intakeId }).from(schema.auditEvents);
    expect(actions.filter((a) => a.intakeId === clearanceNew.id).map((a) => a.action)).toEqual(["intake.note", "intake.note", "intake.view"]);
    expect(actions.some((a) => a.action === "intake.status_change" && a.intakeId === older.id)).toBe(true);
  });
});

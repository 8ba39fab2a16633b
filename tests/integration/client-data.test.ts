import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, intakeNameTokens, intakeNotes } from "@/db/schema";
import { countIntakes, getIntakeById } from "@/db/queries/intakes";
import { addIntakeNote, changeIntakeStatus } from "@/db/queries/review";
import { clientCandidates, deleteClientData, exportClientData, purgeClosedIntakes } from "@/db/queries/client-data";
import { verifyAuditChain } from "@/lib/audit/audit-log";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";

useMigratedDatabase();
const reviewer = { userId: "u-1", email: "dr@clinic.example", ipAddress: "203.0.113.9" };
const send = async (overrides: Record<string, unknown>) => (await postIntake(fullIntake(overrides, { submittedAt: undefined }))).body.id as string;

describe("a client's data", () => {
  it("exports every intake of the client (same e-mail) with notes and history, audited without health information", async () => {
    const first = await send({ email: "Mina.Client@example.org", goals: "First goals" });
    const second = await send({ email: "mina.client@example.org", goals: "Second goals" });
    await send({ email: "someone.else@example.org" });
    addIntakeNote(first, "Called back", reviewer);
    changeIntakeStatus(first, "in_review", reviewer);
    expect(clientCandidates(second).map((c) => c.id)).toEqual([first, second]);
    const data = exportClientData(second, [first, second], reviewer);
    expect(data.intakes.map((i) => i.id)).toEqual([first, second]);
    expect(data.intakes[0]).toMatchObject({ answers: { goals: "First goals" }, notes: [{ text: "Called back" }], statusHistory: [{ from: "new", to: "in_review" }] });
    const audit = JSON.stringify(getDb().select().from(auditEvents).all());
    expect(audit).toContain("intake.export");
    expect(audit).not.toMatch(/Mina|mina\.client|First goals|Called back/);
  });

  it("deletes all of the client's intakes with a recorded basis; the audit chain still verifies", async () => {
    const a = await send({ email: "leave@example.org", full_name: "Ada Leaving" });
    const b = await send({ email: "leave@example.org", full_name: "Ada Leaving" });
    addIntakeNote(a, "note", reviewer);
    const before = countIntakes();
    const [refA, refB] = [getIntakeById(a)!.reference, getIntakeById(b)!.reference];
    expect(() => deleteClientData(b, [a, b], [refB], "withdrew_before_care", reviewer)).toThrow(`Type the reference of each intake you chose (${refA}, ${refB})`);
    expect(countIntakes()).toBe(before);
    expect(deleteClientData(b, [a, b], [refB, refA], "withdrew_before_care", reviewer)).toBe(2);
    expect(countIntakes()).toBe(before - 2);
    expect(getIntakeById(a)).toBeUndefined();
    expect(getDb().select().from(intakeNotes).all().some((n) => n.intakeId === a)).toBe(false);
    expect(getDb().select().from(intakeNameTokens).all().some((t) => t.intakeId === a)).toBe(false);
    const deletions = getDb().select().from(auditEvents).all().filter((e) => e.action === "intake.delete");
    expect(deletions.map((e) => e.intakeId).sort()).toEqual([a, b].sort());
    expect(deletions.every((e) => e.detail === '{"basis":"withdrew_before_care"}')).toBe(true);
    expect(verifyAuditChain().ok).toBe(true);
  });

  it("acts only on the intakes the therapist chose: another person's intake sent with the client's e-mail is neither exported nor deleted", async () => {
    const real = await send({ email: "victim@example.org", full_name: "Vera Real", goals: "Vera's own goals" });
    const forged = await send({ email: "victim@example.org", full_name: "Not Vera", goals: "written by someone else" });
    const other = await send({ email: "bystander@example.org" });
    // Both are listed as candidates, with what tells them apart.
    expect(clientCandidates(forged).map((c) => [c.id, c.fullName])).toEqual([[real, "Vera Real"], [forged, "Not Vera"]]);
    // Nothing chosen, or a choice outside this client's candidates, is refused.
    expect(() => exportClientData(forged, [], reviewer)).toThrow("Choose at least one intake");
    expect(() => exportClientData(forged, [forged, other], reviewer)).toThrow("Choose only intakes listed for this client");
    const exported = exportClientData(forged, [forged], reviewer);
    expect(JSON.stringify(exported)).not.toContain("Vera's own goals");
    expect(exported.intakes.map((i) => i.id)).toEqual([forged]);
    // Deleting the forged one as entered in error leaves the real client's intake.
    expect(deleteClientData(forged, [forged], [getIntakeById(forged)!.reference], "entered_in_error", reviewer)).toBe(1);
    expect(getIntakeById(real)?.answers.goals).toBe("Vera's own goals");
    expect(getIntakeById(forged)).toBeUndefined();
  });

  it("purges closed intakes past the retention period only, when configured", async () => {
    const closed = await send({ email: "old@example.org" });
    const open = await send({ email: "open@example.org" });
    changeIntakeStatus(closed, "in_review", reviewer);
    changeIntakeStatus(closed, "not_suitable", reviewer);
    const inAYear = new Date(Date.now() + 366 * 24 * 3600 * 1000);
    expect(purgeClosedIntakes(3650, inAYear)).toBe(0);
    expect(purgeClosedIntakes(365, inAYear)).toBe(1);
    expect(getIntakeById(closed)).toBeUndefined();
    expect(getIntakeById(open)).toBeDefined();
  });
});

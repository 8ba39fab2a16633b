import { describe, expect, it } from "vitest";
import { countIntakes, getIntakeById } from "@/lib/intake/intake-record";
import { addIntakeNote, changeIntakeStatus } from "@/lib/review/workflow";
import { clientCandidates, deleteClientData, exportClientData, purgeClosedIntakes } from "@/lib/client-data/client-data";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { useMigratedDatabase } from "../support/database";
import { schema, testDb } from "../support/either-database";
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
    await addIntakeNote(first, "Called back", reviewer);
    await changeIntakeStatus(first, "in_review", reviewer);
    expect((await clientCandidates(second)).map((c) => c.id)).toEqual([first, second]);
    const data = await exportClientData(second, [first, second], reviewer);
    expect(data.intakes.map((i) => i.id)).toEqual([first, second]);
    expect(data.intakes[0]).toMatchObject({ answers: { goals: "First goals" }, notes: [{ text: "Called back" }], statusHistory: [{ from: "new", to: "in_review" }] });
    const audit = JSON.stringify(await testDb().select().from(schema.auditEvents));
    expect(audit).toContain("intake.export");
    expect(audit).not.toMatch(/Mina|mina\.client|First goals|Called back/);
  });

  it("deletes all of the client's intakes with a recorded basis; the audit chain still verifies", async () => {
    const a = await send({ email: "leave@example.org", full_name: "Ada Leaving" });
    const b = await send({ email: "leave@example.org", full_name: "Ada Leaving" });
    await addIntakeNote(a, "note", reviewer);
    const before = await countIntakes();
    const [refA, refB] = [(await getIntakeById(a))!.reference, (await getIntakeById(b))!.reference];
    await expect(deleteClientData(b, [a, b], [refB], "withdrew_before_care", reviewer)).rejects.toThrow(`Type the reference of each intake you chose (${refA}, ${refB})`);
    expect(await countIntakes()).toBe(before);
    expect(await deleteClientData(b, [a, b], [refB, refA], "withdrew_before_care", reviewer)).toBe(2);
    expect(await countIntakes()).toBe(before - 2);
    expect(await getIntakeById(a)).toBeUndefined();
    expect((await testDb().select().from(schema.intakeNotes)).some((n) => n.intakeId === a)).toBe(false);
    expect((await testDb().select().from(schema.intakeNameTokens)).some((t) => t.intakeId === a)).toBe(false);
    const deletions = (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "intake.delete");
    expect(deletions.map((e) => e.intakeId).sort()).toEqual([a, b].sort());
    expect(deletions.every((e) => e.detail === '{"basis":"withdrew_before_care"}')).toBe(true);
    expect((await verifyAuditEventChain()).ok).toBe(true);
  });

  it("acts only on the intakes the therapist chose: another person's intake sent with the client's e-mail is neither exported nor deleted", async () => {
    const real = await send({ email: "victim@example.org", full_name: "Vera Real", goals: "Vera's own goals" });
    const forged = await send({ email: "victim@example.org", full_name: "Not Vera", goals: "written by someone else" });
    const other = await send({ email: "bystander@example.org" });
    // Both are listed as candidates, with what tells them apart.
    expect((await clientCandidates(forged)).map((c) => [c.id, c.fullName])).toEqual([[real, "Vera Real"], [forged, "Not Vera"]]);
    // Nothing chosen, or a choice outside this client's candidates, is refused.
    await expect(exportClientData(forged, [], reviewer)).rejects.toThrow("Choose at least one intake");
    await expect(exportClientData(forged, [forged, other], reviewer)).rejects.toThrow("Choose only intakes listed for this client");
    const exported = await exportClientData(forged, [forged], reviewer);
    expect(JSON.stringify(exported)).not.toContain("Vera's own goals");
    expect(exported.intakes.map((i) => i.id)).toEqual([forged]);
    // Deleting the forged one as entered in error leaves the real client's intake.
    expect(await deleteClientData(forged, [forged], [(await getIntakeById(forged))!.reference], "entered_in_error", reviewer)).toBe(1);
    expect((await getIntakeById(real))?.answers.goals).toBe("Vera's own goals");
    expect(await getIntakeById(forged)).toBeUndefined();
  });

  it("purges closed intakes past the retention period only, when configured", async () => {
    const closed = await send({ email: "old@example.org" });
    const open = await send({ email: "open@example.org" });
    await changeIntakeStatus(closed, "in_review", reviewer);
    await changeIntakeStatus(closed, "not_suitable", reviewer);
    const inAYear = new Date(Date.now() + 366 * 24 * 3600 * 1000);
    expect(await purgeClosedIntakes(3650, inAYear)).toBe(0);
    expect(await purgeClosedIntakes(365, inAYear)).toBe(1);
    expect(await getIntakeById(closed)).toBeUndefined();
    expect(await getIntakeById(open)).toBeDefined();
  });
});

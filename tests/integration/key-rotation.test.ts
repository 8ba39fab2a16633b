import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getIntakeById } from "@/lib/intake/intake-record";
import { addIntakeNote } from "@/lib/review/workflow";
import { getIntakeForReview } from "@/lib/review/detail";
import { createDraft, findDraftBySession } from "@/lib/intake-wizard/drafts";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";
import { useMigratedDatabase } from "../support/database";
import { rawRows } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";

useMigratedDatabase();

const keys = (args: string[]) => spawnSync(process.execPath, ["bin/run.mjs", "scripts/keys.ts", ...args], { encoding: "utf8", env: process.env, timeout: 60_000 });
const ring = () => fs.readFileSync(path.join(process.env.KEYS_DIR!, "encryption-keys"), "utf8").trim().split(",").map((e) => e.split(":")[0]);
const reviewer = { userId: "u", email: "dr@clinic.example", ipAddress: null };

describe("npm run keys -- rotate / retire", () => {
  it("re-encrypts every stored value under a new key; the old key then retires and nothing is lost", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await postIntake(fullIntake({ goals: `goal ${i}` }, { submittedAt: undefined }))).body.id);
    await addIntakeNote(ids[0]!, "A note to keep", reviewer);
    const { sessionToken } = await createDraft({ state: { answers: { full_name: "Draft Person" }, units: {} }, privacyNoticeVersion: "v", consentedAt: new Date(), crisisShown: false });
    const [oldKey] = ring();
    const before = await Promise.all(ids.map((id) => getIntakeById(id)));
    const oldCiphertext = (await rawRows<{ answers_enc: string }>("select answers_enc from intakes where id = ?", ids[1]))[0]!.answers_enc;

    const rotate = keys(["rotate"]);
    expect(rotate.stderr).toBe("");
    expect(rotate.status).toBe(0);
    const [newKey, ...rest] = ring();
    expect(newKey).not.toBe(oldKey);
    expect(rest).toEqual([oldKey]);
    expect(rotate.stdout).toMatch(new RegExp(`${newKey} \\(active\\): \\d+ values`));
    expect(rotate.stdout).toMatch(new RegExp(`${oldKey}: 0 values`));

    reloadKeyMaterial();
    const columns = await rawRows<Record<string, string>>("select reference_enc, contact_enc, answers_enc, assessment_enc from intakes");
    expect(columns).toHaveLength(5);
    for (const row of columns) for (const v of Object.values(row)) expect(v.startsWith(`v1.${newKey}.`)).toBe(true);
    expect(await Promise.all(ids.map((id) => getIntakeById(id)))).toEqual(before);
    expect((await getIntakeForReview(ids[0]!, reviewer))!.notes[0]!.body).toBe("A note to keep");
    expect((await findDraftBySession(sessionToken))!.state.answers.full_name).toBe("Draft Person");

    const retire = keys(["retire"]);
    expect(retire.status).toBe(0);
    expect(retire.stdout).toContain(`Retired ${oldKey}.`);
    expect(ring()).toEqual([newKey]);
    reloadKeyMaterial();
    expect(await Promise.all(ids.map((id) => getIntakeById(id)))).toEqual(before);
    // A copy of a value taken before the rotation no longer opens.
    await rawRows("update intakes set answers_enc = ? where id = ?", oldCiphertext, ids[1]);
    await expect(getIntakeById(ids[1]!)).rejects.toThrow(/not in the key ring/);
  });
});

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { closePgDb } from "@/db/pg-client";
import { changeStatus, insertNote, listNotes } from "@/db/repositories/intake-review";
import { insertIntake, readIntake, type NewIntakeRow } from "@/db/repositories/intakes";
import { resetConfigForTests } from "@/lib/config";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";
import { createDraft, findDraftBySession } from "@/lib/intake-wizard/drafts";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy-notice";
import { newIntakeId, newReferenceCode } from "@/lib/reference-code";
import { handleHealth } from "@/lib/server/health";
import { runRetention } from "@/lib/server/retention";
import { usePostgresDatabase } from "@/tests/support/postgres-database";

/**
 * Key rotation (`npm run keys` with DATABASE_URL) and retention on PostgreSQL, on a throw-away
 * cluster: after a rotation every stored value is under the new key and still reads the same;
 * retention deletes expired drafts and old closed intakes, and nothing else.
 */

let n = 0;
const identity = () => ({ id: newIntakeId(), reference: newReferenceCode() });
const keys = (args: string[]) =>
  spawnSync(process.execPath, ["bin/run.mjs", "scripts/keys.ts", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: cluster().url }, timeout: 60_000 });
const ring = () => fs.readFileSync(path.join(process.env.KEYS_DIR!, "encryption-keys"), "utf8").trim().split(",").map((e) => e.split(":")[0]);

function row(receivedAt = new Date().toISOString()): NewIntakeRow {
  n++;
  return {
    questionnaireId: "bipolar-depression-intake",
    questionnaireVersion: "1",
    receivedAt,
    submittedAt: receivedAt,
    referenceDate: receivedAt.slice(0, 10),
    contact: { full_name: `Client Number${n}`, email: `client${n}@example.org`, phone: "416-555-0100" },
    answers: { phq9_1: 2, notes: `free text ${n}` },
    emailKey: `client${n}@example.org`,
    nameTokens: ["client", `number${n}`],
    assessment: { snapshot: { triage: "routine", n }, ruleSetVersion: "r1", triage: "routine", highestSeverity: null, urgent: false, phq9Total: 11, triageRank: 1 },
    needsAcknowledgement: false,
  };
}

async function newIntake(receivedAt?: string): Promise<string> {
  const created = await insertIntake(row(receivedAt), identity);
  return (created as { intake: { id: string } }).intake.id;
}

async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster().url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const draftInput = (name: string) => ({ state: { answers: { full_name: name }, units: {} }, privacyNoticeVersion: PRIVACY_NOTICE_VERSION, consentedAt: new Date(), crisisShown: false });

const cluster = usePostgresDatabase();

afterAll(async () => {
  delete process.env.RETENTION_PURGE_CLOSED_AFTER_DAYS;
});

describe("maintenance on PostgreSQL", () => {
  it("npm run keys -- rotate re-encrypts every stored value under the new key, all still readable; retire then drops the old key", async () => {
    const ids = [await newIntake(), await newIntake(), await newIntake()];
    await insertNote(ids[0]!, { id: `note-${randomBytes(4).toString("hex")}`, authorUserId: "u1", at: new Date(), body: "A note to keep" }, { action: "intake.note", actorUserId: "u1", intakeId: ids[0]! });
    const { sessionToken } = await createDraft(draftInput("Draft Person"));
    const before = await Promise.all(ids.map((id) => readIntake(id)));
    const [oldKey] = ring();

    const rotate = keys(["rotate"]);
    expect(rotate.stderr).toBe("");
    expect(rotate.status).toBe(0);
    const [newKey, ...rest] = ring();
    expect(newKey).not.toBe(oldKey);
    expect(rest).toEqual([oldKey]);
    // 3 intakes × 4 columns, 1 note, 1 draft.
    expect(rotate.stdout).toContain(`Re-encrypted 14 values under ${newKey}.`);
    expect(rotate.stdout).toMatch(new RegExp(`${newKey} \\(active\\): 14 values`));
    expect(rotate.stdout).toMatch(new RegExp(`${oldKey}: 0 values`));

    reloadKeyMaterial();
    const stored = [
      ...(await query<Record<string, string>>("select reference_enc, contact_enc, answers_enc, assessment_enc from intakes")).flatMap((r) => Object.values(r)),
      ...(await query<{ body_enc: string }>("select body_enc from intake_notes")).map((r) => r.body_enc),
      ...(await query<{ state_enc: string }>("select state_enc from drafts")).map((r) => r.state_enc),
    ];
    expect(stored).toHaveLength(14);
    for (const value of stored) expect(value.startsWith(`v1.${newKey}.`)).toBe(true);
    expect(await Promise.all(ids.map((id) => readIntake(id)))).toEqual(before);
    expect((await listNotes(ids[0]!)).map((note) => note.body)).toEqual(["A note to keep"]);
    expect((await findDraftBySession(sessionToken))!.state.answers.full_name).toBe("Draft Person");

    const again = keys(["reencrypt"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`Re-encrypted 0 values under ${newKey}.`);

    const retire = keys(["retire"]);
    expect(retire.stderr).toBe("");
    expect(retire.status).toBe(0);
    expect(retire.stdout).toContain(`Retired ${oldKey}.`);
    expect(ring()).toEqual([newKey]);
    reloadKeyMaterial();
    expect(await Promise.all(ids.map((id) => readIntake(id)))).toEqual(before);
  }, 90_000);

  it("retention deletes expired drafts and closed intakes past the configured age, and nothing else", async () => {
    process.env.RETENTION_PURGE_CLOSED_AFTER_DAYS = "30";
    resetConfigForTests();
    // The abuse counters (lib/rate-limit, purged by retention too) still live in SQLite beside DATABASE_PATH.
    fs.mkdirSync(path.dirname(process.env.DATABASE_PATH!), { recursive: true });
    const old = new Date(Date.now() - 400 * 24 * 3600_000).toISOString();
    const closedOld = await newIntake(old);
    const openOld = await newIntake(old);
    const closedRecent = await newIntake();
    for (const id of [closedOld, closedRecent])
      expect(await changeStatus(id, { to: "archived", byUserId: "u1", at: new Date(), allowed: () => true, audit: (from) => ({ action: "intake.status_change", actorUserId: "u1", intakeId: id, detail: { from, to: "archived" } }) })).toMatchObject({
        outcome: "changed",
      });
    // The fresh one first: creating a draft also clears expired ones.
    const fresh = await createDraft(draftInput("Fresh Draft"));
    const expired = await createDraft(draftInput("Old Draft"), new Date(Date.now() - 30 * 24 * 3600_000));
    const draftsBefore = (await query<{ n: number }>("select count(*)::int as n from drafts"))[0]!.n;

    const lines: string[] = [];
    await runRetention((line) => lines.push(line));
    expect(lines).toEqual([`Retention: deleted 1 expired drafts and 1 closed intakes older than 30 days.`]);
    expect(await readIntake(closedOld)).toBeUndefined();
    expect(await readIntake(openOld)).toBeDefined();
    expect(await readIntake(closedRecent)).toBeDefined();
    expect(await findDraftBySession(expired.sessionToken)).toBeUndefined();
    expect((await findDraftBySession(fresh.sessionToken))!.state.answers.full_name).toBe("Fresh Draft");
    expect((await query<{ n: number }>("select count(*)::int as n from drafts"))[0]!.n).toBe(draftsBefore - 1);
    const purges = await query<{ intake_id: string; detail: string }>("select intake_id, detail from audit_events where action = 'intake.purge'");
    expect(purges).toEqual([{ intake_id: closedOld, detail: JSON.stringify({ retentionDays: 30 }) }]);
  }, 60_000);

  it("GET /api/health answers ok while PostgreSQL is reachable and 503 once it is not", async () => {
    const up = await handleHealth();
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok" });
    await closePgDb();
    // Nothing listens on port 1: the next pool cannot connect.
    process.env.DATABASE_URL = "postgresql://intake_app:x@127.0.0.1:1/intake";
    resetConfigForTests();
    const down = await handleHealth();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", reason: "database_unavailable" });
    expect(down.headers.get("retry-after")).toBe("5");
    await closePgDb();
    process.env.DATABASE_URL = cluster().url;
    resetConfigForTests();
  });
});

import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { currentDialect, type Dialect } from "@/db/dialect";
import { closePgDb, createPostgres, getPgDb, migratePostgres } from "@/db/pg-client";
import { listAuditEvents, appendAuditEvents, verifyAuditEventChain } from "@/db/repositories/audit-events";
import { countUnacknowledged, readQueue, readQueueRows } from "@/db/repositories/intake-queue";
import { acknowledge, changeStatus, insertNote, listNotes, listStatusHistory } from "@/db/repositories/intake-review";
import { countIntakes, deleteIntakes, insertIntake, readIntake, type NewIntakeRow } from "@/db/repositories/intakes";
import { appendPgAuditEvent } from "@/db/transaction";
import { forgetAnchorStateForTests, GENESIS } from "@/lib/audit/audit-anchor";
import { macOf, type AuditRow } from "@/lib/audit/audit-log";
import { resetConfigForTests } from "@/lib/config";
import { reloadKeyMaterial } from "@/lib/crypto/key-material";
import { createDraft, deleteExpiredDrafts, findDraftBySession, issueResumeToken, resumeDraft, saveDraft } from "@/lib/intake-wizard/drafts";
import { findIntakeIdByReference, findIntakeIdsByEmail, findIntakeIdsByName } from "@/lib/intake/intake-record";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy-notice";
import { newIntakeId, newReferenceCode } from "@/lib/reference-code";
import { startPostgresCluster, type PostgresCluster } from "@/tests/support/postgres-cluster";

/**
 * The repositories' behaviour, once per dialect: SQLite (this file's temp database) and PostgreSQL
 * (a throw-away cluster, DATABASE_URL set for the PostgreSQL half only). Same calls, same results.
 */

const CANARY = {
  name: "Quillon Vantablack-Eszterházy",
  email: "quillon.canary@vantablack.example",
  phone: "+1 (416) 555-0987",
  text: "canary-free-text-zzqx-7731",
  note: "canary-note-body-ppwy-4410",
};

let sequence = 0;
const identity = () => ({ id: newIntakeId(), reference: newReferenceCode() });

function intakeRow(overrides: Partial<NewIntakeRow> = {}, urgent = false): NewIntakeRow {
  const n = ++sequence;
  const receivedAt = new Date(Date.UTC(2026, 10, 1, 12, 0, n)).toISOString();
  return {
    questionnaireId: "bipolar-depression-intake",
    questionnaireVersion: "1",
    receivedAt,
    submittedAt: receivedAt,
    referenceDate: "2026-11-01",
    contact: { full_name: `Client Number${n}`, email: `client${n}@example.org`, phone: "416-555-0100" },
    answers: { phq9_1: 2, notes: `free text ${n}` },
    emailKey: `client${n}@example.org`,
    nameTokens: ["client", `number${n}`],
    assessment: { snapshot: { triage: urgent ? "urgent" : "routine", n }, ruleSetVersion: "r1", triage: urgent ? "urgent" : "routine", highestSeverity: null, urgent, phq9Total: 11, triageRank: urgent ? 4 : 1 },
    needsAcknowledgement: urgent,
    ...overrides,
  };
}

const dialects: Dialect[] = ["sqlite", "postgres"];

describe.each(dialects)("repositories on %s", (dialect) => {
  let cluster: PostgresCluster | undefined;

  beforeAll(async () => {
    if (dialect === "postgres") {
      cluster = await startPostgresCluster();
      await migratePostgres(cluster.url);
      process.env.DATABASE_URL = cluster.url;
      // Its own audit anchor: the SQLite half's anchors another chain.
      process.env.AUDIT_ANCHOR_PATH = path.join(process.env.KEYS_DIR!, "audit-anchor-pg.json");
      forgetAnchorStateForTests();
    } else {
      delete process.env.DATABASE_URL;
    }
    resetConfigForTests();
    reloadKeyMaterial();
    if (dialect === "sqlite") migrateDatabase(getDb());
  }, 90_000);

  afterAll(async () => {
    if (dialect === "postgres") await closePgDb();
    else closeDb();
    delete process.env.DATABASE_URL;
    delete process.env.AUDIT_ANCHOR_PATH;
    resetConfigForTests();
    await cluster?.stop();
  });

  it("serves this dialect", () => {
    expect(currentDialect()).toBe(dialect);
  });

  it("stores an intake and reads it back decrypted; finds it by reference, e-mail and name tokens, case-insensitively", async () => {
    const row = intakeRow({
      contact: { full_name: CANARY.name, email: CANARY.email, phone: CANARY.phone },
      answers: { phq9_1: 3, anything_else: CANARY.text },
      emailKey: CANARY.email.toLowerCase(),
      nameTokens: ["quillon", "vantablack", "eszterhazy"],
      consent: { privacyNoticeVersion: PRIVACY_NOTICE_VERSION, consentedAt: "2026-11-01T11:59:00.000Z" },
    });
    const result = await insertIntake(row, identity);
    expect(result.outcome).toBe("created");
    const { id, reference } = (result as { intake: { id: string; reference: string } }).intake;
    const read = (await readIntake(id))!;
    expect(read).toMatchObject({
      id,
      reference,
      status: "new",
      contact: row.contact,
      answers: row.answers,
      assessment: row.assessment.snapshot,
      needsAcknowledgement: false,
      acknowledgedAt: null,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      consentedAt: "2026-11-01T11:59:00.000Z",
    });
    expect(typeof read.needsAcknowledgement).toBe("boolean");
    expect(await readIntake("nope")).toBeUndefined();
    expect(await findIntakeIdByReference(reference.toLowerCase())).toBe(id);
    expect(await findIntakeIdsByEmail(CANARY.email.toUpperCase())).toEqual([id]);
    expect(await findIntakeIdsByName("VANTABLACK quillon")).toEqual([id]);
    expect(await findIntakeIdsByName("vantablack nobody")).toEqual([]);

    const noted = await insertNote(id, { id: `note-${randomBytes(4).toString("hex")}`, authorUserId: "u1", at: new Date(), body: CANARY.note }, { action: "intake.note", actorUserId: "u1", intakeId: id });
    expect(noted).toBe(true);
    expect((await listNotes(id)).map((n) => n.body)).toEqual([CANARY.note]);
  });

  it("no canary (name, e-mail, phone, free text, note) appears in plaintext in any text column", async () => {
    const values = await allStoredText(dialect, cluster);
    expect(values.length).toBeGreaterThan(20);
    const everything = values.join("\n");
    for (const canary of [CANARY.name, "Quillon", "Vantablack", CANARY.email, "quillon.canary", CANARY.phone, "555-0987", CANARY.text, CANARY.note])
      expect(everything.toLowerCase(), canary).not.toContain(canary.toLowerCase());
    // And the scan does see what is stored in plain: the questionnaire id.
    expect(everything).toContain("bipolar-depression-intake");
  });

  it("20 concurrent submissions with one idempotency key store one row and all get its id and reference; another body is a conflict", async () => {
    const before = await countIntakes();
    const key = `idem-${randomBytes(6).toString("hex")}`;
    const row = intakeRow({ idempotencyKey: key, requestDigest: "digest-a" });
    // Open the pool's connections first, so the 20 transactions really overlap on PostgreSQL.
    if (dialect === "postgres") await Promise.all(Array.from({ length: 10 }, () => getPgDb().$client.query("select pg_sleep(0.05)")));
    const results = await Promise.all(Array.from({ length: 20 }, () => insertIntake(row, identity)));
    expect(await countIntakes()).toBe(before + 1);
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "replayed")).toHaveLength(19);
    const ids = new Set(results.map((r) => (r.outcome === "idempotency_conflict" ? "conflict" : `${r.intake.id}/${r.intake.reference}`)));
    expect(ids.size).toBe(1);
    expect(await insertIntake({ ...row, requestDigest: "digest-b" }, identity)).toEqual({ outcome: "idempotency_conflict" });
  });

  it("draws another reference when one collides", async () => {
    const first = await insertIntake(intakeRow(), identity);
    const taken = (first as { intake: { reference: string } }).intake.reference;
    let calls = 0;
    const result = await insertIntake(intakeRow(), () => ({ id: newIntakeId(), reference: calls++ === 0 ? taken : newReferenceCode() }));
    expect(result.outcome).toBe("created");
    expect(calls).toBe(2);
    expect((result as { intake: { reference: string } }).intake.reference).not.toBe(taken);
  });

  it("pages the queue in order (unacknowledged urgent first, then rank, newest), filters, and counts the unacknowledged", async () => {
    const urgent = await insertIntake(intakeRow({}, true), identity);
    const urgentId = (urgent as { intake: { id: string } }).intake.id;
    const all = await readQueue({}, undefined, 1000);
    expect(all.rows[0]!.id).toBe(urgentId);
    expect(all.rows[0]!.needsAcknowledgement).toBe(true);
    expect(all.total).toBe(await countIntakes());
    const pages: string[] = [];
    let after: readonly [boolean, number, string, string] | undefined;
    for (;;) {
      const page = await readQueue({}, after, 2);
      pages.push(...page.rows.map((r) => r.id));
      if (!page.more) break;
      const last = page.rows.at(-1)!;
      after = [last.needsAcknowledgement, last.triageRank, last.receivedAt, last.id];
    }
    expect(pages).toEqual(all.rows.map((r) => r.id));
    expect((await readQueue({ triage: "urgent" }, undefined, 10)).rows.map((r) => r.id)).toEqual([urgentId]);
    expect((await readQueueRows([urgentId]))[0]).toMatchObject({ id: urgentId, contact: { email: expect.stringContaining("@example.org") } });
    expect(await countUnacknowledged()).toMatchObject({ count: 1, oldestReceivedAt: expect.any(String) });

    expect(await acknowledge(urgentId, { userId: "u1", at: new Date() }, { action: "intake.acknowledge", actorUserId: "u1", intakeId: urgentId })).toBe("acknowledged");
    expect(await acknowledge(urgentId, { userId: "u1", at: new Date() }, { action: "intake.acknowledge", actorUserId: "u1", intakeId: urgentId })).toBe("already");
    expect(await acknowledge("nope", { userId: "u1", at: new Date() }, { action: "intake.acknowledge", actorUserId: "u1", intakeId: "nope" })).toBe("missing");
    expect(await countUnacknowledged()).toEqual({ count: 0, oldestReceivedAt: null });
    expect((await readIntake(urgentId))!.acknowledgedBy).toBe("u1");
  });

  it("changes status with its history and audit events, refusing what is not allowed", async () => {
    const created = await insertIntake(intakeRow(), identity);
    const id = (created as { intake: { id: string } }).intake.id;
    const change = (to: "in_review" | "archived", allowed = true) =>
      changeStatus(id, { to, byUserId: "u1", at: new Date(), allowed: () => allowed, audit: (from) => ({ action: "intake.status_change", actorUserId: "u1", intakeId: id, detail: { from, to } }) });
    expect(await change("in_review")).toEqual({ outcome: "changed", from: "new" });
    expect(await change("archived", false)).toEqual({ outcome: "refused", from: "in_review" });
    expect(await changeStatus("nope", { to: "archived", byUserId: "u1", at: new Date(), allowed: () => true, audit: () => ({ action: "intake.status_change" }) })).toEqual({ outcome: "missing" });
    expect((await readIntake(id))!.status).toBe("in_review");
    expect((await listStatusHistory(id)).map((h) => [h.from, h.to, h.byUserId])).toEqual([["new", "in_review", "u1"]]);
    const events = await listAuditEvents({ intake: id }, 10);
    expect(events.map((e) => [e.action, e.detail])).toEqual([["intake.status_change", JSON.stringify({ from: "new", to: "in_review" })]]);

    await deleteIntakes([id], [{ action: "intake.delete", actorUserId: "u1", intakeId: id }]);
    expect(await readIntake(id)).toBeUndefined();
    expect(await listStatusHistory(id)).toEqual([]);
    expect((await listAuditEvents({ intake: id }, 10)).map((e) => e.action)).toEqual(["intake.delete", "intake.status_change"]);
  });

  it("drafts: create, save, resume once, expire", async () => {
    const start = new Date("2026-11-01T12:00:00Z");
    const { draft, sessionToken } = await createDraft({ state: { answers: { consent_privacy: true }, units: {} }, privacyNoticeVersion: PRIVACY_NOTICE_VERSION, consentedAt: start, crisisShown: false }, start);
    expect(draft.crisisShown).toBe(false);
    const later = new Date(start.getTime() + 60_000);
    expect(await saveDraft(draft.id, { answers: { consent_privacy: true, full_name: "Draft Person" }, units: {} }, true, later)).toBe(true);
    const saved = (await findDraftBySession(sessionToken, later))!;
    expect(saved.state.answers.full_name).toBe("Draft Person");
    expect(saved.crisisShown).toBe(true);
    expect(await saveDraft(draft.id, { answers: { consent_privacy: true }, units: {} }, false, later)).toBe(true);
    expect((await findDraftBySession(sessionToken, later))!.crisisShown).toBe(true); // only ever turns on

    const link = await issueResumeToken(draft.id, later);
    const [a, b] = await Promise.all([resumeDraft(link, later), resumeDraft(link, later)]);
    expect([a, b].filter(Boolean)).toHaveLength(1); // a link works once, also when used twice at once
    const resumed = (a ?? b)!;
    expect(resumed.draft.id).toBe(draft.id);
    expect(await findDraftBySession(sessionToken, later)).toBeUndefined();
    expect((await findDraftBySession(resumed.sessionToken, later))?.id).toBe(draft.id);

    const expired = new Date(later.getTime() + 8 * 24 * 3600_000);
    expect(await findDraftBySession(resumed.sessionToken, expired)).toBeUndefined();
    expect(await deleteExpiredDrafts(expired)).toBeGreaterThanOrEqual(1);
  });

  it("keeps one verifiable chain after 50 concurrent appends (on PostgreSQL from two pools, as two instances would)", async () => {
    const second = dialect === "postgres" ? createPostgres(cluster!.url) : undefined;
    try {
      const appends = Array.from({ length: 50 }, (_, i) => {
        const event = { action: "intake.view" as const, actorUserId: `u${i}`, intakeId: `i${i}`, detail: { i } };
        if (second && i % 2 === 1) return second.db.transaction((tx) => appendPgAuditEvent(tx, event));
        return appendAuditEvents([event]);
      });
      await Promise.all(appends);
      const check = await verifyAuditEventChain();
      expect(check).toMatchObject({ ok: true });
      const rows = await allAuditRows(dialect, cluster);
      expect(check.checked).toBe(rows.length);
      expect(rows.filter((r) => r.action === "intake.view")).toHaveLength(50);
      // An independent walk over the stored rows with the one HMAC definition.
      let prev = GENESIS;
      rows.forEach((row, i) => {
        expect(row.seq).toBe(i + 1);
        expect(row.prevHmac).toBe(prev);
        expect(macOf(row)).toBe(row.hmac);
        prev = row.hmac;
      });
      // A changed row breaks it at that row.
      const target = rows[10]!;
      await tamper(dialect, cluster, target.seq);
      expect(await verifyAuditEventChain()).toMatchObject({ ok: false, brokenAt: target.seq, checked: target.seq - 1 });
    } finally {
      await second?.close();
    }
  });
});

async function withPg<T>(cluster: PostgresCluster, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every text value in every table, as a `pg_dump` or a copy of the SQLite file would show it. */
async function allStoredText(dialect: Dialect, cluster?: PostgresCluster): Promise<string[]> {
  if (dialect === "sqlite") {
    const client = getDb().$client;
    const tables = client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    return tables.flatMap(({ name }) => (client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).flatMap((r) => Object.values(r).filter((v): v is string => typeof v === "string")));
  }
  return withPg(cluster!, async (client) => {
    const columns = await client.query<{ table_schema: string; table_name: string; column_name: string }>(
      "select table_schema, table_name, column_name from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema') and data_type in ('text', 'character varying', 'json', 'jsonb')",
    );
    const out: string[] = [];
    for (const c of columns.rows) {
      const result = await client.query<{ v: string | null }>(`select "${c.column_name}"::text as v from "${c.table_schema}"."${c.table_name}"`);
      for (const r of result.rows) if (r.v !== null) out.push(r.v);
    }
    return out;
  });
}

async function allAuditRows(dialect: Dialect, cluster?: PostgresCluster): Promise<AuditRow[]> {
  const query =
    "select seq, at, actor_user_id as \"actorUserId\", actor_email as \"actorEmail\", action, intake_id as \"intakeId\", ip_address as \"ipAddress\", detail, prev_hmac as \"prevHmac\", hmac from audit_events order by seq";
  if (dialect === "sqlite") return getDb().$client.prepare(query).all() as AuditRow[];
  return withPg(cluster!, async (client) => (await client.query<AuditRow>(query)).rows);
}

async function tamper(dialect: Dialect, cluster: PostgresCluster | undefined, seq: number): Promise<void> {
  const statement = "update audit_events set actor_user_id = 'someone-else' where seq = ";
  if (dialect === "sqlite") getDb().$client.prepare(`${statement}?`).run(seq);
  else await withPg(cluster!, (client) => client.query(`${statement}$1`, [seq]));
}

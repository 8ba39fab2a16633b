import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { currentDialect } from "@/db/dialect";
import { closePgDb } from "@/db/pg-client";
import { countIntakes, findIntakeIdByReference, findIntakeIdsByEmail, findIntakeIdsByName, getIntakeById } from "@/lib/intake/intake-record";
import { resetConfigForTests } from "@/lib/config";
import { fullAnswers, fullIntake, minimalAnswers, fullIntakeV2 } from "../fixtures/intakes";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";

useMigratedDatabase();

const now = () => new Date().toISOString();
const validIntake = (answers: Record<string, unknown> = {}) => fullIntake(answers, { submittedAt: now() });

describe("POST /api/intakes — valid intakes", () => {
  it("stores a valid intake and answers 201 with id, reference and no warnings", async () => {
    const before = await countIntakes();
    const res = await postIntake(validIntake());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^KT-[0-9A-Z]{4}-[0-9A-Z]{4}$/), warnings: [] });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await countIntakes()).toBe(before + 1);

    const stored = (await getIntakeById(res.body.id))!;
    expect(stored.status).toBe("new");
    expect(stored.reference).toBe(res.body.reference);
    expect(stored.questionnaireId).toBe("ketamine-trbd-intake");
    expect(stored.questionnaireVersion).toBe("1");
    expect(stored.answers.full_name).toBe("Zoë Bélanger-Nguyễn");
    expect(stored.answers.current_mood_medications).toEqual(fullAnswers().current_mood_medications);
    expect(stored.id.length).toBeGreaterThanOrEqual(22);
  });

  it("stores a version-2 intake as version 2, assessed with rule set 2, and a version-1 intake with rule set 1", async () => {
    const two = await postIntake(fullIntakeV2({ si_self_harm_past_month: "yes", lethal_means_access: ["firearm"], safety_plan: "no" }, { submittedAt: now() }));
    expect(two.status).toBe(201);
    const stored = (await getIntakeById(two.body.id))!;
    expect(stored.questionnaireVersion).toBe("2");
    expect(stored.answers.lethal_means_access).toEqual(["firearm"]);
    expect(stored.assessment).toMatchObject({ questionnaireVersion: "2", ruleSetVersion: "2" });
    expect(stored.assessment!.considerations.map((c) => c.id)).toEqual(expect.arrayContaining(["LETHAL_MEANS", "SELF_HARM", "NO_SAFETY_PLAN"]));
    const one = (await getIntakeById((await postIntake(validIntake())).body.id))!;
    expect(one.assessment).toMatchObject({ questionnaireVersion: "1", ruleSetVersion: "1" });
  });

  it("accepts a minimal intake without submittedAt and records the server's time", async () => {
    const res = await postIntake({ questionnaire: "ketamine-trbd-intake", version: "1", answers: minimalAnswers() });
    expect(res.status).toBe(201);
    const stored = (await getIntakeById(res.body.id))!;
    expect(stored.submittedAt).toBe(stored.receivedAt);
  });

  it("drops hidden items with warnings and does not store them", async () => {
    const res = await postIntake(validIntake({ si_intent: "yes", si_plan: "no", bp_controlled: undefined, hypertension_diagnosed: "no" }));
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      { item: "si_intent", message: "hidden by branching, ignored" },
      { item: "si_plan", message: "hidden by branching, ignored" },
    ]);
    const stored = (await getIntakeById(res.body.id))!;
    expect(stored.answers).not.toHaveProperty("si_intent");
    expect(stored.answers).not.toHaveProperty("si_plan");
  });

  it("finds intakes by exact e-mail, reference and name token through the blind indexes", async () => {
    const res = await postIntake(validIntake({ email: "Unique.Person@Example.org", full_name: "Nguyễn Thị Ánh" }));
    expect(await findIntakeIdsByEmail("unique.person@example.org")).toEqual([res.body.id]);
    expect(await findIntakeIdByReference(res.body.reference.toLowerCase())).toBe(res.body.id);
    expect(await findIntakeIdsByName("anh NGUYEN")).toContain(res.body.id);
    expect(await findIntakeIdsByName("nguy")).toEqual([]);
  });

  it("stores 50 concurrent valid submissions, each once", async () => {
    const before = await countIntakes();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => postIntake(validIntake({ email: `person${i}@example.org` }))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(results.map((r) => r.body.reference)).size).toBe(50);
    expect(await countIntakes()).toBe(before + 50);
  });
});

describe("POST /api/intakes — idempotency", () => {
  it("returns the same id and reference on a retry with the same Idempotency-Key", async () => {
    const body = validIntake();
    const headers = { "idempotency-key": "retry-test-1" };
    const first = await postIntake(body, { headers });
    const before = await countIntakes();
    const second = await postIntake(body, { headers });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.reference).toBe(first.body.reference);
    expect(await countIntakes()).toBe(before);
  });

  it("refuses a reused key with a different body and stores nothing", async () => {
    await postIntake(validIntake(), { headers: { "idempotency-key": "retry-test-2" } });
    const before = await countIntakes();
    const res = await postIntake(validIntake({ goals: "Something else" }), { headers: { "idempotency-key": "retry-test-2" } });
    expect(res.status).toBe(409);
    expect(await countIntakes()).toBe(before);
  });
});

describe("POST /api/intakes — invalid input is refused, naming the item, and nothing is stored", () => {
  const cases: [string, unknown, string][] = [
    ["an array body", [], "$"],
    ["a wrong questionnaire", { ...validIntake(), questionnaire: "other" }, "questionnaire"],
    ["a wrong version", { ...validIntake(), version: "3" }, "version"],
    ["a version-2 item in a version-1 intake", validIntake({ rapid_cycling: "no" }), "rapid_cycling"],
    ["answers not an object", { ...validIntake(), answers: "x" }, "answers"],
    ["an unparseable submittedAt", { ...validIntake(), submittedAt: "yesterday" }, "submittedAt"],
    ["a submittedAt 25 hours old", { ...validIntake(), submittedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }, "submittedAt"],
    ["a submittedAt 10 minutes ahead", { ...validIntake(), submittedAt: new Date(Date.now() + 600_000).toISOString() }, "submittedAt"],
    ["a missing required item", validIntake({ phq9_4: undefined }), "phq9_4"],
    ["a number sent as a string", validIntake({ phq9_4: "2" }), "phq9_4"],
    ["an out-of-range number", validIntake({ height_cm: 99.9 }), "height_cm"],
    ["an unknown answer key", validIntake({ favourite_colour: "blue" }), "favourite_colour"],
    ["an unknown nested key", validIntake({ past_treatment_trials: [{ treatment: "lithium", weeks: 8, adequate_dose: "yes", outcome: "partial" }, { treatment: "lamotrigine", weeks: 8, adequate_dose: "yes", outcome: "partial", dose: 5 }] }), "past_treatment_trials[1].dose"],
    ["an invalid nested value", validIntake({ past_treatment_trials: [{ treatment: "lithium", weeks: 521, adequate_dose: "yes", outcome: "partial" }] }), "past_treatment_trials[0].weeks"],
    ["none combined with another option", validIntake({ cardiovascular_history: ["none", "stroke"] }), "cardiovascular_history"],
    ["a consent not given", validIntake({ consent_privacy: false }), "consent_privacy"],
    ["a bidi override in a name", validIntake({ full_name: "Ann\u202Eevil" }), "full_name"],
    ["an impossible date", validIntake({ date_of_birth: "1990-02-30" }), "date_of_birth"],
    ["a diastolic without systolic", validIntake({ bp_recent_systolic: null }), "bp_recent_systolic"],
  ];
  it.each(cases)("refuses %s", async (_name, body, item) => {
    const before = await countIntakes();
    const res = await postIntake(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { item: string }) => e.item)).toContain(item);
    expect(await countIntakes()).toBe(before);
  });

  it("never echoes an answer value in an error", async () => {
    const secret = "MY-SECRET-ANSWER-123";
    const res = await postIntake(validIntake({ email: secret, phq9_1: secret, bipolar_type: secret }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it("answers 400 for malformed JSON and 415 for a non-JSON content type", async () => {
    expect((await postIntake(null, { rawBody: "{not json" })).status).toBe(400);
    const res = await postIntake(validIntake(), { headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    expect(res.body.errors[0].item).toBe("$");
  });

  it("answers 413 for a body over 64 KB", async () => {
    const res = await postIntake(validIntake({ goals: "x".repeat(70_000) }));
    expect(res.status).toBe(413);
  });
});

describe("POST /api/intakes — origin and integration key", () => {
  it("refuses a foreign browser Origin and accepts the app's own", async () => {
    expect((await postIntake(validIntake(), { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await postIntake(validIntake(), { headers: { origin: "null" } })).status).toBe(403);
    expect((await postIntake(validIntake(), { headers: { origin: "http://localhost:3000" } })).status).toBe(201);
    // The same machine by its other loopback name is the same site (issue 12).
    expect((await postIntake(validIntake(), { headers: { origin: "http://127.0.0.1:3000" } })).status).toBe(201);
    expect((await postIntake(validIntake(), { headers: { origin: "http://127.0.0.1:3001" } })).status).toBe(403);
  });

  it("accepts an old submittedAt only with the integration key", async () => {
    const old = fullIntake({}, { submittedAt: "2026-10-01T02:30:00Z" });
    expect((await postIntake(old)).status).toBe(400);
    process.env.INTAKE_API_KEY = "k".repeat(40);
    resetConfigForTests();
    try {
      expect((await postIntake(old, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      const res = await postIntake(old, { headers: { authorization: `Bearer ${"k".repeat(40)}` } });
      expect(res.status).toBe(201);
      expect((await getIntakeById(res.body.id))!.referenceDate).toBe("2026-09-30");
    } finally {
      delete process.env.INTAKE_API_KEY;
      resetConfigForTests();
    }
  });
});

describe("durability and encryption at rest", () => {
  it("keeps intakes across a restart of the database connection", async () => {
    const res = await postIntake(validIntake({ goals: "Survive a restart" }));
    if (currentDialect() === "postgres") await closePgDb();
    else closeDb();
    expect((await getIntakeById(res.body.id))!.answers.goals).toBe("Survive a restart");
  });

  it("leaves none of a client's name, e-mail, phone or free text readable in the database file or WAL", async (context) => {
    // SQLite only: it reads the SQLite file and its PRAGMAs. On PostgreSQL, repositories-both.test.ts scans every text column for canaries.
    if (currentDialect() === "postgres") context.skip();
    const marker = {
      full_name: "Quintessa Wolfhart-Ybarra",
      email: "quintessa.wolfhart@example.net",
      phone: "+1 (905) 555-0177",
      emergency_contact_name: "Barnaby Ferncastle",
      goals: "Distinctive goal text about sailing to Tobermory",
      medication_list: "Zanzibarol 15 mg each morning",
    };
    await postIntake(validIntake(marker));
    const file = process.env.DATABASE_PATH!;
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    const haystack = bytes.toString("latin1") + bytes.toString("utf8") + bytes.toString("utf16le");
    for (const value of Object.values(marker)) {
      expect(haystack).not.toContain(value);
      expect(haystack.toLowerCase()).not.toContain(value.toLowerCase());
    }
    expect(haystack).not.toContain("Tobermory");
    expect(haystack).not.toContain("Wolfhart");
    expect(haystack).not.toContain("5550177");
    // The database settings a health-record store needs.
    const client = getDb().$client;
    expect(client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(client.pragma("synchronous", { simple: true })).toBe(2);
    expect(client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(client.pragma("secure_delete", { simple: true })).toBe(1);
  });
});

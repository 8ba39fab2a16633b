import { execFileSync } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as renderPool from "@/lib/pdf/render-pool";
import * as auditLog from "@/lib/audit/audit-log";
import { currentStorageFault, noteStorageWrite } from "@/lib/server/storage-faults";
import { POST } from "@/app/api/courses/[id]/progress-pdf/route";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { changeCoursePhase, startCourse } from "@/lib/course-records/courses";
import { correctSession, recordSession } from "@/lib/course-records/sessions";
import { createCheckinRequest, startCheckin, submitCheckin } from "@/lib/course-records/checkins";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { useMigratedDatabase } from "../support/database";
import { schema, testDb } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";
import { calmAnswers, calmSession, phq } from "../support/course-cases";
import { newTherapist, signIn } from "../support/therapist-session";
import { flat, pdfText } from "../support/pdf-text";

/**
 * POST /api/courses/{id}/progress-pdf: only a signed-in therapist, only from this site; the letter's
 * fields validated by name; every download audited with ids only; rendered in the worker pool.
 */

beforeAll(() => {
  // The route renders in the PDF worker pool, which runs the bundled worker.
  execFileSync(process.execPath, ["scripts/build-pdf-worker.mjs"], { stdio: "ignore" });
});
useMigratedDatabase();

const ORIGIN = "http://localhost:3000";
const reviewer = { userId: "u-progress", email: "dr@clinic.example", ipAddress: "203.0.113.9" };
const NOW = new Date("2026-11-20T15:00:00Z");
let clients = 0;

/** A course with two sessions (one corrected), two check-ins (one with urinary symptoms), moved to maintenance. */
async function course(): Promise<{ courseId: string; intakeId: string }> {
  const response = await postIntake(fullIntake({ email: `progress.client${++clients}@example.org` }, { submittedAt: undefined }));
  const intakeId = response.body.id as string;
  await changeIntakeStatus(intakeId, "in_review", reviewer);
  await changeIntakeStatus(intakeId, "consult_booked", reviewer);
  const { courseId } = await startCourse(intakeId, { started_on: "2026-10-01", baseline_phq9: 18 }, reviewer, NOW);
  const first = await recordSession(courseId, calmSession({ session_date: "2026-10-02", bp_pre_systolic: 152, bp_pre_diastolic: 94 }), reviewer, NOW);
  await correctSession(courseId, first.sessionId, calmSession({ session_date: "2026-10-02", bp_pre_systolic: 150, bp_pre_diastolic: 94 }), "Systolic misread from the monitor", reviewer, { expectedVersion: 1, now: NOW });
  await recordSession(courseId, calmSession({ session_date: "2026-10-09", dose_mg: 42, adverse_events: ["headache"] }), reviewer, NOW);
  for (const [answers, hours] of [
    [calmAnswers({ ...phq(13), side_effects: ["blood_in_urine"] }), 1],
    [calmAnswers({ ...phq(6) }), 2],
  ] as const) {
    const { token } = await createCheckinRequest(courseId, reviewer, { now: new Date(NOW.getTime() + hours * 3600_000) });
    const started = await startCheckin(token, "1985-03-14", `198.51.100.${clients * 10 + hours}`, new Date(NOW.getTime() + hours * 3600_000));
    if (started.outcome !== "started") throw new Error(started.outcome);
    await submitCheckin(started.sessionToken, answers, null, new Date(NOW.getTime() + hours * 3600_000 + 60_000));
  }
  await changeCoursePhase(courseId, "maintenance", undefined, reviewer, NOW);
  return { courseId, intakeId };
}

function request(courseId: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return POST(new Request(`${ORIGIN}/api/courses/${courseId}/progress-pdf`, { method: "POST", headers: { origin: ORIGIN, host: "localhost:3000", ...headers }, body }), {
    params: Promise.resolve({ id: courseId }),
  });
}

const events = async (action: string) => (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === action);

let signedIn: { cookie: string; name: string } | undefined;
async function therapist() {
  if (!signedIn) {
    const t = await newTherapist("progress");
    signedIn = { cookie: (await signIn(t)).get("cookie")!, name: t.email.replace(/^progress-(\d+)@.*/, "Dr progress $1") };
  }
  return signedIn;
}

describe("the progress summary PDF route", () => {
  it("gives a signed-in therapist the PDF: no-store, a filename with no name in it, every session, check-in, flag and the outcome; audited with ids only", async () => {
    const { courseId, intakeId } = await course();
    const { cookie } = await therapist();
    const views = (await events("course.view")).length;
    const response = await request(courseId, {}, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="course-progress-KT-[A-Z0-9]{4}-[A-Z0-9]{4}-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const text = flat(pdfText(Buffer.from(await response.arrayBuffer())));
    expect(text).toContain("Zoë Bélanger-Nguyễn");
    expect(text).toContain("Phase: Maintenance");
    // The baseline was entered when the course started (the intake's own PHQ-9 differs).
    expect(text).toMatch(/Baseline PHQ-9: 18 of 27, from the value entered when the course was started \(the intake's PHQ-9 was \d+\)/);
    // Both sessions, the first as corrected, with why.
    expect(text).toMatch(/2 October 2026 Intravenous \(corrected\) \(IV\) 35 mg \(0\.50 mg\/kg\) 150\/94 — 134\/84 Mild None None/);
    expect(text).toContain("Why: Systolic misread from the monitor");
    expect(text).toMatch(/9 October 2026 Intravenous \(IV\) 42 mg \(0\.60 mg\/kg\) 128\/82 — 134\/84 Mild None Headache/);
    // Both check-ins (PHQ-9 13 then 6), and their flags with evidence.
    expect(text).toMatch(/13 \(moderate\)/);
    expect(text).toMatch(/6 \(mild\)/);
    expect(text).toContain("Needs medical clearance: Urinary pain, urgency or blood in the urine");
    expect(text).toContain("Since your last session, have you noticed any of these? Blood in your urine");
    expect(text).toContain("Caution: Pre-dose blood pressure 150/94 above 140/90");
    expect(text).toContain("Blood pressure before the session: systolic: 150 mmHg");
    // The outcome: 6 against 18, a response.
    expect(text).toContain("Change from baseline (18): -12 (-66.7%)");
    expect(text).toContain("Outcome: Response");
    expect(text).not.toContain("To:");

    const event = (await events("course.progress_pdf")).at(-1)!;
    expect(event).toMatchObject({ intakeId, actorUserId: expect.any(String), actorEmail: expect.stringMatching(/^progress-\d+@clinic\.example$/) });
    expect(JSON.parse(event.detail!)).toEqual({ course: courseId, letter: false, sessions: 2, checkins: 2 });
    // Its own event, not a page view.
    expect((await events("course.view")).length).toBe(views);
    expect((await verifyAuditEventChain()).ok).toBe(true);
  });

  it("opens the PDF with the letter when an addressee and a paragraph are posted; the audit records only that there was one", async () => {
    const { courseId } = await course();
    const { cookie, name } = await therapist();
    const addressee = "Dr Priya Raman, Riverside Family Practice";
    const paragraph = "Thank you for the referral.\n\nShe has finished the acute phase and is doing better; details follow.";
    const response = await request(courseId, { addressee, paragraph }, { cookie });
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    const page1 = flat(pdfText(pdf, { page: 1 }));
    expect(page1).toContain(`To: ${addressee}`);
    expect(page1).toContain("Thank you for the referral. She has finished the acute phase and is doing better; details follow.");
    expect(page1).toContain(name);
    expect(response.headers.get("content-disposition")).not.toMatch(/Priya|Raman|Zo/);
    const event = (await events("course.progress_pdf")).at(-1)!;
    expect(JSON.parse(event.detail!)).toMatchObject({ course: courseId, letter: true });
    expect(event.detail).not.toContain("Priya");
    expect(event.detail).not.toContain("referral");
  });

  it("refuses bad letter input naming the field, and makes no PDF and no audit event", async () => {
    const { courseId } = await course();
    const { cookie } = await therapist();
    const before = (await events("course.progress_pdf")).length;
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ addressee: "Dr Raman" }, "paragraph", /Write the covering paragraph/],
      [{ paragraph: "Thank you." }, "addressee", /Enter who the letter is to/],
      [{ addressee: "x".repeat(201), paragraph: "Thank you." }, "addressee", /200 characters or fewer/],
      [{ addressee: "Dr Raman", paragraph: "y".repeat(2001) }, "paragraph", /2000 characters or fewer/],
      [{ addressee: "Dr Raman", paragraph: "Thanks", cc: "someone" }, "cc", /no such field/],
    ];
    for (const [fields, item, message] of cases) {
      const response = await request(courseId, fields, { cookie });
      expect(response.status, JSON.stringify(Object.keys(fields))).toBe(400);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = (await response.json()) as { errors: { item: string; message: string }[] };
      expect(body.errors.map((e) => e.item)).toContain(item);
      expect(body.errors.find((e) => e.item === item)!.message).toMatch(message);
    }
    expect((await events("course.progress_pdf")).length).toBe(before);
  });

  it("refuses anonymous callers, a check-in cookie, another site and an unknown course, with no health information", async () => {
    const { courseId } = await course();
    const { cookie } = await therapist();
    // A live check-in session of this very course's client: it opens the check-in, nothing else.
    const { token } = await createCheckinRequest(courseId, reviewer, { now: new Date() });
    const started = await startCheckin(token, "1985-03-14", "198.51.100.250", new Date());
    if (started.outcome !== "started") throw new Error(started.outcome);
    const before = (await events("course.progress_pdf")).length;
    for (const headers of [{}, { cookie: `checkin_draft=${started.sessionToken}` }, { cookie: "therapist.session_token=forged" }] as Record<string, string>[]) {
      const response = await request(courseId, {}, headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.text()).not.toMatch(/Zo|Bélanger|PHQ/);
    }
    for (const origin of [{ origin: "https://evil.example" }, { origin: "null", "sec-fetch-site": "cross-site" }, { origin: "null" }] as Record<string, string>[]) {
      const response = await request(courseId, {}, { cookie, ...origin });
      expect(response.status, JSON.stringify(origin)).toBe(403);
    }
    expect((await request("AAAAAAAAAAAAAAAAAAAAAA", {}, { cookie })).status).toBe(404);
    expect((await request("not-an-id", {}, { cookie })).status).toBe(404);
    expect((await events("course.progress_pdf")).length).toBe(before);
    // This site's own form posted without JavaScript (Origin: null, fetch metadata same-origin) is accepted.
    const own = await request(courseId, {}, { cookie, origin: "null", "sec-fetch-site": "same-origin" });
    expect(own.status).toBe(200);
  });

  describe("when the render thread or the storage fails (issue 20)", () => {
    afterEach(() => {
      vi.restoreAllMocks();
      noteStorageWrite();
    });
    const failure = async (response: Response) => ({
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      message: ((await response.json()) as { errors: { message: string }[] }).errors[0]!.message,
    });

    it("answers a crashed or hung render thread with 503 and Retry-After (it was replaced), a broken document with 500; the same plain message", async () => {
      const { courseId } = await course();
      const { cookie } = await therapist();
      vi.spyOn(renderPool, "renderPdfInWorker").mockRejectedValueOnce(new renderPool.PdfWorkerFault("PDF worker exited with code 70"));
      expect(await failure(await request(courseId, {}, { cookie }))).toEqual({ status: 503, retryAfter: "5", message: "The PDF could not be made. Try again in a moment." });
      expect(currentStorageFault()).toBeUndefined(); // a render thread is not the database: health stays as it was
      vi.spyOn(renderPool, "renderPdfInWorker").mockRejectedValueOnce(new Error("PDF rendering failed (TypeError)"));
      expect(await failure(await request(courseId, {}, { cookie }))).toEqual({ status: 500, retryAfter: null, message: "The PDF could not be made. Try again in a moment." });
      expect((await request(courseId, {}, { cookie })).status).toBe(200);
    });

    it("answers a full disk under the download's audit event with 503 and the fault's Retry-After, makes no PDF, and tells /api/health", async () => {
      const { courseId } = await course();
      const { cookie } = await therapist();
      const before = (await events("course.progress_pdf")).length;
      vi.spyOn(auditLog, "recordAuditEvent").mockRejectedValueOnce(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }));
      const render = vi.spyOn(renderPool, "renderPdfInWorker");
      expect(await failure(await request(courseId, {}, { cookie }))).toEqual({ status: 503, retryAfter: "30", message: "The PDF could not be made. Try again in a moment." });
      expect(render).not.toHaveBeenCalled(); // no download without its audit event
      expect((await events("course.progress_pdf")).length).toBe(before);
      expect(currentStorageFault()).toBe("storage_full");
    });
  });
});

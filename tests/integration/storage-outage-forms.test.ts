import { afterEach, describe, expect, it, vi } from "vitest";
import * as limiter from "@/lib/rate-limit/limiter";
import * as checkinsRepository from "@/db/repositories/checkins";
import * as coursesRepository from "@/db/repositories/courses";
import { findDraftBySession, saveDraft } from "@/lib/intake-wizard/drafts";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { startCourse } from "@/lib/course-records/courses";
import { createCheckinRequest, currentCheckin, saveCheckinDraft, startCheckin } from "@/lib/course-records/checkins";
import { currentStorageFault, noteStorageWrite } from "@/lib/server/storage-faults";
import { saveStepAction, submitIntakeAction } from "@/app/(public)/intake/actions";
import { submitCheckinAction } from "@/app/(public)/check-in/actions";
import { recordSessionAction } from "@/app/(therapist)/dashboard/courses/actions";
import { useMigratedDatabase } from "../support/database";
import { rawRows } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullAnswersV2, fullIntake } from "../fixtures/intakes";
import { calmAnswers, calmSession } from "../support/course-cases";

/**
 * Issue 20: the wizard's send, the check-in's send and the therapist's session form meet a full
 * disk or an unreachable database. Each shows the plain "nothing was saved" message (never a
 * thrown action, which Next turns into an error page), nothing is half-stored, the draft or the
 * typed values are kept, /api/health's fault is recorded, and the next successful save clears it.
 * The server actions run for real; only Next's cookie jar and request headers are stood in for,
 * and the fault is injected at the repository (or inside its transaction).
 */
const jar = vi.hoisted(() => new Map<string, string>());
/** When set, the session check itself meets this fault (it reads the database before any form is looked at). */
const sessionCheck = vi.hoisted(() => ({ fault: undefined as Error | undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) && jar.get(name) !== "" ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.20", origin: "http://localhost:3000", host: "localhost:3000" }),
}));
// The therapist's session is better-auth's (tests/integration/therapist-auth); here only the form's path matters.
vi.mock("@/lib/auth/require-therapist", async (original) => ({
  ...(await original<typeof import("@/lib/auth/require-therapist")>()),
  checkTherapistSession: async () => {
    if (sessionCheck.fault) throw sessionCheck.fault;
    return { userId: "u-outage", email: "dr@clinic.example", name: "Dr Outage", sessionId: "s-outage", ipAddress: "203.0.113.20" };
  },
}));

useMigratedDatabase();
afterEach(() => {
  vi.restoreAllMocks();
  sessionCheck.fault = undefined;
  noteStorageWrite();
});

const MESSAGE = /Nothing was saved just now\. Please try again in a moment; your answers are kept\./;
/** What better-sqlite3 throws when the disk is full, and pg when the server is shutting down. */
const diskFull = () => Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
const shuttingDown = () => Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
const count = async (table: string) => Number((await rawRows<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n);
const isRedirect = (error: unknown) => String((error as { digest?: unknown })?.digest ?? "").startsWith("NEXT_REDIRECT");
const reviewer = { userId: "u-outage", email: "dr@clinic.example", ipAddress: "203.0.113.20" };

async function completeWizardDraft() {
  jar.clear();
  await saveStepAction({ section: "consent", values: { consent_privacy: true, consent_not_emergency: true }, intent: "next", returnToReview: false });
  const draft = (await findDraftBySession([...jar.values()][0]!))!;
  await saveDraft(draft.id, { answers: fullAnswersV2(), units: {} }, false);
  return draft.id;
}

let clients = 0;
async function openCourse() {
  const intakeId = (await postIntake(fullIntake({ email: `outage.client${++clients}@example.org` }, { submittedAt: undefined }))).body.id as string;
  await changeIntakeStatus(intakeId, "in_review", reviewer);
  await changeIntakeStatus(intakeId, "consult_booked", reviewer);
  return (await startCourse(intakeId, { started_on: "2026-10-01", baseline_phq9: 18 }, reviewer)).courseId;
}

describe("the wizard's send during a storage fault", () => {
  it("shows the message when the submission counter cannot be written (the disk is full); the draft is kept and nothing is stored", async () => {
    const draftId = await completeWizardDraft();
    const intakes = await count("intakes");
    vi.spyOn(limiter, "consume").mockRejectedValue(diskFull());
    const answer = await submitIntakeAction();
    expect(answer?.message).toMatch(MESSAGE);
    expect(await count("intakes")).toBe(intakes);
    const draft = (await findDraftBySession([...jar.values()][0]!))!;
    expect(draft.id).toBe(draftId);
    expect(draft.intakeId).toBeNull();
    expect(draft.state.answers.goals).toBe(fullAnswersV2().goals);
    expect(currentStorageFault()).toBe("storage_full");

    // The disk has room again: the same draft sends, and the fault is cleared for /api/health.
    vi.restoreAllMocks();
    await expect(submitIntakeAction()).rejects.toSatisfy(isRedirect);
    expect(await count("intakes")).toBe(intakes + 1);
    expect(currentStorageFault()).toBeUndefined();
  });

  it("shows the same message when the database cannot be reached", async () => {
    await completeWizardDraft();
    const intakes = await count("intakes");
    vi.spyOn(limiter, "consume").mockRejectedValue(shuttingDown());
    expect((await submitIntakeAction())?.message).toMatch(MESSAGE);
    expect(await count("intakes")).toBe(intakes);
    expect(currentStorageFault()).toBe("database_unavailable");
  });
});

describe("the check-in's send during a storage fault", () => {
  it("rolls the whole submission back when the disk fills inside its transaction, says so, and keeps the draft for the next try", async () => {
    const courseId = await openCourse();
    const link = await createCheckinRequest(courseId, reviewer);
    const started = await startCheckin(link.token, "1985-03-14", "198.51.100.21");
    if (started.outcome !== "started") throw new Error(started.outcome);
    jar.clear();
    jar.set("checkin_draft", started.sessionToken);
    await saveCheckinDraft(started.sessionToken, { answers: calmAnswers() });
    const before = { checkins: await count("checkins"), audit: await count("audit_events") };

    // The real transaction runs (check-in inserted, link used, draft emptied) and then the disk is full: all of it rolls back.
    const submit = checkinsRepository.submitCheckin;
    vi.spyOn(checkinsRepository, "submitCheckin").mockImplementation((draftId, submission) =>
      submit(draftId, { ...submission, audit: () => { throw diskFull(); } }),
    );
    const answer = await submitCheckinAction();
    expect(answer).toEqual({ status: "failed", message: expect.stringMatching(MESSAGE) });
    expect(await count("checkins")).toBe(before.checkins);
    expect(await count("audit_events")).toBe(before.audit);
    expect((await rawRows<{ used_at: unknown }>("select used_at from checkin_requests where id = ?", link.requestId))[0]!.used_at).toBeNull();
    const kept = (await currentCheckin(started.sessionToken))!;
    expect(kept.submitted).toBe(false);
    expect(kept.state.answers).toEqual(expect.objectContaining({ global_change: "a_little_better", phq9_1: 3 }));
    expect(jar.get("checkin_draft")).toBe(started.sessionToken); // the cookie is not cleared
    expect(currentStorageFault()).toBe("storage_full");

    vi.restoreAllMocks();
    expect(await submitCheckinAction()).toMatchObject({ status: "sent" });
    expect(await count("checkins")).toBe(before.checkins + 1);
    expect(currentStorageFault()).toBeUndefined();
  });
});

/** The session form as the browser posts it: a calm session on `date` for the course. */
function sessionForm(courseId: string, date: string): FormData {
  const form = new FormData();
  form.set("courseId", courseId);
  for (const [key, value] of Object.entries(calmSession({ session_date: date })))
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
  return form;
}

describe("the session form during a storage fault", () => {
  it("comes back with the message and what was typed; no session is stored", async () => {
    const form = sessionForm(await openCourse(), "2026-10-02");
    const sessions = await count("course_sessions");
    vi.spyOn(coursesRepository, "insertSessionVersion").mockRejectedValue(shuttingDown());
    const state = await recordSessionAction(undefined, form);
    expect(state?.error).toMatch(MESSAGE);
    expect(state?.values).toEqual(expect.objectContaining({ dose_mg: "35", weight_kg: "70", session_date: "2026-10-02" }));
    expect(await count("course_sessions")).toBe(sessions);
    expect(currentStorageFault()).toBe("database_unavailable");

    vi.restoreAllMocks();
    await expect(recordSessionAction(undefined, form)).rejects.toSatisfy(isRedirect);
    expect(await count("course_sessions")).toBe(sessions + 1);
    expect(currentStorageFault()).toBeUndefined();
  });
});

describe("a therapist's action when the session check meets a storage fault", () => {
  it("says nothing was saved (never an error page) and stores nothing; the next try goes through", async () => {
    const form = sessionForm(await openCourse(), "2026-10-03");
    const sessions = await count("course_sessions");
    sessionCheck.fault = shuttingDown();
    const state = await recordSessionAction(undefined, form);
    expect(state?.error).toMatch(MESSAGE);
    expect(state?.values).toEqual(expect.objectContaining({ session_date: "2026-10-03" }));
    expect(await count("course_sessions")).toBe(sessions);
    expect(currentStorageFault()).toBe("database_unavailable");

    sessionCheck.fault = new Error("a programming error");
    await expect(recordSessionAction(undefined, form)).rejects.toThrow("a programming error"); // anything else is not dressed up as an outage

    sessionCheck.fault = undefined;
    await expect(recordSessionAction(undefined, form)).rejects.toSatisfy(isRedirect);
    expect(await count("course_sessions")).toBe(sessions + 1);
  });
});

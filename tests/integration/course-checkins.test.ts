import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, resetConfigForTests } from "@/lib/config";
import { changeIntakeStatus } from "@/lib/review/workflow";
import { changeCoursePhase, startCourse } from "@/lib/course-records/courses";
import {
  CHECKIN_STARTS_PER_HOUR,
  createCheckinRequest,
  currentCheckin,
  openCheckin,
  saveCheckinDraft,
  startCheckin,
  submitCheckin,
} from "@/lib/course-records/checkins";
import { listCourseTimeline } from "@/lib/course-records/timeline";
import { acknowledgeCheckin, listCourseAttention } from "@/lib/course-records/urgent";
import { submitCheckin as submitInRepository } from "@/db/repositories/checkins";
import { URGENT_CHECKIN_SUBJECT } from "@/lib/notify/urgent-notification";
import { deleteClientData, exportClientData, purgeClosedIntakes } from "@/lib/client-data/client-data";
import { getIntakeById } from "@/lib/intake/intake-record";
import { verifyAuditEventChain } from "@/db/repositories/audit-events";
import { useMigratedDatabase } from "../support/database";
import { rawRows, schema, testDb } from "../support/either-database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";
import { calmAnswers, calmSession, checkinFlagsOf, phq } from "../support/course-cases";

const mails: { to: string[]; data: string }[] = [];
let smtp: SMTPServer;
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.NOTIFY_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.NOTIFY_EMAIL_TO = "alerts@clinic.example";
  process.env.NOTIFY_EMAIL_FROM = "no-reply@clinic.example";
  process.env.PUBLIC_ORIGIN = "https://intake.clinic.example";
  process.env.CLINIC_NAME = "Lakeside Mood Clinic";
  resetConfigForTests();
});
useMigratedDatabase();
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  for (const name of ["NOTIFY_SMTP_URL", "NOTIFY_EMAIL_TO", "NOTIFY_EMAIL_FROM", "PUBLIC_ORIGIN", "CLINIC_NAME"]) delete process.env[name];
});

const reviewer = { userId: "u-checkin", email: "dr@clinic.example", ipAddress: "203.0.113.9" };
const NOW = new Date("2026-11-20T15:00:00Z");
const HOUR = 3600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const DOB = "1985-03-14"; // fullIntake's
let clients = 0;
let addresses = 0;
const address = () => `198.51.100.${++addresses}`;
const sha256 = (t: string) => createHash("sha256").update(t, "utf8").digest("base64url");
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

async function course(overrides: Record<string, unknown> = {}): Promise<{ courseId: string; intakeId: string; email: string }> {
  const email = `checkin.client${++clients}@example.org`;
  const response = await postIntake(fullIntake({ email, ...overrides }, { submittedAt: undefined }));
  const intakeId = response.body.id as string;
  await changeIntakeStatus(intakeId, "in_review", reviewer);
  await changeIntakeStatus(intakeId, "consult_booked", reviewer);
  const { courseId } = await startCourse(intakeId, { started_on: "2026-10-01", baseline_phq9: 18 }, reviewer, NOW);
  return { courseId, intakeId, email };
}

/** A link, started with the right date of birth: the cookie token. */
async function started(courseId: string, now = NOW): Promise<{ token: string; session: string }> {
  const { token } = await createCheckinRequest(courseId, reviewer, { now });
  const result = await startCheckin(token, DOB, address(), now);
  if (result.outcome !== "started") throw new Error(`not started: ${result.outcome}`);
  return { token, session: result.sessionToken };
}

const everything = async () => JSON.stringify(await rawRows("select * from checkin_requests")) + JSON.stringify(await rawRows("select * from checkin_drafts")) + JSON.stringify(await rawRows("select * from checkins"));

describe("check-in links", () => {
  it("returns a 256-bit token once and stores only its SHA-256; 72 hours by default", async () => {
    const { courseId } = await course();
    const link = await createCheckinRequest(courseId, reviewer, { now: NOW });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(link.token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(link.url).toBe(`https://intake.clinic.example/check-in/${link.token}`);
    expect(link.expiresAt).toBe(at(72).toISOString());
    const rows = await rawRows<{ token_hash: string }>("select token_hash from checkin_requests where id = ?", link.requestId);
    expect(rows).toEqual([{ token_hash: sha256(link.token) }]);
    expect(JSON.stringify(await rawRows("select * from checkin_requests"))).not.toContain(link.token);
    const audit = (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "checkin.request_create").at(-1)!;
    expect(audit.detail).not.toContain(link.token);
  });

  it("CHECKIN_LINK_HOURS changes the lifetime and is validated by name", () => {
    expect(parseConfig({ CHECKIN_LINK_HOURS: "24" }).checkinLinkHours).toBe(24);
    expect(parseConfig({}).checkinLinkHours).toBe(72);
    expect(() => parseConfig({ CHECKIN_LINK_HOURS: "0" })).toThrow("CHECKIN_LINK_HOURS: must be at least 1 hour");
    expect(() => parseConfig({ CHECKIN_LINK_HOURS: "soon" })).toThrow("CHECKIN_LINK_HOURS: must be a whole number of hours");
  });

  it("e-mails the link to the intake's address naming the clinic, with no health information or treatment", async () => {
    const { courseId, email } = await course();
    const before = mails.length;
    const link = await createCheckinRequest(courseId, reviewer, { email: true, now: NOW });
    expect(link.emailed).toBe(true);
    await waitFor(() => mails.length > before);
    const mail = mails.at(-1)!;
    expect(mail.to).toEqual([email]);
    expect(mail.data).toContain("Lakeside Mood Clinic");
    expect(mail.data.replace(/=\r?\n/g, "")).toContain(link.token);
    for (const word of ["ketamine", "Ketamine", "infusion", "depress", "bipolar", "suicid", "PHQ", "Zo", "Bélanger"]) expect(mail.data).not.toContain(word);
    expect((await testDb().select().from(schema.auditEvents)).some((e) => e.action === "checkin.request_email")).toBe(true);
  });

  it("opening shows only the clinic and never uses the link up; opening is audited without details", async () => {
    const { courseId } = await course();
    const { token } = await createCheckinRequest(courseId, reviewer, { now: NOW });
    const client = address();
    for (let i = 0; i < 3; i++) expect(await openCheckin(token, client, at(1))).toEqual({ state: "usable", clinicName: "Lakeside Mood Clinic" });
    expect((await startCheckin(token, DOB, client, at(2))).outcome).toBe("started");
    expect((await openCheckin("x".repeat(43), client, NOW)).state).toBe("unknown");
    const opens = (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "checkin.open");
    expect(opens.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(opens)).not.toMatch(/1985|Zoë|checkin\.client/);
  });

  it("expires after 72 hours", async () => {
    const { courseId } = await course();
    const { token } = await createCheckinRequest(courseId, reviewer, { now: NOW });
    expect((await openCheckin(token, null, at(71.9))).state).toBe("usable");
    expect((await openCheckin(token, null, at(72))).state).toBe("expired");
    expect(await startCheckin(token, DOB, address(), at(72))).toEqual({ outcome: "unavailable", state: "expired" });
  });

  it("five wrong dates of birth end the link; a malformed date is not counted", async () => {
    const { courseId } = await course();
    const { token } = await createCheckinRequest(courseId, reviewer, { now: NOW });
    const client = address();
    expect(await startCheckin(token, "14/03/1985", client, NOW)).toMatchObject({ outcome: "invalid", field: "date_of_birth" });
    for (let left = 4; left >= 1; left--) expect(await startCheckin(token, "1985-03-15", client, NOW)).toEqual({ outcome: "wrong_date_of_birth", triesLeft: left });
    expect(await startCheckin(token, "1985-03-15", client, NOW)).toEqual({ outcome: "unavailable", state: "ended" });
    expect(await startCheckin(token, DOB, client, NOW)).toEqual({ outcome: "unavailable", state: "ended" });
    expect((await openCheckin(token, client, NOW)).state).toBe("ended");
    const audit = await testDb().select().from(schema.auditEvents);
    expect(audit.filter((e) => e.action === "checkin.link_ended")).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain("1985-03-15");
  });

  it("rate-limits date-of-birth attempts per client address", async () => {
    const { courseId } = await course();
    const client = address();
    let left = CHECKIN_STARTS_PER_HOUR;
    while (left > 0) {
      const { token } = await createCheckinRequest(courseId, reviewer, { now: NOW });
      for (let i = 0; i < 4 && left > 0; i++, left--) expect((await startCheckin(token, "2000-01-01", client, NOW)).outcome).toBe("wrong_date_of_birth");
    }
    const { token } = await createCheckinRequest(courseId, reviewer, { now: NOW });
    expect((await startCheckin(token, DOB, client, NOW)).outcome).toBe("rate_limited");
    expect((await startCheckin(token, DOB, address(), NOW)).outcome).toBe("started");
  });

  it("refuses a link for an ended course", async () => {
    const { courseId } = await course();
    await changeCoursePhase(courseId, "ended", "completed", reviewer, NOW);
    await expect(createCheckinRequest(courseId, reviewer, { now: NOW })).rejects.toThrow("This course has ended");
  });
});

describe("answering a check-in", () => {
  it("keeps an encrypted draft tied to the cookie token; the crisis flag turns on and stays", async () => {
    const { courseId } = await course();
    const { session } = await started(courseId);
    const saved = await saveCheckinDraft(session, { answers: { si_thoughts_since_last: "no", self_harm_since_last: "yes", message_for_clinic: "Rough week at home" } }, at(1));
    expect(saved).toEqual({ saved: true, crisisShown: true });
    expect((await saveCheckinDraft(session, { answers: {} }, at(1))).crisisShown).toBe(true);
    expect(await saveCheckinDraft(session, { answers: {}, extra: 1 }, at(1))).toMatchObject({ saved: false });
    const current = await currentCheckin(session, at(1));
    expect(current).toMatchObject({ crisisShown: true, submitted: false, clinicName: "Lakeside Mood Clinic", country: "CA", state: { answers: {} } });
    expect(await currentCheckin("y".repeat(43), at(1))).toBeUndefined();
    await saveCheckinDraft(session, { answers: { message_for_clinic: "Rough week at home" } }, at(1));
    expect(await everything()).not.toMatch(/Rough week|self_harm/);
  });

  it("an invalid submission names the item and saves nothing; the link stays usable", async () => {
    const { courseId } = await course();
    const { token, session } = await started(courseId);
    const result = await submitCheckin(session, calmAnswers({ phq9_4: 7 }), address(), at(1));
    expect(result.outcome).toBe("invalid");
    expect(result.outcome === "invalid" && result.errors.map((e) => e.item)).toEqual(["phq9_4"]);
    expect(await rawRows("select id from checkins where course_id = ?", courseId)).toEqual([]);
    expect((await openCheckin(token, null, at(1))).state).toBe("usable");
  });

  it("stores the check-in with its flags as computed, uses the link up, and a double submit gives one check-in", async () => {
    const { courseId } = await course();
    const { token, session } = await started(courseId);
    const answers = calmAnswers({ side_effects: ["blood_in_urine", "memory_or_concentration_worse"], message_for_clinic: "Saw pink urine twice" });
    const [first, second] = await Promise.all([submitCheckin(session, answers, address(), at(1)), submitCheckin(session, answers, address(), at(1))]);
    expect(first.outcome === "stored" || second.outcome === "stored").toBe(true);
    expect([first.outcome, second.outcome].sort()).toEqual(["replayed", "stored"]);
    const third = await submitCheckin(session, undefined, address(), at(2));
    expect(third).toMatchObject({ outcome: "replayed" });
    const rows = await rawRows<{ id: string; rule_set_version: string; highest_severity: string }>("select id, rule_set_version, highest_severity from checkins where course_id = ?", courseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rule_set_version: "course-1", highest_severity: "needs_medical_clearance" });
    expect([first, second, third].every((r) => "checkinId" in r && r.checkinId === rows[0]!.id)).toBe(true);
    expect((await openCheckin(token, null, at(2))).state).toBe("used");
    expect(await startCheckin(token, DOB, address(), at(2))).toEqual({ outcome: "unavailable", state: "used" });
    expect((await currentCheckin(session, at(2)))?.submitted).toBe(true);
    const timeline = await listCourseTimeline(courseId, reviewer);
    const entry = timeline.entries.find((e) => e.kind === "checkin");
    expect(entry?.kind === "checkin" && entry.flags).toEqual(checkinFlagsOf(answers, { baseline: 18 }));
    expect(entry?.kind === "checkin" && entry.flags.map((f) => f.id)).toEqual(["URINARY_SYMPTOMS", "COGNITIVE_COMPLAINT"]);
    expect(await everything()).not.toMatch(/pink urine|blood_in_urine|URINARY/);
  });

  it("COURSE_THRESHOLDS changes which flag a stored check-in carries, stored under the custom rule set's version", async () => {
    const answers = calmAnswers({ home_bp_systolic: 175, home_bp_diastolic: 95, home_bp_date: "2026-11-19" });
    const storedFlags = async () => {
      const { courseId } = await course();
      const { session } = await started(courseId);
      expect((await submitCheckin(session, answers, address(), at(1))).outcome).toBe("stored");
      const [row] = await rawRows<{ rule_set_version: string }>("select rule_set_version from checkins where course_id = ?", courseId);
      const entry = (await listCourseTimeline(courseId, reviewer)).entries.find((e) => e.kind === "checkin");
      return { version: row!.rule_set_version, ids: entry?.kind === "checkin" ? entry.flags.map((f) => f.id) : [] };
    };
    expect(await storedFlags()).toEqual({ version: "course-1", ids: ["HOME_BP_ELEVATED"] });
    process.env.COURSE_THRESHOLDS = '{"bpSevereSystolic":170}';
    resetConfigForTests();
    try {
      const custom = await storedFlags();
      expect(custom.ids).toEqual(["HOME_BP_SEVERE"]);
      expect(custom.version).toMatch(/^course-1-custom-[0-9a-f]{8}$/);
      expect(custom.version).toBe(parseConfig(process.env).courseRuleSet.version);
    } finally {
      delete process.env.COURSE_THRESHOLDS;
      resetConfigForTests();
    }
  });

  it("a check-in before session 1 becomes the baseline; later ones (and their WORSENING) compare with it", async () => {
    const { courseId } = await course();
    const first = await started(courseId);
    await submitCheckin(first.session, calmAnswers(phq(4)), address(), at(1));
    expect((await listCourseTimeline(courseId, reviewer)).course.baselinePhq9).toBe(4);
    const { recordSession } = await import("@/lib/course-records/sessions");
    await recordSession(courseId, calmSession(), reviewer, at(2));
    const second = await started(courseId, at(24));
    const worse = calmAnswers(phq(9));
    await submitCheckin(second.session, worse, address(), at(25));
    const timeline = await listCourseTimeline(courseId, reviewer);
    expect(timeline.course.baselinePhq9).toBe(4);
    const newest = timeline.entries.find((e) => e.kind === "checkin");
    expect(newest?.kind === "checkin" && newest.flags.map((f) => f.id)).toContain("WORSENING");
    expect(newest?.kind === "checkin" && newest.flags).toEqual(checkinFlagsOf(worse, { baseline: 4, previous: calmAnswers(phq(4)) }));
  });

  it("compares with the course's previous check-in (ELEVATION_RISING on a rise of 2)", async () => {
    const { courseId } = await course();
    const { recordSession } = await import("@/lib/course-records/sessions");
    await recordSession(courseId, calmSession(), reviewer, NOW);
    const first = await started(courseId);
    await submitCheckin(first.session, calmAnswers({ mania_symptoms_past_week: ["racing_thoughts"] }), address(), at(1));
    const second = await started(courseId, at(24));
    const rising = calmAnswers({ mania_symptoms_past_week: ["racing_thoughts", "distractibility", "irritability"] });
    await submitCheckin(second.session, rising, address(), at(25));
    const checkins = (await listCourseTimeline(courseId, reviewer)).entries.filter((e) => e.kind === "checkin");
    expect(checkins).toHaveLength(2);
    const newest = checkins[0]!;
    expect(newest.kind === "checkin" && newest.flags).toEqual(checkinFlagsOf(rising, { baseline: 18, previous: calmAnswers({ mania_symptoms_past_week: ["racing_thoughts"] }) }));
    expect(newest.kind === "checkin" && newest.flags.map((f) => f.id)).toContain("ELEVATION_RISING");
  });

  it("a failed write leaves nothing half-saved: no check-in, the link still usable, the draft kept", async () => {
    const { courseId } = await course();
    const { token, session } = await started(courseId);
    await saveCheckinDraft(session, { answers: { message_for_clinic: "kept" } }, at(1));
    const draft = (await rawRows<{ id: string }>("select d.id from checkin_drafts d join checkin_requests r on r.id = d.request_id where r.course_id = ?", courseId))[0]!;
    await expect(
      submitInRepository(draft.id, {
        checkinId: "half",
        submittedAt: at(1),
        build: () => {
          throw new Error("disk full");
        },
        keepState: { answers: {} },
        outcomeFacts: (stored) => stored,
        baselineBeforeFirstSession: 0,
        crisisShown: false,
        audit: () => ({ action: "checkin.submit" }),
      }),
    ).rejects.toThrow("disk full");
    expect(await rawRows("select id from checkins where course_id = ?", courseId)).toEqual([]);
    expect((await openCheckin(token, null, at(1))).state).toBe("usable");
    expect((await currentCheckin(session, at(1)))?.state.answers).toEqual({ message_for_clinic: "kept" });
  });

  it("after the link expires nothing more is saved or submitted", async () => {
    const { courseId } = await course();
    const { session } = await started(courseId);
    expect((await saveCheckinDraft(session, { answers: {} }, at(73))).saved).toBe(false);
    expect(await submitCheckin(session, calmAnswers(), address(), at(73))).toEqual({ outcome: "unavailable" });
  });
});

describe("urgent course flags", () => {
  it("an urgent check-in notifies the clinic without details, tops the attention list until acknowledged (who, when)", async () => {
    const { courseId, intakeId } = await course();
    const calm = await course();
    await createCheckinRequest(calm.courseId, reviewer, { now: NOW });
    const { session } = await started(courseId);
    const before = mails.length;
    const answers = calmAnswers({ si_thoughts_since_last: "yes", si_intent: "yes", si_plan: "no", phq9_9: 2 });
    const result = await submitCheckin(session, answers, address(), at(1));
    expect(result).toMatchObject({ outcome: "stored", crisisShown: true });
    expect(await currentCheckin(session, at(1))).toMatchObject({ submitted: true, crisisShown: true });
    await waitFor(() => mails.slice(before).some((m) => m.to.includes("alerts@clinic.example")));
    const alert = mails.slice(before).find((m) => m.to.includes("alerts@clinic.example"))!;
    expect(alert.data).toContain(`Subject: ${URGENT_CHECKIN_SUBJECT}`);
    for (const word of ["Zo", "Bélanger", "suicid", "PHQ", "ketamine", intakeId]) expect(alert.data).not.toContain(word);

    const list = await listCourseAttention(reviewer, at(2));
    expect(list[0]).toMatchObject({ courseId, intakeId, unacknowledged: 1 });
    expect(list.find((r) => r.courseId === calm.courseId)).toMatchObject({ unacknowledged: 0, openRequests: 1 });
    const checkinId = (result as { checkinId: string }).checkinId;
    const flags = (await listCourseTimeline(courseId, reviewer)).entries.find((e) => e.kind === "checkin");
    expect(flags?.kind === "checkin" && flags.flags[0]).toMatchObject({ id: "CHECKIN_ACTIVE_RISK", severity: "urgent_safety" });
    expect(flags?.kind === "checkin" && flags.needsAcknowledgement).toBe(true);

    await acknowledgeCheckin(checkinId, reviewer, at(3));
    await expect(acknowledgeCheckin(checkinId, reviewer, at(3))).rejects.toThrow("already acknowledged");
    expect((await listCourseAttention(reviewer, at(4))).find((r) => r.courseId === courseId)).toBeUndefined();
    const entry = (await listCourseTimeline(courseId, reviewer)).entries.find((e) => e.kind === "checkin");
    expect(entry).toMatchObject({ needsAcknowledgement: false, acknowledgedAt: at(3).toISOString() });
    const ack = (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "course.flag_acknowledge").at(-1)!;
    expect(ack).toMatchObject({ actorUserId: reviewer.userId, intakeId });
    expect((await verifyAuditEventChain()).ok).toBe(true);
  });
});

describe("the client's data", () => {
  it("the export includes the course, sessions (every version) and check-ins; deletion removes all of it", async () => {
    const { courseId, intakeId } = await course();
    const { correctSession, recordSession } = await import("@/lib/course-records/sessions");
    const { sessionId } = await recordSession(courseId, calmSession({ notes: "Session note" }), reviewer, NOW);
    await correctSession(courseId, sessionId, calmSession({ notes: "Session note, corrected" }), "Typo", reviewer, { now: NOW });
    const { session } = await started(courseId);
    await submitCheckin(session, calmAnswers({ message_for_clinic: "Hello clinic" }), address(), at(1));
    const data = await exportClientData(intakeId, [intakeId], reviewer);
    const [exported] = data.intakes[0]!.courses;
    expect(exported).toMatchObject({ id: courseId, baselinePhq9: 18, phase: "acute" });
    expect(exported!.sessions.map((s) => [s.version, (s.record as { notes: string }).notes, s.correctionReason])).toEqual([
      [1, "Session note", null],
      [2, "Session note, corrected", "Typo"],
    ]);
    expect(exported!.checkins.map((c) => (c.answers as { message_for_clinic: string }).message_for_clinic)).toEqual(["Hello clinic"]);
    expect(exported!.checkinLinks).toHaveLength(1);

    const draftIds = (await rawRows<{ id: string }>("select d.id from checkin_drafts d join checkin_requests r on r.id = d.request_id where r.course_id = ?", courseId)).map((d) => d.id);
    expect(draftIds).toHaveLength(1);
    const reference = (await getIntakeById(intakeId))!.reference;
    expect(await deleteClientData(intakeId, [intakeId], [reference], "no_retention_duty", reviewer)).toBe(1);
    const left = async (sql: string) => Number((await rawRows<{ n: number | string }>(sql, courseId))[0]!.n);
    expect(await left("select count(*) as n from courses where id = ?")).toBe(0);
    for (const table of ["course_phase_changes", "course_sessions", "checkin_requests", "checkins"]) expect(await left(`select count(*) as n from ${table} where course_id = ?`), table).toBe(0);
    expect(await left("select count(*) as n from checkin_drafts where request_id in (select id from checkin_requests where course_id = ?)")).toBe(0);
    expect(await rawRows("select id from checkin_drafts where id in (?)", draftIds[0])).toEqual([]);
  });

  it("retention keeps a closed intake while its course is open, and for the period after it ended", async () => {
    const { courseId, intakeId } = await course();
    await changeIntakeStatus(intakeId, "archived", reviewer);
    const inTwoYears = new Date(Date.now() + 2 * 366 * 24 * HOUR);
    expect(await purgeClosedIntakes(365, inTwoYears)).toBe(0);
    expect(await getIntakeById(intakeId)).toBeDefined();
    await changeCoursePhase(courseId, "ended", "completed", reviewer, new Date());
    expect(await purgeClosedIntakes(365, inTwoYears)).toBe(1);
    expect(await getIntakeById(intakeId)).toBeUndefined();
    expect(await rawRows("select id from courses where id = ?", courseId)).toEqual([]);
  });
});

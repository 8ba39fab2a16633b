"use server";

import { z } from "zod";
import { redirect, RedirectType } from "next/navigation";
import { therapistAction, type ActionResult } from "@/lib/auth/therapist-action";
import { acknowledgeCheckin, changeCoursePhase, correctSession, createCheckinRequest, recordSession, startCourse, CORRECTION_REASON_MAX_LENGTH, type FieldProblem } from "@/lib/course-records";
import { END_REASONS, PHASES, SESSION_FIELDS } from "@/lib/course";
import { COURSE_ID_PATTERN, courseConfirmationPath, type CourseDoneKind } from "@/lib/course-forms/confirmations";
import { sessionFormValues, sessionRecordOf, type SessionFormValues } from "@/lib/course-forms/session-form";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";

/**
 * The course forms' actions (the intake page's "Start a course", the course page's forms). Each
 * goes through therapistAction (same origin, session, zod naming the field) and is the form's
 * action, so it posts without JavaScript: a refusal comes back as the form's state with what was
 * typed; success goes to the course page with its confirmation (`?done=…`, never anything typed).
 */

const intakeId = z.string().regex(INTAKE_ID_PATTERN, "Unknown intake");
const courseId = z.string().regex(COURSE_ID_PATTERN, "Unknown course");
const recordId = (what: string) => z.string().regex(COURSE_ID_PATTERN, `Unknown ${what}`);
/** A form field's text, bounded; its own rules (range, date) are checked by lib/course-records, which names it. */
const text = (max = 100) => z.string().max(max, `Use ${max} characters or fewer`).optional();
const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;
const numberOrText = text().transform((v) => (v !== undefined && NUMBER.test(v) ? Number(v) : v));

export type CourseFormState = { error: string; problems: readonly FieldProblem[]; values: SessionFormValues } | undefined;

function fieldsOf(args: unknown[]) {
  const form = args.find((a): a is FormData => a instanceof FormData);
  const read = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const readAll = (name: string) => (form?.getAll(name) ?? []).filter((v): v is string => typeof v === "string");
  return { read, readAll };
}

async function confirmOrRefuse(result: Promise<ActionResult<{ courseId: string }>>, done: CourseDoneKind, values: SessionFormValues, courseIdGiven?: string): Promise<CourseFormState> {
  const outcome = await result;
  if (!outcome.ok) return { error: outcome.error, problems: outcome.problems ?? (outcome.field ? [{ field: outcome.field.replace(/^values\./, ""), message: outcome.error }] : []), values };
  // The action validated the id before it succeeded.
  redirect(courseConfirmationPath(outcome.data?.courseId ?? courseIdGiven!, done), RedirectType.replace);
}

const startCourseSchema = z.strictObject({ intakeId, started_on: text(), planned_acute_sessions: numberOrText, baseline_phq9: numberOrText });
const start = therapistAction(startCourseSchema, async ({ intakeId, ...input }, therapist) => ({ ok: true, data: await startCourse(intakeId, input, therapist) }));

export async function startCourseAction(...args: unknown[]): Promise<CourseFormState> {
  const { read } = fieldsOf(args);
  const values = { started_on: read("started_on") ?? "", planned_acute_sessions: read("planned_acute_sessions") ?? "", baseline_phq9: read("baseline_phq9") ?? "" };
  return confirmOrRefuse(start({ intakeId: read("intakeId"), ...values }), "started", values);
}

const phaseSchema = z.strictObject({
  courseId,
  phase: z.enum(PHASES, { error: "Choose the phase to move to" }),
  end_reason: z.union([z.enum(END_REASONS), z.literal("")], { error: "Choose one of the reasons" }).optional(),
});
const phase = therapistAction(phaseSchema, async ({ courseId, phase, end_reason }, therapist) => {
  await changeCoursePhase(courseId, phase, end_reason === "" ? undefined : end_reason, therapist);
  return { ok: true, data: { courseId } };
});

export async function changePhaseAction(...args: unknown[]): Promise<CourseFormState> {
  const { read } = fieldsOf(args);
  const values = { phase: read("phase") ?? "", end_reason: read("end_reason") ?? "" };
  return confirmOrRefuse(phase({ courseId: read("courseId"), ...values }), "phase", values, read("courseId"));
}

/** The session form's own fields, as posted: text bounded (notes have room for their own 2000-character rule to name), checkboxes a short list. */
const sessionShape = Object.fromEntries(
  SESSION_FIELDS.map((f) => [f.id, f.type === "multi" ? z.array(z.string().max(64)).max(f.options.length, "Choose fewer options") : text(f.type === "text" ? 10_000 : 100)]),
) as Record<string, z.ZodType>;

const sessionSchema = z.strictObject({ courseId, values: z.strictObject(sessionShape) });
const record = therapistAction(sessionSchema, async ({ courseId, values }, therapist) => {
  await recordSession(courseId, sessionRecordOf(values as SessionFormValues), therapist);
  return { ok: true, data: { courseId } };
});

export async function recordSessionAction(...args: unknown[]): Promise<CourseFormState> {
  const { read, readAll } = fieldsOf(args);
  const values = sessionFormValues(read, readAll);
  return confirmOrRefuse(record({ courseId: read("courseId"), values }), "session", values, read("courseId"));
}

const correctionSchema = z.strictObject({
  courseId,
  sessionId: recordId("session"),
  expectedVersion: z.coerce.number({ error: "Reload the page and correct the latest version" }).int().min(1),
  reason: text(CORRECTION_REASON_MAX_LENGTH * 4),
  values: z.strictObject(sessionShape),
});
const correct = therapistAction(correctionSchema, async ({ courseId, sessionId, expectedVersion, reason, values }, therapist) => {
  await correctSession(courseId, sessionId, sessionRecordOf(values as SessionFormValues), reason ?? "", therapist, { expectedVersion });
  return { ok: true, data: { courseId } };
});

export async function correctSessionAction(...args: unknown[]): Promise<CourseFormState> {
  const { read, readAll } = fieldsOf(args);
  const values = sessionFormValues(read, readAll);
  const result = correct({ courseId: read("courseId"), sessionId: read("sessionId"), expectedVersion: read("expectedVersion"), reason: read("reason"), values });
  return confirmOrRefuse(result, "corrected", { ...values, reason: read("reason") ?? "" }, read("courseId"));
}

const acknowledgeSchema = z.strictObject({ courseId, checkinId: recordId("check-in") });
const acknowledge = therapistAction(acknowledgeSchema, async ({ courseId, checkinId }, therapist) => {
  await acknowledgeCheckin(checkinId, therapist);
  return { ok: true, data: { courseId } };
});

export async function acknowledgeCheckinAction(...args: unknown[]): Promise<CourseFormState> {
  const { read } = fieldsOf(args);
  return confirmOrRefuse(acknowledge({ courseId: read("courseId"), checkinId: read("checkinId") }), "acknowledged", {}, read("courseId"));
}

/** The link is shown once, in the form's state (never in an address); with `send=email` it is also e-mailed. */
export type CheckinLinkState = { error: string } | { url: string; expiresAt: string; emailed: boolean; emailWanted: boolean } | undefined;

const linkSchema = z.strictObject({ courseId, send: z.enum(["copy", "email"], { error: "Choose how to send the link" }) });
const createLink = therapistAction(linkSchema, async ({ courseId, send }, therapist) => {
  const created = await createCheckinRequest(courseId, therapist, { email: send === "email" });
  return { ok: true, data: { url: created.url, expiresAt: created.expiresAt, emailed: created.emailed, emailWanted: send === "email" } };
});

export async function createCheckinLinkAction(...args: unknown[]): Promise<CheckinLinkState> {
  const { read } = fieldsOf(args);
  const outcome = await createLink({ courseId: read("courseId"), send: read("send") });
  return outcome.ok ? outcome.data! : { error: outcome.error };
}

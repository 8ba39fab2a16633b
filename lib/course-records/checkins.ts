import "server-only";
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { z } from "zod";
import * as repository from "@/db/repositories/checkins";
import { readCourse } from "@/db/repositories/courses";
import { getConfig } from "@/lib/config";
import { getIntakeById } from "@/lib/intake/intake-record";
import { CHECKIN_VERSION, checkinFlags, isCheckinCrisisTriggered, validateCheckinAnswers, type CheckinAnswers } from "@/lib/course";
import type { Issue } from "@/lib/questionnaire/parse-intake";
import { isRealDate } from "@/lib/questionnaire/dates";
import { notifyUrgentCheckin } from "@/lib/notify/urgent-notification";
import { consume, HOUR_MS } from "@/lib/rate-limit/limiter";
import { limitKey } from "@/lib/rate-limit/keys";
import { logServerError } from "@/lib/server/log";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import type { AuditEvent } from "@/lib/audit/audit-log";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { clinicToday, currentCourseRuleSet, sha256Base64url } from "./context";
import { CourseConflict } from "./errors";
import { phq9Of } from "@/lib/course/intake-parts";
import { factsAfterCheckin } from "@/lib/course/report-facts";

/**
 * Check-ins: the therapist creates a link (256 random bits; only the SHA-256 is stored) that works
 * CHECKIN_LINK_HOURS (72 by default) and is used up by the submission, never by opening it (mail
 * scanners open links). The client confirms their date of birth against the intake (five wrong
 * tries end the link; attempts are rate-limited per address), answers into an encrypted draft tied
 * to an HttpOnly cookie, and submits: validated, flagged with the course rule set, stored, the link
 * used up — one transaction. Patient-facing steps are audited with ids only.
 */

/** Where a link opens: `${CHECKIN_PATH}/${token}`. The pages helper owns the route. */
export const CHECKIN_PATH = "/check-in";
export const MAX_DOB_TRIES = 5;
/** Date-of-birth attempts (right or wrong) allowed per client address per hour, across links. */
export const CHECKIN_STARTS_PER_HOUR = 20;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const newToken = () => randomBytes(32).toString("base64url");
const newId = () => randomBytes(16).toString("base64url");

const hoursLater = (now: Date, hours: number) => new Date(now.getTime() + hours * HOUR_MS).toISOString();

export function checkinLinkUrl(token: string): string {
  const config = getConfig();
  return `${config.publicOrigin ?? `http://localhost:${config.port}`}${CHECKIN_PATH}/${token}`;
}

/** Whether the link can also be e-mailed to the client (SMTP configured). */
export const checkinEmailConfigured = (): boolean => !!getConfig().notify.smtpUrl;

/** The e-mail to the client: the clinic's name, that a short check-in waits, the link. No health information, no treatment. */
export function checkinEmail(clinicName: string, url: string, hours: number): { subject: string; text: string } {
  return {
    subject: `${clinicName}: a short check-in is waiting for you`,
    text: [
      "Hello,",
      "",
      `${clinicName} has a short check-in waiting for you. It takes about five minutes.`,
      "",
      `Open it here: ${url}`,
      "",
      `The link works for ${hours} hours. If it has stopped working, contact ${clinicName} for a new one.`,
    ].join("\n"),
  };
}

export interface CreatedCheckinRequest {
  requestId: string;
  /** Shown once (to copy); never stored. */
  token: string;
  url: string;
  expiresAt: string;
  emailed: boolean;
}

/**
 * Creates a check-in link for an open course. With `email`, also sends it to the intake's e-mail
 * address (refused when SMTP is not configured); a failed send leaves the link usable (emailed: false).
 */
export async function createCheckinRequest(courseId: string, reviewer: Reviewer, options: { email?: boolean; now?: Date } = {}): Promise<CreatedCheckinRequest> {
  const now = options.now ?? new Date();
  const config = getConfig();
  if (options.email && !checkinEmailConfigured()) throw new CourseConflict("E-mail is not configured (NOTIFY_SMTP_URL); copy the link instead");
  const course = await readCourse(courseId);
  if (!course) throw new CourseConflict("This course no longer exists");
  const token = newToken();
  const requestId = newId();
  const expiresAt = hoursLater(now, config.checkinLinkHours);
  const result = await repository.insertRequest(
    { id: requestId, courseId, tokenHash: sha256Base64url(token), createdBy: reviewer.userId, createdAt: now, expiresAt },
    { action: "checkin.request_create", ...actorOf(reviewer), intakeId: course.intakeId, detail: { course: courseId, request: requestId, hours: config.checkinLinkHours } },
  );
  if (result === "missing") throw new CourseConflict("This course no longer exists");
  if (result === "ended") throw new CourseConflict("This course has ended; check-ins can no longer be sent");
  const url = checkinLinkUrl(token);
  let emailed = false;
  if (options.email) {
    const to = (await getIntakeById(course.intakeId))?.answers.email;
    if (typeof to === "string" && to) emailed = await sendCheckinEmail(to, url, config.checkinLinkHours);
    if (emailed)
      await repository.markRequestEmailed(requestId, new Date(), { action: "checkin.request_email", ...actorOf(reviewer), intakeId: course.intakeId, detail: { course: courseId, request: requestId } });
  }
  return { requestId, token, url, expiresAt, emailed };
}

async function sendCheckinEmail(to: string, url: string, hours: number): Promise<boolean> {
  const config = getConfig();
  const transport = nodemailer.createTransport(config.notify.smtpUrl!);
  try {
    const mail = checkinEmail(config.clinicName, url, hours);
    await transport.sendMail({ from: config.notify.emailFrom ?? config.notify.emailTo, to, subject: mail.subject, text: mail.text });
    return true;
  } catch (error) {
    logServerError("checkin.email_failed", error);
    return false;
  } finally {
    transport.close();
  }
}

export type LinkState = "usable" | "unknown" | "expired" | "used" | "ended";

function stateOf(request: repository.CheckinRequestRow | undefined, now: Date): LinkState {
  if (!request) return "unknown";
  if (request.usedAt) return "used";
  if (request.endedAt) return "ended";
  if (request.expiresAt <= now.toISOString()) return "expired";
  return "usable";
}

async function requestOf(token: string): Promise<repository.CheckinRequestRow | undefined> {
  return TOKEN_SHAPE.test(token) ? repository.findRequestByTokenHash(sha256Base64url(token)) : undefined;
}

/**
 * What opening a link shows: only the clinic's name and a Start button. Opening never uses the
 * link up (mail scanners open links). Audited (ids only) when the link exists.
 */
export async function openCheckin(token: string, address: string | null, now = new Date()): Promise<{ state: LinkState; clinicName: string }> {
  const request = await requestOf(token);
  const state = stateOf(request, now);
  if (request) {
    await appendAuditEvents([{ action: "checkin.open", intakeId: request.intakeId, ipAddress: address, detail: { request: request.id, state } }], now);
  }
  return { state, clinicName: getConfig().clinicName };
}

export type StartResult =
  | { outcome: "started"; sessionToken: string; cookieMaxAgeSeconds: number }
  | { outcome: "wrong_date_of_birth"; triesLeft: number }
  | { outcome: "invalid"; field: "date_of_birth"; message: string }
  | { outcome: "unavailable"; state: Exclude<LinkState, "usable"> }
  | { outcome: "rate_limited"; retryAfter: number };

/**
 * The Start button: the client's date of birth against the intake's. Right: a draft and the
 * session token for the HttpOnly cookie. Wrong: counted; the fifth wrong try ends the link. Every
 * attempt counts against CHECKIN_STARTS_PER_HOUR for the address.
 */
export async function startCheckin(token: string, dateOfBirth: unknown, address: string | null, now = new Date()): Promise<StartResult> {
  if (typeof dateOfBirth !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || !isRealDate(dateOfBirth))
    return { outcome: "invalid", field: "date_of_birth", message: "Enter your date of birth as YYYY-MM-DD" };
  const limit = await consume(limitKey("checkin-start", address), CHECKIN_STARTS_PER_HOUR, HOUR_MS);
  if (!limit.allowed) return { outcome: "rate_limited", retryAfter: limit.retryAfter };
  const request = await requestOf(token);
  const state = stateOf(request, now);
  if (!request || state !== "usable") return { outcome: "unavailable", state: state as Exclude<LinkState, "usable"> };
  const expected = (await getIntakeById(request.intakeId))?.answers.date_of_birth;
  if (dateOfBirth !== expected) {
    const counted = await repository.recordDobMismatch(request.id, MAX_DOB_TRIES, now, ({ tries, ended }): AuditEvent[] => [
      { action: "checkin.dob_mismatch", intakeId: request.intakeId, ipAddress: address, detail: { request: request.id, tries } },
      ...(ended ? [{ action: "checkin.link_ended" as const, intakeId: request.intakeId, ipAddress: address, detail: { request: request.id, reason: "date_of_birth_tries" } }] : []),
    ]);
    if (!counted) return { outcome: "unavailable", state: stateOf(await requestOf(token), now) as Exclude<LinkState, "usable"> };
    if (counted.ended) return { outcome: "unavailable", state: "ended" };
    return { outcome: "wrong_date_of_birth", triesLeft: MAX_DOB_TRIES - counted.tries };
  }
  const sessionToken = newToken();
  const started = await repository.startDraft(
    request.id,
    { id: newId(), sessionHash: sha256Base64url(sessionToken), state: { answers: {} } satisfies CheckinDraftState, createdAt: now, expiresAt: request.expiresAt },
    { action: "checkin.start", intakeId: request.intakeId, ipAddress: address, detail: { request: request.id } },
  );
  if (!started) return { outcome: "unavailable", state: stateOf(await requestOf(token), now) as Exclude<LinkState, "usable"> };
  return { outcome: "started", sessionToken, cookieMaxAgeSeconds: Math.max(1, Math.floor((Date.parse(request.expiresAt) - now.getTime()) / 1000)) };
}

/** What a check-in draft holds, decrypted; validated on every read. */
export const checkinDraftStateSchema = z.strictObject({
  /** Canonical answers of the steps completed so far. */
  answers: z.record(z.string(), z.unknown()),
  /** What was typed on a step not yet completed, exactly as typed. */
  pending: z.strictObject({ section: z.string(), values: z.record(z.string(), z.unknown()) }).optional(),
});
export type CheckinDraftState = z.infer<typeof checkinDraftStateSchema>;

/** The check-in a cookie holds, for the pages: the draft, the crisis flag, the client's country (crisis numbers). */
export interface CheckinSession {
  draftId: string;
  state: CheckinDraftState;
  crisisShown: boolean;
  /** Set once submitted: the confirmation shows (and the crisis panel stays if it was shown). */
  submitted: boolean;
  clinicName: string;
  /** The intake's country, for the crisis numbers. */
  country: unknown;
  expiresAt: string;
}

async function draftOf(sessionToken: string | undefined, now: Date) {
  if (!sessionToken || !TOKEN_SHAPE.test(sessionToken)) return undefined;
  return repository.findDraftBySessionHash(sha256Base64url(sessionToken), now.toISOString());
}

/** The check-in of a cookie's token, undefined when unknown or expired (a therapist page never reads this cookie). */
export async function currentCheckin(sessionToken: string | undefined, now = new Date()): Promise<CheckinSession | undefined> {
  const draft = await draftOf(sessionToken, now);
  if (!draft) return undefined;
  const submitted = draft.checkinId !== null;
  if (!submitted && stateOf({ ...draft.request } as repository.CheckinRequestRow, now) !== "usable") return undefined;
  const intake = await getIntakeById(draft.intakeId);
  return {
    draftId: draft.id,
    state: checkinDraftStateSchema.parse(draft.state),
    crisisShown: draft.crisisShown,
    submitted,
    clinicName: getConfig().clinicName,
    country: intake?.answers.country,
    expiresAt: draft.expiresAt,
  };
}

/**
 * Saves the answers so far (validated per step by the page; here the shape) and turns the crisis
 * flag on when the answers trigger it. False when the draft is gone, submitted or its link unusable.
 */
export async function saveCheckinDraft(sessionToken: string | undefined, state: unknown, now = new Date()): Promise<{ saved: boolean; crisisShown: boolean }> {
  const draft = await draftOf(sessionToken, now);
  const parsed = checkinDraftStateSchema.safeParse(state);
  if (!draft || draft.checkinId || !parsed.success) return { saved: false, crisisShown: draft?.crisisShown ?? false };
  const limit = await consume(limitKey("draft-save", `checkin:${draft.id}`), getConfig().draftSavesPerHour, HOUR_MS);
  if (!limit.allowed) return { saved: false, crisisShown: draft.crisisShown };
  const crisisShown = draft.crisisShown || isCheckinCrisisTriggered(parsed.data.answers);
  const saved = await repository.updateDraftState(draft.id, { state: parsed.data, crisisShown, updatedAt: now.toISOString(), expiresAt: draft.expiresAt, now: now.toISOString() });
  return { saved, crisisShown };
}

export type SubmitCheckinResult =
  | { outcome: "invalid"; errors: Issue[] }
  | { outcome: "unavailable" }
  | { outcome: "stored" | "replayed"; checkinId: string; crisisShown: boolean };

/**
 * Submits the check-in of a cookie's token: `answers` (the final form's values) or, when absent,
 * the draft's. Invalid answers save nothing and name each item. A repeated submit returns the
 * first check-in. An urgent safety flag notifies the clinic (no details).
 */
export async function submitCheckin(sessionToken: string | undefined, answers: Record<string, unknown> | undefined, address: string | null, now = new Date()): Promise<SubmitCheckinResult> {
  const draft = await draftOf(sessionToken, now);
  if (!draft) return { outcome: "unavailable" };
  if (draft.checkinId) return { outcome: "replayed", checkinId: draft.checkinId, crisisShown: draft.crisisShown };
  const raw = answers ?? checkinDraftStateSchema.parse(draft.state).answers;
  const validated = validateCheckinAnswers(raw, { referenceDate: clinicToday(now) });
  if (validated.errors.length > 0) return { outcome: "invalid", errors: validated.errors };
  const ruleSet = currentCourseRuleSet();
  const crisisShown = draft.crisisShown || isCheckinCrisisTriggered(validated.answers);
  const result = await repository.submitCheckin(draft.id, {
    checkinId: newId(),
    submittedAt: now,
    build: (ctx) => {
      const flags = checkinFlags({ answers: validated.answers, baselinePhq9: ctx.baselinePhq9, previous: ctx.previousAnswers as CheckinAnswers | undefined }, ruleSet);
      return {
        checkinVersion: CHECKIN_VERSION,
        answers: validated.answers,
        flags,
        ruleSetVersion: ruleSet.version,
        highestSeverity: flags[0]?.severity ?? null,
        needsAcknowledgement: flags.some((f) => f.severity === "urgent_safety"),
      };
    },
    keepState: { answers: {} } satisfies CheckinDraftState,
    baselineBeforeFirstSession: phq9Of(validated.answers).total,
    outcomeFacts: (stored, built) => factsAfterCheckin(stored, { answers: validated.answers, flags: built.flags }),
    crisisShown,
    audit: (c) => ({ action: "checkin.submit", intakeId: draft.intakeId, ipAddress: address, detail: { course: c.courseId, request: draft.requestId, checkin: c.id, urgent: c.needsAcknowledgement, baselineReplaced: c.baselineReplaced } }),
  });
  if (result.outcome === "unavailable") return result;
  if (result.outcome === "stored" && result.needsAcknowledgement) notifyUrgentCheckin();
  return { outcome: result.outcome, checkinId: result.checkinId, crisisShown };
}

/** Removes check-in drafts past their link's expiry (retention); returns how many. */
export async function deleteExpiredCheckinDrafts(now = new Date()): Promise<number> {
  return repository.deleteExpiredCheckinDrafts(now.toISOString());
}

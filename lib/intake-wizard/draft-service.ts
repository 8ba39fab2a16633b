import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { questionnaire, withoutHiddenAnswers } from "@/lib/questionnaire";
import { calendarDateIn } from "@/lib/questionnaire/dates";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy-notice";
import { getIntakeById } from "@/lib/intake/intake-record";
import { submitIntake } from "@/lib/intake/submit-intake";
import { logServerError } from "@/lib/server/log";
import { noteStorageWrite, recordIfStorageFault } from "@/lib/server/storage-faults";
import { consume, spend, HOUR_MS, type LimitResult } from "@/lib/rate-limit/limiter";
import { limitKey } from "@/lib/rate-limit/keys";
import { parseStep, type FieldIssue } from "./form-values";
import { isCrisisTriggered } from "./crisis-trigger";
import { ACUTE_RISK_ITEMS, acuteRisksIn } from "./acute-risk";
import { createDraft, deleteDraft, issueResumeToken, markDraftSubmitted, resumeDraft, saveDraft, type Draft, type DraftState } from "./drafts";
import { clearDraftCookie, currentDraft, refreshDraftCookie, setDraftCookie } from "./draft-cookie";
import { furthestStep, PAGES, pageById, pathAfterSection, stepPath, type StepId } from "./steps";
import { RESUME_LINK_LIFETIME_MS } from "@/lib/lifetimes";
import { mailConfigured, sendMail } from "@/lib/notify/mail";
import { resumeLinkEmail } from "@/lib/notify/resume-link-email";
import type { AppConfig } from "@/lib/config";

/** What the wizard's server actions do, apart from the "use server" boundary. */

/** The wizard's pages (`section` is a page id: a section's first page keeps the section's id). */
const PAGE_IDS = PAGES.map((p) => p.id) as [string, ...string[]];
/** A whole step's typed values are far below this; anything larger is not a person typing. */
const MAX_STEP_JSON = 100_000;
/**
 * The most a draft's state may hold, in UTF-8 bytes of its JSON. The largest legitimate draft (every
 * answer at its maximum length in 4-byte characters, plus the largest step as typed) is about 65 KB
 * (tests/support/maximal-draft.ts). With DRAFTS_PER_HOUR this bounds how much one address can add
 * to the database in an hour: saving again overwrites the row.
 */
export const MAX_DRAFT_STATE_BYTES = 128 * 1024;
/** A save costs at least a database page against the address's hourly budget, however small. */
const MIN_SAVE_COST = 4096;

export const saveStepInputSchema = z.strictObject({
  section: z.enum(PAGE_IDS),
  values: z.record(z.string().max(64), z.unknown()),
  intent: z.enum(["next", "later", "autosave"]),
  returnToReview: z.boolean(),
  /** The honeypot field on the consent step: people never see or fill it. */
  trap: z.string().max(500).optional(),
});
export type SaveStepInput = z.infer<typeof saveStepInputSchema>;

export type SaveStepOutcome =
  | { status: "invalid"; errors: FieldIssue[] }
  | { status: "saved"; next: string }
  | { status: "autosaved" }
  /** `byEmail`: the link may also be e-mailed (resumeLinkByEmail). */
  | { status: "resume_link"; path: string; expiresAt: string; byEmail: boolean }
  /** Nothing was stored (too large, or over a limit); the message is for the person. */
  | { status: "refused"; message: string }
  | { status: "no_draft" };

const GENERIC_ERROR: FieldIssue = { field: "$", message: "Something went wrong while saving. Your answers on this page were not sent; please try again." };

export function todayInClinic(now = new Date()): string {
  return calendarDateIn(now, getConfig().timeZone);
}

/** "3 minutes": how long to wait, for refusal messages. */
export const minutes = (seconds: number) => `${Math.max(1, Math.ceil(seconds / 60))} minute${seconds > 60 ? "s" : ""}`;
const TOO_LARGE =
  "This page was not saved: it holds too much text for the form to keep. What you typed is still here; please shorten your longest answers.";
const tooManySaves = (wait: number) =>
  `This page was not saved: too many changes have been saved from this connection. What you typed is still here; please try again in ${minutes(wait)}.`;

/**
 * Writes a draft's new state unless it is over the size cap, the draft's saves per hour
 * (DRAFT_SAVES_PER_HOUR) or the address's bytes per hour (DRAFT_SAVE_MB_PER_HOUR). All checks
 * come before the one UPDATE, so a refusal stores nothing.
 */
async function writeDraft(draft: Draft, state: DraftState, crisisShown: boolean, address: string): Promise<{ status: "refused"; message: string } | undefined> {
  const bytes = Buffer.byteLength(JSON.stringify(state), "utf8");
  if (bytes > MAX_DRAFT_STATE_BYTES) return { status: "refused", message: TOO_LARGE };
  const config = getConfig();
  const perDraft = await consume(limitKey("draft-save", draft.id), config.draftSavesPerHour, HOUR_MS);
  if (!perDraft.allowed) return { status: "refused", message: tooManySaves(perDraft.retryAfter) };
  const perAddress = await spend(limitKey("draft-bytes", address), Math.max(bytes, MIN_SAVE_COST), config.draftSaveMbPerHour * 1024 * 1024, HOUR_MS);
  if (!perAddress.allowed) return { status: "refused", message: tooManySaves(perAddress.retryAfter) };
  await saveDraft(draft.id, state, crisisShown);
  await refreshDraftCookie();
  return undefined;
}

/** `address` is the client's (lib/auth/client-address.ts): the limits are counted per address. */
export async function saveStep(input: unknown, address: string): Promise<SaveStepOutcome> {
  const parsed = saveStepInputSchema.safeParse(input);
  if (!parsed.success || JSON.stringify(parsed.data.values).length > MAX_STEP_JSON) return { status: "invalid", errors: [GENERIC_ERROR] };
  const { section: sectionId, values, intent, returnToReview } = parsed.data;
  const section = pageById(sectionId)!;
  const draft = await currentDraft();
  if (draft?.intakeId) return { status: "no_draft" };

  if (!draft) {
    // Consent comes first; nothing is stored before it is given.
    if (sectionId !== "consent") return { status: "no_draft" };
    // A filled honeypot is a bot: answer as if all went well and store nothing.
    if (parsed.data.trap) return { status: "saved", next: "/intake/about" };
    const step = parseStep(section, values, {}, { referenceDate: todayInClinic() });
    if (step.errors.length > 0) return { status: "invalid", errors: step.errors };
    const allowed = await consume(limitKey("draft-create", address), getConfig().draftsPerHour, HOUR_MS);
    if (!allowed.allowed)
      return { status: "refused", message: `Too many forms have been started from this connection. Please try again in ${minutes(allowed.retryAfter)}.` };
    const { draft: created, sessionToken } = await createDraft({
      state: { answers: step.answers, units: {} },
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      consentedAt: new Date(),
      crisisShown: false,
    });
    await setDraftCookie(sessionToken);
    return { status: "saved", next: pathAfterSection("consent", created.state.answers, { referenceDate: todayInClinic() }, false) };
  }

  const { state } = draft;
  if (intent === "autosave" || intent === "later") {
    const refused = await writeDraft(draft, { ...state, pending: { section: sectionId, values } }, draft.crisisShown, address);
    if (refused) return refused;
    if (intent === "autosave") return { status: "autosaved" };
    const token = await issueResumeToken(draft.id);
    const expiresAt = new Date(Date.now() + RESUME_LINK_LIFETIME_MS).toISOString();
    return { status: "resume_link", path: `/intake/resume/${token}`, expiresAt, byEmail: resumeLinkByEmail(getConfig()) };
  }

  const ctx = { referenceDate: todayInClinic() };
  const step = parseStep(section, values, state.answers, ctx);
  if (step.errors.length > 0) {
    const refused = await writeDraft(draft, { ...state, pending: { section: sectionId, values } }, draft.crisisShown, address);
    return { status: "invalid", errors: refused ? [{ field: "$", message: refused.message }, ...step.errors] : step.errors };
  }
  const others = Object.fromEntries(Object.entries(state.answers).filter(([id]) => !section.items.some((i) => i.id === id)));
  const answers = withoutHiddenAnswers({ ...others, ...step.answers });
  const crisis = draft.crisisShown || isCrisisTriggered(answers);
  // Leaving the safety step with an acute-risk answer: the next page is first the interruption page.
  const interrupt = section.items.some((i) => ACUTE_RISK_ITEMS.includes(i.id)) && acuteRisksIn(answers).length > 0;
  const refused = await writeDraft(draft, { answers, units: { ...state.units, ...step.units }, ...(interrupt ? { interruption: true as const } : {}) }, crisis, address);
  if (refused) return refused;
  return { status: "saved", next: pathAfterSection(section.id, answers, ctx, returnToReview) };
}

export type SubmitOutcome =
  | { status: "sent"; copy?: { token: string; expiresAt: string } }
  | { status: "incomplete"; next: string }
  | { status: "no_draft" }
  | { status: "failed" };

/**
 * Sends a draft as an intake: parsed again with the same schema as the API, assessed on the
 * server, stored through the same path. The draft id is the idempotency key, so a double click or
 * a retried request stores one intake.
 */
export async function submitDraft(): Promise<SubmitOutcome> {
  const draft = await currentDraft();
  return draft ? sendDraft(draft) : { status: "no_draft" };
}

export async function sendDraft(draft: Draft, receivedAt = new Date()): Promise<SubmitOutcome> {
  if (draft.intakeId) return { status: "sent" };
  try {
    const result = await submitIntake(
      { questionnaire: questionnaire.id, version: questionnaire.version, answers: draft.state.answers },
      {
        receivedAt,
        submittedAtPolicy: "recent",
        idempotencyKey: `draft:${draft.id}`,
        requestDigest: "draft",
        consent: { privacyNoticeVersion: draft.privacyNoticeVersion, consentedAt: draft.consentedAt },
      },
    );
    if (result.outcome === "invalid") return { status: "incomplete", next: stepPath(furthestStep(draft.state.answers, { referenceDate: todayInClinic(receivedAt) }), true) };
    if (result.outcome === "idempotency_conflict") throw new Error("draft idempotency conflict");
    // Keep only the country, for the crisis numbers on the confirmation page.
    const copy = await markDraftSubmitted(draft.id, result.intake.id, { country: result.answers.country });
    noteStorageWrite();
    return { status: "sent", copy: { token: copy.copyToken, expiresAt: copy.copyExpiresAt } };
  } catch (error) {
    logServerError("draft.submit_failed", error);
    recordIfStorageFault(error); // for /api/health; the draft itself is untouched
    return { status: "failed" };
  }
}

/** Resume-link uses per client address, counted like final submissions (RATE_LIMIT_SUBMIT_PER_HOUR). */
export function consumeResumeAttempt(address: string | null | undefined): Promise<LimitResult> {
  return consume(limitKey("resume", address), getConfig().submissionsPerHour, HOUR_MS);
}

export async function resumeFromLink(token: string): Promise<StepId | undefined> {
  const resumed = await resumeDraft(token);
  if (!resumed) return undefined;
  await setDraftCookie(resumed.sessionToken);
  return resumeStepOf(resumed.draft);
}

/** Where a person continues: the step they were typing on, or the first one not yet complete. */
export function resumeStepOf(draft: Draft): StepId {
  const furthest = furthestStep(draft.state.answers, { referenceDate: todayInClinic() });
  return (draft.state.pending?.section as StepId | undefined) ?? furthest;
}

/** "Continue" on the interruption page: the page it stood in front of opens. Writes only when the flag is set. */
export async function passInterruption(): Promise<void> {
  const draft = await currentDraft();
  if (!draft || draft.intakeId || !draft.state.interruption) return;
  const { interruption: _shown, ...state } = draft.state;
  await saveDraft(draft.id, state, draft.crisisShown);
}

/** Forgets this browser's draft (a shared computer, or starting again). */
export async function discardDraft(): Promise<void> {
  const draft = await currentDraft();
  if (draft && !draft.intakeId) await deleteDraft(draft.id);
  await clearDraftCookie();
}

export async function referenceOfIntake(intakeId: string): Promise<string | undefined> {
  return (await getIntakeById(intakeId))?.reference;
}

/**
 * The resume link can be e-mailed when SMTP is configured, and PUBLIC_ORIGIN too: the link in the
 * mail must not take its host from the request, or anyone could mail a look-alike link from the clinic.
 */
export const resumeLinkByEmail = (config: AppConfig): boolean => mailConfigured(config) && config.publicOrigin !== undefined;

/** An hour's e-mails of one draft's link; a person needs one, perhaps two after a typo. */
export const RESUME_EMAILS_PER_DRAFT_PER_HOUR = 3;

export const emailLinkInputSchema = z.strictObject({
  email: z
    .string({ error: "Enter your e-mail address" })
    .trim()
    .min(1, "Enter your e-mail address")
    .max(254, "Enter an e-mail address of 254 characters or fewer")
    .pipe(z.email({ error: "Enter an e-mail address in the correct format, like name@example.com" })),
});

export type EmailLinkOutcome =
  | { status: "sent"; until: string }
  | { status: "invalid"; message: string }
  | { status: "refused"; message: string }
  /** The mail could not be sent: the new link is shown instead, so nothing is lost. */
  | { status: "failed"; url: string; until: string }
  | { status: "unavailable" };

/** "1 December 2026": when a link stops working, in the clinic's time zone. */
export function linkUntil(expiresAt: Date, config: AppConfig = getConfig()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: config.timeZone, day: "numeric", month: "long", year: "numeric" }).format(expiresAt);
}

/**
 * E-mails a new resume link for this browser's draft to the address the person typed. The address
 * is used for this one message: never stored, never logged (a send failure logs the error's class
 * and code only). Issuing the link replaces any earlier one, as "Save and come back later" does.
 */
export async function emailResumeLink(input: unknown, address: string): Promise<EmailLinkOutcome> {
  const config = getConfig();
  if (!resumeLinkByEmail(config)) return { status: "unavailable" };
  const draft = await currentDraft();
  if (!draft || draft.intakeId) return { status: "unavailable" };
  const parsed = emailLinkInputSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]!.message };
  const wait = (r: LimitResult) => ({ status: "refused" as const, message: `Too many e-mails have been asked for. Please try again in ${minutes(r.retryAfter)}, or copy the link instead.` });
  const perAddress = await consume(limitKey("resume-email", address), config.draftsPerHour, HOUR_MS);
  if (!perAddress.allowed) return wait(perAddress);
  const perDraft = await consume(limitKey("resume-email-draft", draft.id), RESUME_EMAILS_PER_DRAFT_PER_HOUR, HOUR_MS);
  if (!perDraft.allowed) return wait(perDraft);

  const token = await issueResumeToken(draft.id);
  const url = `${config.publicOrigin}/intake/resume/${token}`;
  const until = linkUntil(new Date(Date.now() + RESUME_LINK_LIFETIME_MS), config);
  try {
    await sendMail(config, { to: parsed.data.email, ...resumeLinkEmail(config.clinicName, url, until) });
    return { status: "sent", until };
  } catch (error) {
    logServerError("draft.resume_email_failed", error);
    return { status: "failed", url, until };
  }
}

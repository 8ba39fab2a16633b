"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { clientAddress } from "@/lib/auth/client-address";
import { consumeSubmission } from "@/lib/intake/submit-intake";
import { consumeResumeAttempt, discardDraft, emailResumeLink, minutes, passInterruption, type EmailLinkOutcome, resumeFromLink, saveStep, submitDraft, todayInClinic, type SaveStepOutcome, type SubmitOutcome } from "@/lib/intake-wizard/draft-service";
import { NOT_SAVED_KEPT_MESSAGE, noteFailedSave } from "@/lib/server/storage-faults";
import { setClientCopyCookie } from "@/lib/intake-wizard/draft-cookie";
import { CLIENT_COPY_LIFETIME_MS } from "@/lib/lifetimes";
import { endedPath } from "@/lib/intake-wizard/ended";
import { isStepId, pageById, stepPath, type WizardPage } from "@/lib/intake-wizard/steps";
import { applyRowAction, parseRowAction, rowActionField } from "@/lib/intake-wizard/rows";
import { currentDraft } from "@/lib/intake-wizard/draft-cookie";
import { formValuesFromFormData, layoutAsksMore, stepLayout } from "@/lib/intake-wizard/form-data";
import type { FieldIssue, FormValues } from "@/lib/intake-wizard/form-values";

/** Server actions of the intake wizard: thin wrappers; the service validates every input with zod. */

export async function saveStepAction(input: unknown): Promise<SaveStepOutcome> {
  return saveStep(input, clientAddress(await headers()) ?? "unknown");
}

/** What the step page shows after a post without JavaScript (React re-renders it with this state). */
export interface StepFormState {
  values?: FormValues;
  errors: FieldIssue[];
  notice?: string;
  resume?: { url: string; expiresAt: string; byEmail: boolean };
  /** After an "add another" button (`_rows`): which entry of each list is open for typing. */
  open?: Record<string, number | null>;
}

/** The form's own fields beside the answers: which step, which button, and what the page showed. */
const stepFormFields = z.object({
  _section: z.string().max(64).refine((id) => pageById(id) !== undefined, "must be a step of the intake"),
  _intent: z.enum(["next", "later"]).default("next"),
  _return: z.literal("review").optional(),
  _layout: z.string().max(20_000),
  website_url: z.string().max(500).optional(),
  _rows: rowActionField.optional(),
});

const POST_ERROR: FieldIssue = { field: "$", message: "This page could not be saved. Please reload it and try again." };

/**
 * The step form's action when the browser posts it itself (no JavaScript, or before the page's
 * scripts have loaded): answers travel in the POST body only, then the same saveStepAction runs
 * (validation, hidden answers pruned, honeypot) and a redirect or a re-rendered page follows.
 */
export async function saveStepFormAction(_previous: StepFormState | undefined, form: unknown): Promise<StepFormState> {
  if (!(form instanceof FormData)) return { errors: [POST_ERROR] };
  const own = stepFormFields.safeParse(Object.fromEntries(["_section", "_intent", "_return", "_layout", "website_url", "_rows"].map((k) => [k, form.get(k) ?? undefined])));
  if (!own.success) return { errors: [POST_ERROR] };
  const section = pageById(own.data._section)!;
  const values = formValuesFromFormData(section, form);
  const returnToReview = own.data._return === "review";
  const intent = own.data._intent;

  const draft = await currentDraft();
  if (own.data._rows) return rowsStep(section, values, own.data._rows, form, returnToReview, !!draft);
  const others = Object.fromEntries(Object.entries(draft?.state.answers ?? {}).filter(([id]) => !section.items.some((i) => i.id === id)));
  if (intent === "next" && layoutAsksMore(stepLayout(section, values, others, { referenceDate: todayInClinic() }), own.data._layout)) {
    if (draft) await saveStepAction({ section: section.id, values, intent: "autosave", returnToReview });
    return { values, errors: [], notice: "Your answers brought up more questions on this page. Please answer them, then press Continue again." };
  }
  const outcome = await saveStepAction({ section: section.id, values, intent, returnToReview, trap: own.data.website_url || undefined });
  if (outcome.status === "saved") redirect(outcome.next);
  if (outcome.status === "no_draft") redirect("/intake");
  if (outcome.status === "invalid") return { values, errors: outcome.errors };
  if (outcome.status === "refused") return { values, errors: [{ field: "$", message: outcome.message }] };
  if (outcome.status === "resume_link") return { values, errors: [], resume: { url: `${await siteOrigin()}${outcome.path}`, expiresAt: outcome.expiresAt, byEmail: outcome.byEmail } };
  return { values, errors: [] };
}

/**
 * An "add another" button pressed without scripts: the list changes as it would in the browser,
 * what was typed is kept in the draft (nothing is validated or completed yet), and the page returns.
 */
async function rowsStep(section: WizardPage, values: FormValues, posted: string, form: FormData, returnToReview: boolean, hasDraft: boolean): Promise<StepFormState> {
  const parsed = parseRowAction(posted);
  const item = section.items.find((i) => i.id === parsed?.itemId);
  if (!parsed || item?.type !== "rows") return { values, errors: [POST_ERROR] };
  const openText = form.get(`_open.${item.id}`);
  const open = typeof openText === "string" && /^\d{1,2}$/.test(openText) ? Number(openText) : null;
  const rows = Array.isArray(values[item.id]) ? (values[item.id] as Record<string, unknown>[]) : [];
  const next = applyRowAction(item, rows, open !== null && open < rows.length ? open : null, parsed.action);
  const changed = { ...values, [item.id]: next.rows };
  if (hasDraft) await saveStepAction({ section: section.id, values: changed, intent: "autosave", returnToReview });
  return { values: changed, errors: [], open: { [item.id]: next.open } };
}

/** The origin the person sees, for the resume link shown on the page. */
async function siteOrigin(): Promise<string> {
  const configured = getConfig().publicOrigin;
  if (configured) return configured;
  const h = await headers();
  return `${h.get("x-forwarded-proto") === "https" ? "https" : "http"}://${h.get("host") ?? "localhost"}`;
}

/** Final submissions and resume-link uses, per client address (RATE_LIMIT_SUBMIT_PER_HOUR). */
async function overLimit(kind: "submit" | "resume"): Promise<number | undefined> {
  const address = clientAddress(await headers());
  const result = await (kind === "submit" ? consumeSubmission(address) : consumeResumeAttempt(address));
  return result.allowed ? undefined : result.retryAfter;
}

/**
 * Arguments are ignored: React passes the previous state and the (empty) form. The counter and the
 * draft's read are database work too, so an outage anywhere before the redirect is the same plain
 * "nothing was saved" message (the draft is untouched), never a thrown action.
 */
export async function submitIntakeAction(..._ignored: unknown[]): Promise<{ message: string; limited?: boolean } | undefined> {
  let outcome: SubmitOutcome;
  try {
    const wait = await overLimit("submit");
    if (wait !== undefined)
      return { limited: true, message: `Too many forms have been sent from this connection. Your answers are still saved here; please try again in ${minutes(wait)}.` };
    outcome = await submitDraft();
  } catch (error) {
    noteFailedSave("draft.submit_failed", error);
    return { message: NOT_SAVED_KEPT_MESSAGE };
  }
  if (outcome.status === "sent") {
    if (outcome.copy) await setClientCopyCookie(outcome.copy.token, CLIENT_COPY_LIFETIME_MS / 1000);
    redirect("/intake/sent");
  }
  if (outcome.status === "incomplete") redirect(outcome.next);
  if (outcome.status === "no_draft") redirect("/intake");
  return { message: NOT_SAVED_KEPT_MESSAGE };
}

/** The token comes in the form's body (it is in the page's address already), so the form posts without scripts. */
export async function resumeAction(_previous: unknown, form: unknown): Promise<{ message: string }> {
  const token = form instanceof FormData ? form.get("token") : undefined;
  const wait = await overLimit("resume");
  if (wait !== undefined) return { message: `Too many attempts from this connection. Please try again in ${minutes(wait)}.` };
  const step = typeof token === "string" ? await resumeFromLink(token) : undefined;
  redirect(step ? stepPath(step) : endedPath("link-used"));
}

export async function startAgainAction(): Promise<void> {
  await discardDraft();
  redirect("/intake/consent");
}

/** "Forget this intake on this device": ends on a page that says so, not on a blank first step. */
export async function forgetIntakeAction(): Promise<void> {
  await discardDraft();
  redirect(endedPath("forgotten"));
}

/** The e-mail form posts without scripts too; the address is passed on, never kept. */
export async function emailResumeLinkAction(_previous: unknown, form: unknown): Promise<EmailLinkOutcome & { typed?: string }> {
  const raw = form instanceof FormData ? form.get("email") : undefined;
  const email = typeof raw === "string" ? raw : undefined;
  const outcome = await emailResumeLink({ email }, clientAddress(await headers()) ?? "unknown");
  if (outcome.status === "unavailable") redirect("/intake");
  // What was typed goes back into the field (React resets a form after its action), and nowhere else.
  return outcome.status === "invalid" || outcome.status === "refused" ? { ...outcome, typed: email?.slice(0, 254) } : outcome;
}

/** The interruption page's Continue: a plain form post, so it works without JavaScript. */
export async function continueAfterInterruptionAction(form: unknown): Promise<void> {
  const step = form instanceof FormData ? form.get("_step") : undefined;
  const returnToReview = form instanceof FormData && form.get("_return") === "review";
  await passInterruption();
  redirect(typeof step === "string" && isStepId(step) ? stepPath(step, returnToReview) : "/intake");
}

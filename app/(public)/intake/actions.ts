"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { clientAddress } from "@/lib/auth/client-address";
import { consume, HOUR_MS } from "@/lib/rate-limit/limiter";
import { discardDraft, minutes, resumeFromLink, saveStep, submitDraft, type SaveStepOutcome } from "@/lib/drafts/draft-service";
import { setClientCopyCookie } from "@/lib/drafts/draft-cookie";
import { CLIENT_COPY_LIFETIME_MS } from "@/db/queries/drafts";
import { stepPath } from "@/lib/drafts/intake-steps";

/** Server actions of the intake wizard: thin wrappers; the service validates every input with zod. */

export async function saveStepAction(input: unknown): Promise<SaveStepOutcome> {
  return saveStep(input, clientAddress(await headers()) ?? "unknown");
}

/** Final submissions and resume-link uses, per client address (RATE_LIMIT_SUBMIT_PER_HOUR). */
async function overLimit(kind: "submit" | "resume"): Promise<number | undefined> {
  const result = consume(`${kind}:${clientAddress(await headers()) ?? "unknown"}`, getConfig().submissionsPerHour, HOUR_MS);
  return result.allowed ? undefined : result.retryAfter;
}

export async function submitIntakeAction(): Promise<{ message: string; limited?: boolean } | undefined> {
  const wait = await overLimit("submit");
  if (wait !== undefined)
    return { limited: true, message: `Too many forms have been sent from this connection. Your answers are still saved here; please try again in ${minutes(wait)}.` };
  const outcome = await submitDraft();
  if (outcome.status === "sent") {
    if (outcome.copy) await setClientCopyCookie(outcome.copy.token, CLIENT_COPY_LIFETIME_MS / 1000);
    redirect("/intake/sent");
  }
  if (outcome.status === "incomplete") redirect(outcome.next);
  if (outcome.status === "no_draft") redirect("/intake");
  return { message: "Your answers could not be sent just now. Nothing is lost: your draft is still saved. Please try again in a moment." };
}

export async function resumeAction(token: unknown): Promise<{ message: string }> {
  const wait = await overLimit("resume");
  if (wait !== undefined) return { message: `Too many attempts from this connection. Please try again in ${minutes(wait)}.` };
  const step = typeof token === "string" ? await resumeFromLink(token) : undefined;
  if (step) redirect(stepPath(step));
  return { message: "This link has already been used or has expired. Each link works once and for 7 days." };
}

export async function startAgainAction(): Promise<void> {
  await discardDraft();
  redirect("/intake/consent");
}

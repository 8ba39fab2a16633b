"use server";

import { redirect } from "next/navigation";
import { discardDraft, resumeFromLink, saveStep, submitDraft, type SaveStepOutcome } from "@/lib/drafts/draft-service";
import { setClientCopyCookie } from "@/lib/drafts/draft-cookie";
import { CLIENT_COPY_LIFETIME_MS } from "@/db/queries/drafts";
import { stepPath } from "@/lib/drafts/intake-steps";

/** Server actions of the intake wizard: thin wrappers; the service validates every input with zod. */

export async function saveStepAction(input: unknown): Promise<SaveStepOutcome> {
  return saveStep(input);
}

export async function submitIntakeAction(): Promise<{ message: string } | undefined> {
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
  const step = typeof token === "string" ? await resumeFromLink(token) : undefined;
  if (step) redirect(stepPath(step));
  return { message: "This link has already been used or has expired. Each link works once and for 7 days." };
}

export async function startAgainAction(): Promise<void> {
  await discardDraft();
  redirect("/intake/consent");
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { clearCheckinCookie, readCheckinToken } from "@/lib/course-records/checkin-cookie";
import { currentCheckin } from "@/lib/course-records";
import { checkinToday, othersOf, saveCheckinStep, sendCheckin, type SaveCheckinStepOutcome } from "@/lib/checkin-flow/checkin-steps";
import { checkinSection } from "@/lib/checkin-flow/steps";
import { formValuesFromFormData, stepLayout } from "@/lib/intake-wizard/form-data";
import type { FieldIssue, FormValues } from "@/lib/intake-wizard/form-values";
import { countryOf } from "@/lib/questionnaire/countries";
import type { SendCheckinState } from "@/lib/checkin-flow/send-state";

/** Server actions of the client's check-in: thin wrappers; lib/checkin-flow validates every input with zod. */

const ENDED_PATH = "/check-in/step/review";

export async function saveCheckinStepAction(input: unknown): Promise<SaveCheckinStepOutcome> {
  return saveCheckinStep(input);
}

/** What a step page shows after a post without JavaScript. */
export interface CheckinStepFormState {
  values?: FormValues;
  errors: FieldIssue[];
  notice?: string;
}

const formFields = z.object({
  _section: z.string().max(64).refine((id) => checkinSection(id) !== undefined, "must be a step of the check-in"),
  _return: z.literal("review").optional(),
  _layout: z.string().max(20_000),
});

const POST_ERROR: FieldIssue = { field: "$", message: "This page could not be saved. Please reload it and try again." };

/**
 * A step posted by the browser itself (no JavaScript): the answers travel in the POST body only,
 * then the same save runs. When the answers brought up follow-up questions the page had not
 * shown, the page comes back with them instead of saving a step the person has not seen whole.
 */
export async function saveCheckinStepFormAction(_previous: CheckinStepFormState | undefined, form: unknown): Promise<CheckinStepFormState> {
  if (!(form instanceof FormData)) return { errors: [POST_ERROR] };
  const own = formFields.safeParse(Object.fromEntries(["_section", "_return", "_layout"].map((k) => [k, form.get(k) ?? undefined])));
  if (!own.success) return { errors: [POST_ERROR] };
  const section = checkinSection(own.data._section)!;
  const values = formValuesFromFormData(section, form);
  const checkin = await currentCheckin(await readCheckinToken());
  if (!checkin || checkin.submitted) redirect(ENDED_PATH);
  const others = othersOf(checkin.state.answers, section.id);
  if (stepLayout(section, values, others, { referenceDate: checkinToday() }) !== own.data._layout)
    return { values, errors: [], notice: "Your answers brought up more questions on this page. Please answer them, then press Continue again." };
  const outcome = await saveCheckinStep({ section: section.id, values, returnToReview: own.data._return === "review" });
  if (outcome.status === "saved") redirect(outcome.next);
  if (outcome.status === "no_checkin") redirect(ENDED_PATH);
  if (outcome.status === "invalid") return { values, errors: outcome.errors };
  return { values, errors: [{ field: "$", message: outcome.message }] };
}

/**
 * Sends the check-in from a browser without JavaScript (the page's script posts to
 * CHECKIN_SEND_PATH instead: lib/checkin-flow/send-checkin-reply.ts). The same response shows the
 * confirmation and clears the cookie, so nothing of the check-in stays in the browser once the
 * person has seen it was sent. Arguments are ignored.
 */
export async function submitCheckinAction(..._ignored: unknown[]): Promise<SendCheckinState> {
  const outcome = await sendCheckin(await readCheckinToken(), clientAddress(await headers()));
  if (outcome.status === "incomplete") redirect(outcome.next);
  if (outcome.status === "unavailable") return { status: "unavailable" };
  if (outcome.status === "failed") return { status: "failed", message: outcome.message }; // the cookie stays: the draft is kept for the next try
  await clearCheckinCookie();
  return { status: "sent", crisisShown: outcome.crisisShown, country: countryOf({ country: outcome.country }) };
}

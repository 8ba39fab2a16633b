import "server-only";
import { z } from "zod";
import { NOT_SAVED_KEPT_MESSAGE, noteFailedSave, noteStorageWrite, RETRY_AFTER_SECONDS } from "@/lib/server/storage-faults";
import { clinicToday, currentCheckin, saveCheckinDraft, submitCheckin } from "@/lib/course-records";
import { readCheckinToken } from "@/lib/course-records/checkin-cookie";
import type { FieldIssue, FormValues } from "@/lib/intake-wizard/form-values";
import { checkinSection, parseCheckinStep, pathAfterCheckinStep, shownOnly, furthestCheckinStep, checkinStepPath } from "./steps";

/**
 * The check-in's steps on the server: each Continue validates the step exactly as the browser did
 * (parseCheckinStep), drops answers a change has hidden, and saves the encrypted draft of the
 * cookie's check-in (saveCheckinDraft). Nothing here reads a token from a URL.
 */

export type SaveCheckinStepOutcome =
  | { status: "saved"; next: string; crisisShown: boolean }
  | { status: "invalid"; errors: FieldIssue[] }
  | { status: "refused"; message: string }
  | { status: "no_checkin" };

/** The step's values as typed; a whole step of text at its limits stays well under this. */
const MAX_STEP_JSON = 40_000;

const inputSchema = z.strictObject({
  section: z.string().max(64).refine((id) => checkinSection(id) !== undefined, "must be a step of the check-in"),
  values: z.record(z.string().max(64), z.unknown()),
  returnToReview: z.boolean().default(false),
});

const NOT_SAVED = "This page could not be saved just now. What you typed is still here; please try again in a moment.";
const GENERIC: FieldIssue = { field: "$", message: "This page could not be saved. Please reload it and try again." };

export const checkinToday = () => clinicToday(new Date());

export async function saveCheckinStep(input: unknown): Promise<SaveCheckinStepOutcome> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success || JSON.stringify(parsed.data.values).length > MAX_STEP_JSON) return { status: "invalid", errors: [GENERIC] };
  const token = await readCheckinToken();
  const checkin = await currentCheckin(token);
  if (!checkin || checkin.submitted) return { status: "no_checkin" };
  const section = checkinSection(parsed.data.section)!;
  const ctx = { referenceDate: checkinToday() };
  const others = othersOf(checkin.state.answers, section.id);
  const step = parseCheckinStep(section, parsed.data.values as FormValues, others, ctx);
  if (step.errors.length > 0) return { status: "invalid", errors: step.errors };
  const answers = shownOnly({ ...others, ...step.answers });
  const saved = await saveCheckinDraft(token, { answers });
  if (!saved.saved) return { status: "refused", message: NOT_SAVED };
  return { status: "saved", next: pathAfterCheckinStep(section.id, answers, ctx, parsed.data.returnToReview), crisisShown: saved.crisisShown };
}

/** The answers given on the other steps (branching and the crisis panel read them). */
export function othersOf(answers: Readonly<Record<string, unknown>>, sectionId: string): Record<string, unknown> {
  const section = checkinSection(sectionId);
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !section?.items.some((i) => i.id === id)));
}

export type SendCheckinOutcome =
  | { status: "sent"; crisisShown: boolean; country: unknown }
  | { status: "incomplete"; next: string }
  | { status: "unavailable" }
  /** Nothing was stored (one transaction): the draft and its answers are as they were. A storage fault says how long to wait. */
  | { status: "failed"; message: string; retryAfter?: number };

/**
 * Sends the cookie's draft. A repeated send (a double click) finds the first check-in and stores
 * nothing more. A failed store (a full disk, an unreachable database, anything else) leaves the
 * draft as it was and is said plainly; a storage fault is remembered for /api/health, and the next
 * stored check-in clears it, as the intake API does.
 */
export async function sendCheckin(token: string | undefined, address: string | null): Promise<SendCheckinOutcome> {
  try {
    const outcome = await submitCheckin(token, undefined, address);
    if (outcome.outcome === "invalid") {
      const checkin = await currentCheckin(token);
      const step = furthestCheckinStep(checkin?.state.answers ?? {}, { referenceDate: checkinToday() });
      return { status: "incomplete", next: checkinStepPath(step) };
    }
    if (outcome.outcome === "unavailable") return { status: "unavailable" };
    if (outcome.outcome === "stored") noteStorageWrite();
    // The country only chooses which crisis numbers the confirmation shows (only when the panel was shown): the intake is read for it then alone.
    const country = outcome.crisisShown ? (await currentCheckin(token))?.country : undefined;
    return { status: "sent", crisisShown: outcome.crisisShown, country };
  } catch (error) {
    const fault = noteFailedSave("checkin.submit_failed", error);
    return { status: "failed", message: NOT_SAVED_KEPT_MESSAGE, ...(fault ? { retryAfter: RETRY_AFTER_SECONDS[fault] } : {}) };
  }
}

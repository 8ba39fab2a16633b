"use server";

import { z } from "zod";
import { getConfig } from "@/lib/config";
import { redirect, RedirectType } from "next/navigation";
import { therapistAction, type ActionResult } from "@/lib/auth/therapist-action";
import { confirmationPath, type DoneKind } from "@/lib/review/confirmations";
import { acknowledgeIntake, addIntakeNote, changeIntakeStatus, INTAKE_STATUSES, NOTE_MAX_LENGTH } from "@/lib/review/workflow";
import { searchIntakes, searchSchema } from "@/lib/review/search";
import type { QueueRow } from "@/lib/review/queue";
import { ClientDataChoiceError, DELETION_BASES, deleteClientData, type DeletionBasis } from "@/lib/client-data/client-data";
import { INTAKE_ID_PATTERN, normalizeReferenceCode } from "@/lib/reference-code";
import {
  changeOwnPassword,
  confirmTwoFactorReenrol,
  revokeOwnSession,
  startTwoFactorReenrol,
} from "@/lib/auth/accounts";

/** Therapist server actions. Each goes through therapistAction(): same origin, session, zod, then the action. */

const intakeId = z.string().regex(INTAKE_ID_PATTERN, "Unknown intake");

export const searchAction = therapistAction(searchSchema, async ({ query }, therapist) => ({
  ok: true as const,
  data: { rows: (await searchIntakes(query, therapist)) satisfies QueueRow[], timeZone: getConfig().timeZone },
}));

const changeStatus = therapistAction(z.strictObject({ intakeId, to: z.enum(INTAKE_STATUSES) }), async ({ intakeId, to }, therapist) => {
  await changeIntakeStatus(intakeId, to, therapist);
});

const addNote = therapistAction(
  z.strictObject({
    intakeId,
    body: z
      .string()
      .trim()
      .min(1, "Write the note first")
      .max(NOTE_MAX_LENGTH, `Use ${NOTE_MAX_LENGTH} characters or fewer`),
  }),
  async ({ intakeId, body }, therapist) => {
    await addIntakeNote(intakeId, body, therapist);
  },
);

const acknowledge = therapistAction(z.strictObject({ intakeId }), async ({ intakeId }, therapist) => {
  await acknowledgeIntake(intakeId, therapist);
});

export const changePasswordAction = therapistAction(
  z.strictObject({
    currentPassword: z.string().min(1, "Enter your current password").max(256, "Use 256 characters or fewer"),
    newPassword: z.string().min(1, "Enter a new password").max(256, "Use 256 characters or fewer"),
  }),
  async ({ currentPassword, newPassword }, therapist) => {
    await changeOwnPassword(therapist, currentPassword, newPassword);
    return { ok: true, message: "Your password is changed. Your other sessions have ended." };
  },
);

const sixDigitCode = z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code");

export const startReenrolAction = therapistAction(
  z.strictObject({ password: z.string().min(1, "Enter your password").max(256, "Use 256 characters or fewer"), currentCode: sixDigitCode }),
  async ({ password, currentCode }, therapist) => ({ ok: true, data: await startTwoFactorReenrol(therapist, password, currentCode) }),
);

export const confirmReenrolAction = therapistAction(z.strictObject({ code: sixDigitCode }), async ({ code }, therapist) => {
  if (!(await confirmTwoFactorReenrol(therapist, code)))
    return { ok: false, field: "code", error: "That code does not match the new entry. Enter the current code from the new entry." };
  return { ok: true, message: "Two-factor authentication now uses the new entry. The old one no longer works." };
});

export const revokeSessionAction = therapistAction(z.strictObject({ sessionId: z.string().min(1).max(64) }), async ({ sessionId }, therapist) => {
  if (!(await revokeOwnSession(therapist, sessionId))) return { ok: false, field: "sessionId", error: "That session has already ended." };
});

export const deleteClientDataAction = therapistAction(
  z.strictObject({
    intakeId,
    intakeIds: z.array(intakeId).min(1, "Choose the intakes to delete").max(100),
    basis: z.enum(Object.keys(DELETION_BASES) as [DeletionBasis, ...DeletionBasis[]], { error: "Choose the basis for deleting" }),
    confirmReferences: z.string().trim().min(1, "Type the reference of each intake you chose").max(1000),
  }),
  async ({ intakeId, intakeIds, basis, confirmReferences }, therapist) => {
    const typed = confirmReferences.split(/[\s,;]+/).filter(Boolean).map(normalizeReferenceCode);
    try {
      const n = await deleteClientData(intakeId, intakeIds, typed, basis, therapist);
      return { ok: true, message: `Deleted ${n} intake${n === 1 ? "" : "s"}. The audit log keeps the record of the deletion and its basis.` };
    } catch (error) {
      if (error instanceof ClientDataChoiceError) return { ok: false, field: "intakeIds", error: error.message };
      throw error;
    }
  },
);

/**
 * The intake page's review actions are its forms' actions, so they also post without JavaScript: a
 * refusal comes back as the form's state (the note's text with it, so nothing typed is lost);
 * success goes to the page with its confirmation (`?done=…`, never anything typed), replacing the
 * history entry. Called as useActionState does (previous state, form) or as a bare form action (form).
 */
export type ReviewFormState = { error: string; body?: string } | undefined;

function fieldsOf(args: unknown[]): (name: string) => string | undefined {
  const form = args.find((a): a is FormData => a instanceof FormData);
  return (name) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : undefined;
  };
}

async function confirmOrRefuse(result: Promise<ActionResult>, id: string | undefined, done: DoneKind, body?: string): Promise<ReviewFormState> {
  const outcome = await result;
  if (!outcome.ok) return { error: outcome.error, body };
  // The action validated the id (INTAKE_ID_PATTERN) before it succeeded.
  redirect(confirmationPath(id!, done), RedirectType.replace);
}

export async function changeStatusAction(...args: unknown[]): Promise<ReviewFormState> {
  const field = fieldsOf(args);
  return confirmOrRefuse(changeStatus({ intakeId: field("intakeId"), to: field("to") }), field("intakeId"), "status");
}

export async function addNoteAction(...args: unknown[]): Promise<ReviewFormState> {
  const field = fieldsOf(args);
  return confirmOrRefuse(addNote({ intakeId: field("intakeId"), body: field("body") }), field("intakeId"), "note", field("body"));
}

export async function acknowledgeAction(...args: unknown[]): Promise<ReviewFormState> {
  const field = fieldsOf(args);
  return confirmOrRefuse(acknowledge({ intakeId: field("intakeId") }), field("intakeId"), "acknowledged");
}

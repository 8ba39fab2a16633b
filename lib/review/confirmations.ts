import { z } from "zod";

/**
 * Which review action just succeeded, carried in the page's address after the action (`?done=note`)
 * so the confirmation shows with and without JavaScript. Only these words, never anything typed.
 * Universal (the server action writes it, the page reads it).
 */
export const DONE_KINDS = ["status", "note", "acknowledged"] as const;
export type DoneKind = (typeof DONE_KINDS)[number];

const doneSchema = z.enum(DONE_KINDS);

/** The confirmation to show, or none for an absent or unknown value. */
export function doneFrom(value: unknown): DoneKind | undefined {
  const parsed = doneSchema.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : undefined;
}

export function confirmationPath(intakeId: string, done: DoneKind): string {
  return `/dashboard/intakes/${intakeId}?done=${done}`;
}

import { z } from "zod";
import { phq9Of } from "./intake-parts";

/**
 * The per-course report facts kept encrypted on the course row (courses.outcome_facts_enc): what the
 * clinic outcome report needs from the encrypted answers and flags, so it decrypts one small value
 * per course instead of every check-in. Written at the start of the course and by each check-in, in
 * the same transaction; computed whole for courses stored before it existed (the backfill).
 */

/** The check-in flag the report counts (treatment-course.md, "Flags"). */
export const SWITCH_SIGNS_FLAG = "SWITCH_SIGNS";

export const reportFactsSchema = z.strictObject({
  /** The intake's `bipolar_type` answer; null when the intake has none. */
  bipolarType: z.string().nullable(),
  /** The PHQ-9 total of the latest check-in; null before the first. */
  latestPhq9: z.number().int().min(0).max(27).nullable(),
  /** Whether SWITCH_SIGNS fired (as stored) on any check-in of the course. */
  switchSigns: z.boolean(),
});
export type ReportFacts = z.infer<typeof reportFactsSchema>;

const flagIds = (flags: unknown): string[] => (Array.isArray(flags) ? flags.map((f) => (f as { id?: unknown }).id).filter((id): id is string => typeof id === "string") : []);

/** At the start of a course: only the intake's bipolar type is known. */
export const factsAtStart = (intakeAnswers: Readonly<Record<string, unknown>>): ReportFacts => ({
  bipolarType: typeof intakeAnswers.bipolar_type === "string" ? intakeAnswers.bipolar_type : null,
  latestPhq9: null,
  switchSigns: false,
});

/** After one more check-in (the latest by submission). Throws on a stored value of the wrong shape. */
export const factsAfterCheckin = (stored: unknown, checkin: { answers: Readonly<Record<string, unknown>>; flags: unknown }): ReportFacts => {
  const before = reportFactsSchema.parse(stored);
  return { ...before, latestPhq9: phq9Of(checkin.answers).total, switchSigns: before.switchSigns || flagIds(checkin.flags).includes(SWITCH_SIGNS_FLAG) };
};

/** From the records themselves (check-ins oldest first): the same as starting and adding each check-in. */
export const factsFromRecords = (intakeAnswers: Readonly<Record<string, unknown>>, checkins: readonly { answers: unknown; flags: unknown }[]): ReportFacts =>
  checkins.reduce<ReportFacts>((facts, c) => factsAfterCheckin(facts, { answers: c.answers as Record<string, unknown>, flags: c.flags }), factsAtStart(intakeAnswers));

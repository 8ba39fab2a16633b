import { questionnaire, type SectionId } from "@/lib/questionnaire/definition";
import { firstIncompleteSection, sections } from "@/lib/questionnaire/progress";
import type { ItemContext } from "@/lib/questionnaire/item-schemas";

/** The wizard's steps: one per questionnaire section, then "check your answers". Universal. */

export const REVIEW_STEP = "review";
export type StepId = SectionId | typeof REVIEW_STEP;

export const STEPS: readonly { id: StepId; title: string }[] = [
  ...questionnaire.sections.map((s) => ({ id: s.id as SectionId, title: s.title })),
  { id: REVIEW_STEP, title: "Check your answers" },
];

export function isStepId(value: string): value is StepId {
  return STEPS.some((s) => s.id === value);
}

export function stepIndex(id: StepId): number {
  return STEPS.findIndex((s) => s.id === id);
}

export function stepPath(id: StepId, returnToReview = false): string {
  return `/intake/${id}${returnToReview && id !== REVIEW_STEP ? "?return=review" : ""}`;
}

/**
 * Where the person goes after completing a section. Coming from "check your answers", they pass
 * through every section that a change left incomplete (a newly shown required question) first.
 */
export function pathAfterSection(id: string, answers: Readonly<Record<string, unknown>>, ctx: ItemContext, returnToReview: boolean): string {
  if (returnToReview) {
    const missing = firstIncompleteSection(answers, ctx);
    return missing ? stepPath(missing.id as SectionId, true) : stepPath(REVIEW_STEP);
  }
  const next = sections[sections.findIndex((s) => s.id === id) + 1];
  return stepPath((next?.id as SectionId | undefined) ?? REVIEW_STEP);
}

/** The furthest step a person may open: the first incomplete section, or the review. */
export function furthestStep(answers: Readonly<Record<string, unknown>>, ctx: ItemContext): StepId {
  return (firstIncompleteSection(answers, ctx)?.id as SectionId | undefined) ?? REVIEW_STEP;
}

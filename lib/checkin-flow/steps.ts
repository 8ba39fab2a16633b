import { CHECKIN, CHECKIN_ITEMS } from "@/lib/course/checkin-definition";
import { validateCheckinAnswers } from "@/lib/course/validate-checkin";
import { isItemShown } from "@/lib/questionnaire/progress";
import type { ItemContext } from "@/lib/questionnaire/item-schemas";
import type { SectionDef } from "@/lib/questionnaire/types";
import { parseStep, type FieldIssue, type FormValues, type StepResult } from "@/lib/intake-wizard/form-values";

/**
 * The client's check-in as steps (one per CHECKIN section, then "check your answers"), with the
 * intake wizard's form bridge (parseStep) and the check-in's own validation. Universal: the step
 * form validates in the browser with the very functions the server runs. Paths carry the step
 * only: never the link's token, never an answer (the HttpOnly cookie carries the session).
 */

const CHECKIN_STEP_ROOT = "/check-in/step";
export const CHECKIN_REVIEW_STEP = "review";

type SectionId = (typeof CHECKIN)["sections"][number]["id"];
export type CheckinStepId = SectionId | typeof CHECKIN_REVIEW_STEP;

export const CHECKIN_SECTIONS: readonly SectionDef[] = CHECKIN.sections;

export const CHECKIN_STEPS: readonly { id: CheckinStepId; title: string }[] = [
  ...CHECKIN.sections.map((s) => ({ id: s.id, title: s.title })),
  { id: CHECKIN_REVIEW_STEP, title: "Check your answers" },
];

export const isCheckinStepId = (value: string): value is CheckinStepId => CHECKIN_STEPS.some((s) => s.id === value);
export const checkinStepIndex = (id: CheckinStepId): number => CHECKIN_STEPS.findIndex((s) => s.id === id);
export const checkinSection = (id: string): SectionDef | undefined => CHECKIN_SECTIONS.find((s) => s.id === id);

export function checkinStepPath(id: CheckinStepId, returnToReview = false): string {
  return `${CHECKIN_STEP_ROOT}/${id}${returnToReview && id !== CHECKIN_REVIEW_STEP ? "?return=review" : ""}`;
}

/** Schema messages describe the JSON format; in the form, dates are typed in parts (as parseStep says them). */
const formMessage = (message: string) => message.replace(/ as YYYY-MM(-DD)?$/, "");

/**
 * One step, as parseStep validates an intake step, plus the check-in's cross-item rules
 * (validateCheckinAnswers: the home-BP trio) for this step's items.
 */
export function parseCheckinStep(section: SectionDef, values: FormValues, others: Readonly<Record<string, unknown>>, ctx: ItemContext): StepResult {
  const step = parseStep(section, values, others, ctx);
  const own = new Set(section.items.map((i) => i.id));
  const errors: FieldIssue[] = [...step.errors];
  const whole = validateCheckinAnswers(shownOnly({ ...others, ...step.answers }), ctx);
  for (const issue of whole.errors) {
    if (!own.has(issue.item) || errors.some((e) => e.field === issue.item)) continue;
    errors.push({ field: issue.item, message: formMessage(issue.message), question: section.items.find((i) => i.id === issue.item)?.label });
  }
  const answers = { ...step.answers };
  for (const e of errors) delete answers[e.field.split(".")[0]!];
  return { answers, units: step.units, errors };
}

/** The answers of items still shown (a changed answer can hide a follow-up on another step). */
export function shownOnly(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const item of CHECKIN_ITEMS) if (item.id in answers && answers[item.id] !== undefined && isItemShown(item, answers)) kept[item.id] = answers[item.id];
  return kept;
}

/** The first step whose stored answers are incomplete or invalid, or the review. */
export function furthestCheckinStep(answers: Readonly<Record<string, unknown>>, ctx: ItemContext): CheckinStepId {
  const problems = new Set(validateCheckinAnswers(answers, ctx).errors.map((e) => e.item.split(/[.[]/)[0]));
  const section = CHECKIN.sections.find((s) => s.items.some((i) => problems.has(i.id)));
  return section?.id ?? CHECKIN_REVIEW_STEP;
}

/** After a step: the next one; coming from the review, the first step a change left incomplete, else the review. */
export function pathAfterCheckinStep(id: string, answers: Readonly<Record<string, unknown>>, ctx: ItemContext, returnToReview: boolean): string {
  if (returnToReview) {
    const missing = furthestCheckinStep(answers, ctx);
    return checkinStepPath(missing, missing !== CHECKIN_REVIEW_STEP);
  }
  const next = CHECKIN_STEPS[CHECKIN_STEPS.findIndex((s) => s.id === id) + 1];
  return checkinStepPath(next?.id ?? CHECKIN_REVIEW_STEP);
}

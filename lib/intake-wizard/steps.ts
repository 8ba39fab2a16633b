import { questionnaire, type SectionId } from "@/lib/questionnaire/definition";
import { validateItems } from "@/lib/questionnaire/parse-intake";
import type { ItemContext } from "@/lib/questionnaire/item-schemas";
import type { ItemDef, ScaleId, SectionDef } from "@/lib/questionnaire/types";

/**
 * The wizard's pages: a section is one page unless it is long, when it is cut into pages here
 * (GOV.UK "one thing per page"). Sections, item ids and stored answers stay as the questionnaire
 * defines them: a page is only a section's id and a group of its items. Then "check your answers".
 * Universal.
 */

/** Which of a section's items a later page takes: an instrument (by the items' `scale`), or items by id. */
type Take = { readonly scale: ScaleId } | { readonly items: readonly string[] };

interface PageSplit {
  readonly section: SectionId;
  /** The heading of the section's first page (the items no later page takes). */
  readonly firstTitle: string;
  readonly pages: readonly { readonly id: string; readonly title: string; readonly take: Take }[];
}

const SPLITS: readonly PageSplit[] = [
  {
    section: "mood",
    firstTitle: "Low mood (PHQ-9)",
    pages: [
      { id: "mood-anxiety", title: "Worry and anxiety (GAD-7)", take: { scale: "gad7" } },
      { id: "mood-elevation", title: "Signs of a high", take: { items: ["mania_symptoms_past_week"] } },
    ],
  },
  {
    section: "treatment",
    firstTitle: "Your mood medicines",
    pages: [
      { id: "treatment-other", title: "Other medicines", take: { items: ["other_medications", "benzodiazepine_use", "medication_list", "drug_allergies"] } },
      { id: "treatment-past", title: "Treatments you have tried", take: { items: ["had_past_treatments", "past_treatment_trials", "in_psychotherapy_now"] } },
    ],
  },
];

/** A page is shaped like a section (so a step's parsing works on it unchanged), and names its section. */
export interface WizardPage extends SectionDef {
  readonly section: SectionDef;
  /** The section's title above the heading, on the pages of a section that was cut up. */
  readonly caption?: string;
}

const takes = (take: Take, item: ItemDef) =>
  "scale" in take ? item.type === "int" && item.scale === take.scale : take.items.includes(item.id);

function pagesOf(section: SectionDef): WizardPage[] {
  const split = SPLITS.find((s) => s.section === section.id);
  if (!split) return [{ ...section, section }];
  const later = split.pages.map((p) => ({ ...p, items: section.items.filter((item) => takes(p.take, item)) }));
  const first = section.items.filter((item) => !later.some((p) => p.items.includes(item)));
  return [
    { ...section, title: split.firstTitle, items: first, section, caption: section.title },
    // Later pages carry no intro: the section's was read on its first page.
    ...later.map((p) => ({ id: p.id, title: p.title, minutes: 0, items: p.items, section, caption: section.title })),
  ];
}

export const PAGES: readonly WizardPage[] = questionnaire.sections.flatMap(pagesOf);

export const REVIEW_STEP = "review";
/** A page id (a section's first page keeps the section's id), or the review. */
export type StepId = string;

export const STEPS: readonly { id: StepId; title: string }[] = [...PAGES.map((p) => ({ id: p.id, title: p.title })), { id: REVIEW_STEP, title: "Check your answers" }];

export function pageById(id: string): WizardPage | undefined {
  return PAGES.find((p) => p.id === id);
}

export function pagesOfSection(sectionId: string): WizardPage[] {
  return PAGES.filter((p) => p.section.id === sectionId);
}

export function isStepId(value: string): value is StepId {
  return STEPS.some((s) => s.id === value);
}

export function stepIndex(id: StepId): number {
  return STEPS.findIndex((s) => s.id === id);
}

export function stepPath(id: StepId, returnToReview = false): string {
  return `/intake/${id}${returnToReview && id !== REVIEW_STEP ? "?return=review" : ""}`;
}

/** Whether a page's answers, as stored, are complete and valid. */
export function isPageComplete(page: WizardPage, answers: Readonly<Record<string, unknown>>, ctx: ItemContext): boolean {
  return validateItems(page.items, answers, answers, ctx).errors.length === 0;
}

export function firstIncompletePage(answers: Readonly<Record<string, unknown>>, ctx: ItemContext): WizardPage | undefined {
  return PAGES.find((p) => !isPageComplete(p, answers, ctx));
}

/**
 * Where the person goes after completing a page. Coming from "check your answers", they pass
 * through every page that a change left incomplete (a newly shown required question) first.
 */
export function pathAfterSection(id: string, answers: Readonly<Record<string, unknown>>, ctx: ItemContext, returnToReview: boolean): string {
  if (returnToReview) {
    const missing = firstIncompletePage(answers, ctx);
    return missing ? stepPath(missing.id, true) : stepPath(REVIEW_STEP);
  }
  const next = PAGES[PAGES.findIndex((p) => p.id === id) + 1];
  return stepPath(next?.id ?? REVIEW_STEP);
}

/** The furthest step a person may open: the first incomplete page, or the review. */
export function furthestStep(answers: Readonly<Record<string, unknown>>, ctx: ItemContext): StepId {
  return firstIncompletePage(answers, ctx)?.id ?? REVIEW_STEP;
}

import { questionnaire, type SectionId } from "./definition";
import type { ItemDef, SectionDef } from "./types";
import { evaluateCondition } from "./conditions";
import { allItems, validateItems } from "./parse-intake";
import type { ItemContext } from "./item-schemas";

/** Where a person is in the questionnaire, derived only from their answers. Universal code. */

export const sections: readonly SectionDef[] = questionnaire.sections;

export function sectionById(id: string): SectionDef | undefined {
  return sections.find((s) => s.id === id);
}

export function isSectionId(id: string): id is SectionId {
  return sectionById(id) !== undefined;
}

/**
 * The answers a person sees as theirs: items hidden by branching are removed, in questionnaire
 * order, so a follow-up hidden by a later change never survives in a draft or an intake.
 */
export function withoutHiddenAnswers(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const item of allItems) {
    if (answers[item.id] === undefined) continue;
    if (item.shownIf && !evaluateCondition(item.shownIf, kept)) continue;
    kept[item.id] = answers[item.id];
  }
  return kept;
}

export function isItemShown(item: ItemDef, answers: Readonly<Record<string, unknown>>): boolean {
  return !item.shownIf || evaluateCondition(item.shownIf, answers);
}

/** Whether a section's answers, as stored, are complete and valid. */
export function isSectionComplete(section: SectionDef, answers: Readonly<Record<string, unknown>>, ctx: ItemContext): boolean {
  return validateItems(section.items, answers, answers, ctx).errors.length === 0;
}

/** The first section still missing a required answer (or holding an invalid one), if any. */
export function firstIncompleteSection(answers: Readonly<Record<string, unknown>>, ctx: ItemContext): SectionDef | undefined {
  return sections.find((s) => !isSectionComplete(s, answers, ctx));
}

import { isItemShown } from "@/lib/questionnaire/progress";
import type { FieldDef, ItemDef } from "@/lib/questionnaire/types";
import { PAGES, type WizardPage } from "./steps";

/**
 * How long the intake takes, derived from the questions a person sees rather than typed by hand.
 * The count follows the branching: a follow-up counts only when its answers bring it up, and each
 * entry of a list counts its fields. tests/unit/intake-pages.test.ts measures a typical person
 * (the fixtures' full and minimal answers) against the range the landing page states.
 */

/**
 * Reading a question and its options and answering it, on a phone, at an unhurried pace: the PHQ-9's
 * nine items usually take two to three minutes. An assumption, named so real timings can replace it.
 */
export const SECONDS_PER_QUESTION = 15;
/** The entries a list is counted with at most (medicines, past treatments): most people list a few. */
export const LIST_ENTRIES_COUNTED = 3;

function rowFieldCount(fields: readonly FieldDef[], row: Readonly<Record<string, unknown>> | undefined): number {
  return fields.filter((f) => {
    if (f.onlyWhen) return row !== undefined && f.onlyWhen.in.includes(String(row[f.onlyWhen.field] ?? ""));
    if (f.optionalWhen) return !(row !== undefined && f.optionalWhen.in.includes(String(row[f.optionalWhen.field] ?? "")));
    return true;
  }).length;
}

function itemCount(item: ItemDef, answers: Readonly<Record<string, unknown>>): number {
  if (item.type !== "rows") return 1;
  const rows = Array.isArray(answers[item.id]) ? (answers[item.id] as Record<string, unknown>[]) : [];
  // A list asks at least one entry's fields, and the "add another" question after the entries.
  return (rows.length > 0 ? rows.reduce((n, row) => n + rowFieldCount(item.fields, row), 0) : rowFieldCount(item.fields, undefined)) + 1;
}

/** The questions these answers bring up on these pages. */
export function questionsSeen(answers: Readonly<Record<string, unknown>>, pages: readonly WizardPage[] = PAGES): number {
  return pages.reduce((n, page) => n + page.items.filter((i) => isItemShown(i, answers)).reduce((m, i) => m + itemCount(i, answers), 0), 0);
}

/** The questions when no follow-up opens: only those asked of everyone (nobody sees fewer). */
export function fewestQuestions(pages: readonly WizardPage[] = PAGES): number {
  return pages.reduce((n, page) => n + page.items.filter((i) => !i.shownIf).reduce((m, i) => m + itemCount(i, {}), 0), 0);
}

/** The questions when every follow-up opens and each list has LIST_ENTRIES_COUNTED entries. */
export function mostQuestions(pages: readonly WizardPage[] = PAGES): number {
  return pages.reduce((n, page) => n + page.items.reduce((m, i) => m + (i.type === "rows" ? i.fields.length * LIST_ENTRIES_COUNTED + 1 : 1), 0), 0);
}

export const minutesFor = (questions: number) => Math.max(1, Math.round((questions * SECONDS_PER_QUESTION) / 60));

/** "About N minutes" under a page's heading: the page with every follow-up open. */
export function pageMinutes(page: WizardPage): number {
  return minutesFor(mostQuestions([page]));
}

/** The landing page's estimate: from the fewest questions to the most. */
export function intakeMinutes(): { fewest: number; most: number } {
  return { fewest: minutesFor(fewestQuestions()), most: minutesFor(mostQuestions()) };
}

import { forDisplay, type Assessment, type Consideration } from "@/lib/assessment";
import { allItems, formatAnswer, isItemShown, sections, type ItemDef } from "@/lib/questionnaire";

/**
 * What the PDFs (and the therapist's intake page) say, decided apart from how they look: labelled
 * answers, the consultation questions with the answers and considerations that bear on each.
 * Universal and pure.
 */

export interface LabelledAnswer {
  label: string;
  lines: string[];
}

const itemById = new Map<string, ItemDef>(allItems.map((i) => [i.id, i]));

export function labelled(id: string, answers: Readonly<Record<string, unknown>>): LabelledAnswer | undefined {
  const item = itemById.get(id);
  if (!item || !isItemShown(item, answers)) return undefined;
  return { label: item.label, lines: formatAnswer(item, answers[id]) };
}

export function evidenceLines(c: Consideration): LabelledAnswer[] {
  return c.evidence.map((e) => {
    const item = itemById.get(e.item);
    return { label: item?.label ?? e.item, lines: item ? formatAnswer(item, e.answer) : [String(e.answer)] };
  });
}

export interface ConsultationQuestion {
  question: string;
  answers: LabelledAnswer[];
  considerations: Consideration[];
}

export function consultationQuestions(answers: Readonly<Record<string, unknown>>, assessment?: Assessment): ConsultationQuestion[] {
  const selected = Array.isArray(answers.questions_selected) ? (answers.questions_selected as string[]) : [];
  const item = itemById.get("questions_selected") as Extract<ItemDef, { type: "multi" }>;
  return selected.map((value) => {
    const option = item.options.find((o) => o.value === value);
    // The answers that bear on each question are listed on its option in the definition.
    const topics = option?.relatedItems ?? [];
    return {
      question: option?.label ?? value,
      answers: topics.map((id) => labelled(id, answers)).filter((a): a is LabelledAnswer => !!a),
      considerations: assessment ? forDisplay(assessment.considerations).filter((c) => c.evidence.some((e) => topics.includes(e.item))) : [],
    };
  });
}

export interface AnswerSection {
  title: string;
  answers: LabelledAnswer[];
}

/** Every visible question of every section, with its answer in words ("Not answered" when optional and left empty). */
export function answersBySection(answers: Readonly<Record<string, unknown>>): AnswerSection[] {
  return sections.map((s) => ({
    title: s.title,
    answers: s.items.filter((i) => isItemShown(i, answers)).map((i) => ({ label: i.label, lines: formatAnswer(i, answers[i.id]) })),
  }));
}

export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
}

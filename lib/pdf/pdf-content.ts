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

/** Which answers bear on each question of the consultation checklist (issue 6). */
export const QUESTION_TOPICS: Record<string, readonly string[]> = {
  type_safety: ["bipolar_type", "on_mood_medication", "current_mood_medications", "mania_last_12_months", "antidepressant_switch_history"],
  mood_stabilizer: ["on_mood_medication", "current_mood_medications"],
  schedule: ["has_escort", "support_person", "prior_ketamine", "prior_ketamine_routes", "prior_ketamine_response"],
  integration: ["in_psychotherapy_now", "support_person"],
  outcomes: ["had_past_treatments", "past_treatment_trials", "prior_ketamine", "prior_ketamine_response"],
  long_term_safety: [
    "hypertension_diagnosed",
    "bp_controlled",
    "bp_recent_systolic",
    "bp_recent_diastolic",
    "bp_recent_date",
    "other_conditions",
    "auditc_1",
    "auditc_2",
    "auditc_3",
    "cannabis_use",
    "drugs_past_12_months",
    "substance_problems",
    "prior_ketamine_adverse",
  ],
};

export interface ConsultationQuestion {
  question: string;
  answers: LabelledAnswer[];
  considerations: Consideration[];
}

export function consultationQuestions(answers: Readonly<Record<string, unknown>>, assessment?: Assessment): ConsultationQuestion[] {
  const selected = Array.isArray(answers.questions_selected) ? (answers.questions_selected as string[]) : [];
  const item = itemById.get("questions_selected") as Extract<ItemDef, { type: "multi" }>;
  return selected.map((value) => {
    const topics = QUESTION_TOPICS[value] ?? [];
    return {
      question: item.options.find((o) => o.value === value)?.label ?? value,
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

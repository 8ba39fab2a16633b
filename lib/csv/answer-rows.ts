import { formatValue, isItemShown, type QuestionnaireDef } from "@/lib/questionnaire";
import type { CsvColumn } from "./writer";

/**
 * One intake's answers as item id / label / answer rows, in questionnaire order, worded by the
 * version the person answered (its labels and option labels). Items the branching hid are absent;
 * a shown question left unanswered has an empty answer. A repeating item gives one row per field
 * of each entry, its id carrying the entry's number: `past_treatment_trials[2].weeks`. Pure.
 */

export interface AnswerRow {
  itemId: string;
  label: string;
  answer: string;
}

export const ANSWER_COLUMNS: readonly CsvColumn<AnswerRow>[] = [
  { header: "item_id", cell: (r) => r.itemId },
  { header: "label", cell: (r) => r.label },
  { header: "answer", cell: (r) => r.answer },
];

export function answerRows(definition: QuestionnaireDef, answers: Readonly<Record<string, unknown>>): AnswerRow[] {
  const out: AnswerRow[] = [];
  for (const section of definition.sections)
    for (const item of section.items) {
      if (!isItemShown(item, answers)) continue;
      const value = answers[item.id];
      if (item.type !== "rows") {
        out.push({ itemId: item.id, label: item.label, answer: value === undefined ? "" : formatValue(item, value) });
        continue;
      }
      ((value ?? []) as Record<string, unknown>[]).forEach((entry, i) => {
        for (const field of item.fields)
          if (entry[field.id] !== undefined)
            out.push({ itemId: `${item.id}[${i + 1}].${field.id}`, label: `${item.label} — ${item.rowLabel} ${i + 1}: ${field.label}`, answer: formatValue(field, entry[field.id]) });
      });
    }
  return out;
}

import { formatAnswer, isItemShown, type SectionDef } from "@/lib/questionnaire";

/** A section's visible questions and answers, in words: the client's review page and the therapist's intake page. */
export function SectionAnswers({
  section,
  answers,
  suffix,
}: {
  section: SectionDef;
  answers: Record<string, unknown>;
  /** Extra words after an answer (the units the person typed, beside the stored ones). */
  suffix?: (itemId: string, value: unknown) => string;
}) {
  return (
    <dl className="summary-list">
      {section.items
        .filter((item) => isItemShown(item, answers))
        .map((item) => (
          <div className="summary-row" key={item.id}>
            <dt>{item.label}</dt>
            <dd>
              {formatAnswer(item, answers[item.id]).map((line, i) => (
                <span className="summary-line" key={i}>
                  {line}
                  {suffix?.(item.id, answers[item.id])}
                </span>
              ))}
            </dd>
          </div>
        ))}
    </dl>
  );
}

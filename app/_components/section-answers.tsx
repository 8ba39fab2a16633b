import { formatAnswer, isItemShown, runsWithStems, type QuestionnaireDef, type SectionDef } from "@/lib/questionnaire";

/**
 * A section's visible questions and answers, in words: the client's review page and the therapist's
 * intake page. An instrument's stem (PHQ-9, GAD-7) stands above its items, as it did when asked.
 */
export function SectionAnswers({
  section,
  stems,
  answers,
  suffix,
}: {
  section: SectionDef;
  /** The stems of the questionnaire version the answers were given to. */
  stems: QuestionnaireDef["stems"];
  answers: Record<string, unknown>;
  /** Extra words after an answer (the units the person typed, beside the stored ones). */
  suffix?: (itemId: string, value: unknown) => string;
}) {
  const runs = runsWithStems(
    stems,
    section.items.filter((item) => isItemShown(item, answers)),
  );
  return (
    <>
      {runs.map((run) => (
        <div key={run.items[0]!.id}>
          {run.stem && <p className="scale-stem">{run.stem.text}</p>}
          <dl className="summary-list">
            {run.items.map((item) => (
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
        </div>
      ))}
    </>
  );
}

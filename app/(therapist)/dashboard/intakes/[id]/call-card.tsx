import type { CallCardLine, SafetyAnswer } from "@/lib/intake-summary-call-card";

/** A tel: link's target: the digits and a leading +, as typed otherwise. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

/** What a clinician needs to phone the client: a short summary list, phone numbers as tel: links. */
export function CallCard({ lines, headingLevel }: { lines: CallCardLine[]; headingLevel: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="call-card" aria-labelledby="call-card-heading">
      <Heading id="call-card-heading">Call card</Heading>
      <dl className="summary-list">
        {lines.map((line) => (
          <div className="summary-row" key={line.label}>
            <dt>{line.label}</dt>
            <dd>
              {line.lines.map((l, i) => (
                <span className="summary-line" key={i}>
                  {l}
                </span>
              ))}
              {line.phone && (
                <span className="summary-line">
                  <a href={telHref(line.phone)}>{line.phone}</a>
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function AnswerList({ answers }: { answers: SafetyAnswer[] }) {
  return (
    <dl className="summary-list">
      {answers.map((a) => (
        <div className="summary-row" key={a.itemId}>
          <dt>{a.label}</dt>
          <dd>
            <strong>{a.lines.join("; ")}</strong>
          </dd>
        </div>
      ))}
    </dl>
  );
}

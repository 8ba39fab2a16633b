import type { Ref } from "react";

/**
 * A step's heading with a progress indicator that names every step: the intake's wizard and the
 * client's check-in share it, so both read the same to a person and to a screen reader.
 */
export function StepProgressHeader({
  steps,
  index,
  label,
  title,
  caption,
  minutes,
  intro,
  headingRef,
}: {
  steps: readonly { id: string; title: string }[];
  /** The current step's position in `steps`. */
  index: number;
  /** The progress navigation's accessible name, e.g. "Intake progress". */
  label: string;
  title: string;
  /** The section's title, above the heading of a page that is part of a longer section. */
  caption?: string;
  minutes?: number;
  intro?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <>
      <nav aria-label={label} className="progress">
        <div className="progress-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(((index + 1) / steps.length) * 100)}%` }} />
        </div>
        <details>
          <summary>
            Step {index + 1} of {steps.length}
            <span className="visually-hidden">: {title}.</span> <span className="progress-show">Show all steps</span>
          </summary>
          <ol className="progress-steps">
            {steps.map((s, i) => (
              <li key={s.id} aria-current={i === index ? "step" : undefined} className={i < index ? "done" : i === index ? "current" : undefined}>
                {s.title}
                {i < index && <span className="visually-hidden"> (done)</span>}
              </li>
            ))}
          </ol>
        </details>
      </nav>
      {caption && <span className="caption">{caption}</span>}
      <h1 tabIndex={-1} ref={headingRef}>
        {title}
      </h1>
      {(intro || minutes) && (
        <p className="lead">
          {intro}
          {minutes ? ` About ${minutes} ${minutes === 1 ? "minute" : "minutes"}.` : ""}
        </p>
      )}
    </>
  );
}

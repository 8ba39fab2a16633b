import type { Ref } from "react";
import { STEPS, stepIndex, type StepId } from "@/lib/intake-wizard/steps";

/** The step's heading and a progress indicator that names every step. */
export function StepHeader({
  stepId,
  title,
  caption,
  minutes,
  intro,
  headingRef,
}: {
  stepId: StepId;
  title: string;
  /** The section's title, above the heading of a page that is part of a longer section. */
  caption?: string;
  minutes?: number;
  intro?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const index = stepIndex(stepId);
  return (
    <>
      <nav aria-label="Intake progress" className="progress">
        <div className="progress-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(((index + 1) / STEPS.length) * 100)}%` }} />
        </div>
        <details>
          <summary>
            Step {index + 1} of {STEPS.length}
            <span className="visually-hidden">: {title}.</span> <span className="progress-show">Show all steps</span>
          </summary>
          <ol className="progress-steps">
            {STEPS.map((s, i) => (
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

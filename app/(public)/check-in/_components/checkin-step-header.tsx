import type { Ref } from "react";
import { CHECKIN_STEPS, checkinStepIndex, type CheckinStepId } from "@/lib/checkin-flow/steps";

/** The check-in step's heading and a progress indicator that names every step (as the intake's StepHeader). */
export function CheckinStepHeader({
  stepId,
  title,
  minutes,
  intro,
  headingRef,
}: {
  stepId: CheckinStepId;
  title: string;
  minutes?: number;
  intro?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const index = checkinStepIndex(stepId);
  return (
    <>
      <nav aria-label="Check-in progress" className="progress">
        <div className="progress-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(((index + 1) / CHECKIN_STEPS.length) * 100)}%` }} />
        </div>
        <details>
          <summary>
            Step {index + 1} of {CHECKIN_STEPS.length}
            <span className="visually-hidden">: {title}.</span> <span className="progress-show">Show all steps</span>
          </summary>
          <ol className="progress-steps">
            {CHECKIN_STEPS.map((s, i) => (
              <li key={s.id} aria-current={i === index ? "step" : undefined} className={i < index ? "done" : i === index ? "current" : undefined}>
                {s.title}
                {i < index && <span className="visually-hidden"> (done)</span>}
              </li>
            ))}
          </ol>
        </details>
      </nav>
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

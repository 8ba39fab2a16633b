import type { Ref } from "react";
import { STEPS, stepIndex, type StepId } from "@/lib/intake-wizard/steps";
import { StepProgressHeader } from "@/app/_components/step-progress-header";

/** The intake step's heading and a progress indicator that names every step. */
export function StepHeader({
  stepId,
  ...rest
}: {
  stepId: StepId;
  title: string;
  /** The section's title, above the heading of a page that is part of a longer section. */
  caption?: string;
  minutes?: number;
  intro?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return <StepProgressHeader steps={STEPS} index={stepIndex(stepId)} label="Intake progress" {...rest} />;
}

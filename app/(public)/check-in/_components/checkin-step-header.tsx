import type { Ref } from "react";
import { CHECKIN_STEPS, checkinStepIndex, type CheckinStepId } from "@/lib/checkin-flow/steps";
import { StepProgressHeader } from "@/app/_components/step-progress-header";

/** The check-in step's heading and a progress indicator that names every step (as the intake's StepHeader). */
export function CheckinStepHeader({
  stepId,
  ...rest
}: {
  stepId: CheckinStepId;
  title: string;
  minutes?: number;
  intro?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return <StepProgressHeader steps={CHECKIN_STEPS} index={checkinStepIndex(stepId)} label="Check-in progress" {...rest} />;
}

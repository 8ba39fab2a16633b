import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { CURRENT_VERSION } from "@/lib/questionnaire";
import { severeBloodPressure } from "@/lib/assessment";
import { toFormValues } from "@/lib/intake-wizard/form-values";
import { currentDraft } from "@/lib/intake-wizard/draft-cookie";
import { todayInClinic } from "@/lib/intake-wizard/draft-service";
import { furthestStep, isStepId, pageById, REVIEW_STEP, STEPS, stepIndex, stepPath } from "@/lib/intake-wizard/steps";
import { privacyNoticeView } from "@/lib/privacy-notice";
import { StepForm } from "../_components/step-form";
import { ReviewAnswers } from "../_components/review-answers";
import { InterruptionPage } from "../_components/interruption";
import { countryOf } from "@/lib/questionnaire/countries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ step: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { step } = await params;
  if (!isStepId(step)) return {};
  if ((await currentDraft())?.state.interruption) return { title: "Get help now – Intake" };
  return { title: `${STEPS[stepIndex(step)]!.title} (step ${stepIndex(step) + 1} of ${STEPS.length}) – Intake` };
}

export default async function StepPage({ params, searchParams }: Props) {
  const { step } = await params;
  if (!isStepId(step)) notFound();
  const returnToReview = (await searchParams).return === "review";
  const draft = await currentDraft();
  if (draft?.intakeId) redirect("/intake/sent");
  // /intake tells a browser whose draft was continued elsewhere or deleted what happened.
  if (!draft && step !== "consent") redirect("/intake");

  const ctx = { referenceDate: todayInClinic() };
  const answers = draft?.state.answers ?? {};
  const furthest = furthestStep(answers, ctx);
  if (draft && stepIndex(step) > stepIndex(furthest)) redirect(stepPath(furthest));

  const config = getConfig();
  const crisis = { numbers: config.crisisNumbers, reviewWindow: config.reviewWindow, alreadyShown: draft?.crisisShown ?? false };
  const index = stepIndex(step);
  const previousPath = index > 0 ? stepPath(STEPS[index - 1]!.id) : "/";

  if (draft?.state.interruption)
    return (
      <InterruptionPage
        answers={answers}
        numbers={config.crisisNumbers}
        country={countryOf(answers)}
        reviewWindow={config.reviewWindow}
        step={step}
        returnToReview={returnToReview}
      />
    );

  if (step === REVIEW_STEP)
    return <ReviewAnswers answers={answers} units={draft!.state.units} crisis={crisis} previousPath={previousPath} />;

  const section = pageById(step)!;
  const pending = draft?.state.pending?.section === step ? draft.state.pending.values : undefined;
  const initialValues = { ...toFormValues(section, answers, draft?.state.units), ...pending };
  return (
    <StepForm
      sectionId={step}
      initialValues={initialValues}
      context={answers}
      referenceDate={ctx.referenceDate}
      crisis={crisis}
      returnToReview={returnToReview && !!draft}
      previousPath={previousPath}
      hasDraft={!!draft}
      notice={step === "consent" ? privacyNoticeView(config.clinicName, config.reviewWindow, config.clinicContact) : undefined}
      severeBloodPressure={severeBloodPressure(config.ruleSets[CURRENT_VERSION])}
    />
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound, redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { currentCheckin } from "@/lib/course-records";
import { readCheckinToken } from "@/lib/course-records/checkin-cookie";
import { questionnaireFor } from "@/lib/questionnaire/definition";
import { countryOf } from "@/lib/questionnaire/countries";
import { toFormValues } from "@/lib/intake-wizard/form-values";
import { checkinToday, othersOf } from "@/lib/checkin-flow/checkin-steps";
import { CHECKIN_REVIEW_STEP, CHECKIN_STEPS, checkinSection, checkinStepIndex, checkinStepPath, furthestCheckinStep, isCheckinStepId } from "@/lib/checkin-flow/steps";
import { ContactClinic } from "@/app/_components/clinic-contact";
import { CheckinStepForm } from "../../_components/checkin-step-form";
import { CheckinReview } from "../../_components/checkin-review";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ step: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { step } = await params;
  if (!isCheckinStepId(step)) return {};
  const index = checkinStepIndex(step);
  return { title: `${CHECKIN_STEPS[index]!.title} (step ${index + 1} of ${CHECKIN_STEPS.length}) – Check-in` };
}

/** The PHQ-9's stem as the intake's version 2 holds it (the check-in asks its items). */
const STEMS = questionnaireFor("2").stems;

/**
 * One step of the check-in, for the session in the HttpOnly cookie (the address names the step
 * only). Without an open check-in, every step leads to the review step's page, which says so (and
 * which, after sending, shows the confirmation the send returned).
 */
export default async function CheckinStepPage({ params, searchParams }: Props) {
  const { step } = await params;
  if (!isCheckinStepId(step)) notFound();
  const config = getConfig();
  const checkin = await currentCheckin(await readCheckinToken());
  const country = countryOf({ country: checkin?.country });
  const contact: ReactNode = <ContactClinic lead="If you have a question, or something does not work," clinicName={config.clinicName} contact={config.clinicContact} />;

  if (step === CHECKIN_REVIEW_STEP || !checkin || checkin.submitted) {
    if (step !== CHECKIN_REVIEW_STEP) redirect(checkinStepPath(CHECKIN_REVIEW_STEP));
    const ctx = { referenceDate: checkinToday() };
    if (checkin && !checkin.submitted && furthestCheckinStep(checkin.state.answers, ctx) !== CHECKIN_REVIEW_STEP)
      redirect(checkinStepPath(furthestCheckinStep(checkin.state.answers, ctx)));
    return (
      <CheckinReview
        checkin={checkin ? { answers: checkin.state.answers, crisisShown: checkin.crisisShown, submitted: checkin.submitted, country } : null}
        numbers={config.crisisNumbers}
        reviewWindow={config.reviewWindow}
        clinicName={config.clinicName}
        stems={STEMS}
        contact={contact}
      />
    );
  }

  const ctx = { referenceDate: checkinToday() };
  const answers = checkin.state.answers;
  const furthest = furthestCheckinStep(answers, ctx);
  if (checkinStepIndex(step) > checkinStepIndex(furthest)) redirect(checkinStepPath(furthest));
  const section = checkinSection(step)!;
  const index = checkinStepIndex(step);
  return (
    <>
      <CheckinStepForm
        key={step}
        sectionId={step}
        initialValues={toFormValues(section, answers)}
        context={othersOf(answers, step)}
        referenceDate={ctx.referenceDate}
        crisis={{ numbers: config.crisisNumbers, reviewWindow: config.reviewWindow, alreadyShown: checkin.crisisShown, country }}
        stems={STEMS}
        returnToReview={(await searchParams).return === "review"}
        previousPath={index > 0 ? checkinStepPath(CHECKIN_STEPS[index - 1]!.id) : undefined}
      />
      <noscript>
        <aside className="note no-js-note" aria-label="Using this form without JavaScript">
          <p>JavaScript is off in this browser. The check-in still works: your answers are saved each time you press Continue, and some follow-up questions appear only after you press it.</p>
          {contact}
        </aside>
      </noscript>
    </>
  );
}

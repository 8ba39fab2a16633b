"use client";

import { Fragment, useActionState, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import type { CrisisNumbers } from "@/lib/config";
import { isItemShown } from "@/lib/questionnaire/progress";
import { runsWithStems } from "@/lib/questionnaire/stems";
import type { QuestionnaireDef } from "@/lib/questionnaire/types";
import { toFormValues, type FieldIssue, type FormValues } from "@/lib/intake-wizard/form-values";
import { stepLayout } from "@/lib/intake-wizard/form-data";
import { CHECKIN_CRISIS_TRIGGER_ITEMS, isCheckinCrisisTriggered } from "@/lib/course/checkin-crisis";
import { checkinSection, checkinStepPath, parseCheckinStep, type CheckinStepId } from "@/lib/checkin-flow/steps";
import type { CountryCode } from "@/lib/questionnaire/countries";
import { useStepFormEffects } from "@/app/_components/step-form-effects";
import { CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { CHECKIN_NOT_MONITORED } from "@/lib/checkin-flow/send-state";
import { QuestionField } from "@/app/(public)/intake/_components/question-field";
import { ErrorSummary } from "@/app/(public)/intake/_components/error-summary";
import { saveCheckinStepAction, saveCheckinStepFormAction } from "../actions";
import { CheckinStepHeader } from "./checkin-step-header";

export interface CheckinCrisisProps {
  numbers: CrisisNumbers;
  reviewWindow: string;
  /** The numbers came up on an earlier step: they stay at the top of every later one. */
  alreadyShown: boolean;
  /** The client's country, from their intake. */
  country?: CountryCode;
}

interface Props {
  sectionId: string;
  initialValues: FormValues;
  /** Answers given on the other steps (branching and the crisis panel read them). */
  context: Record<string, unknown>;
  referenceDate: string;
  crisis: CheckinCrisisProps;
  /** The PHQ-9's stem, set above its items as the intake sets it. */
  stems: QuestionnaireDef["stems"];
  returnToReview: boolean;
  previousPath: string | undefined;
}

/**
 * One step of the check-in, in the intake's patterns: questions from the definition, the error
 * summary that takes focus, the crisis numbers the moment an answer calls for them. With scripts
 * the step is checked here first and saved by saveCheckinStepAction; without, the browser posts
 * the form to saveCheckinStepFormAction and the server answers with the page.
 */
export function CheckinStepForm(props: Props) {
  const section = checkinSection(props.sectionId)!;
  const router = useRouter();
  const [posted, postAction] = useActionState(saveCheckinStepFormAction, undefined);
  const form = useForm<FormValues>({ defaultValues: posted?.values ?? props.initialValues });
  const values = useWatch({ control: form.control }) as FormValues;
  const [errors, setErrors] = useState<FieldIssue[]>(posted?.errors ?? []);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inFlight = useRef(false);

  const ctx = useMemo(() => ({ referenceDate: props.referenceDate }), [props.referenceDate]);
  const others = props.context;
  const live = useMemo(() => parseCheckinStep(section, values, others, ctx), [section, values, others, ctx]);
  const merged = useMemo(() => ({ ...others, ...live.answers }), [others, live.answers]);
  const crisisNow = isCheckinCrisisTriggered(merged);

  useStepFormEffects({ section, merged, form, errors, headingRef, summaryRef });

  async function send() {
    if (inFlight.current) return;
    const current = form.getValues();
    const check = parseCheckinStep(section, current, others, ctx);
    if (check.errors.length > 0) return setErrors(check.errors);
    inFlight.current = true;
    setBusy(true);
    try {
      const outcome = await saveCheckinStepAction({ section: section.id, values: current, returnToReview: props.returnToReview });
      if (outcome.status === "invalid") setErrors(outcome.errors);
      else if (outcome.status === "refused") setErrors([{ field: "$", message: outcome.message }]);
      else if (outcome.status === "no_checkin") router.push(checkinStepPath("review"));
      else {
        setErrors([]);
        router.push(outcome.next);
        return;
      }
    } catch {
      setErrors([{ field: "$", message: "We could not reach the server. Check your connection and try again: your answers on this page are still here." }]);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  const errorFor = (path: string) => errors.find((e) => e.field === path)?.message;
  const panel = <CrisisNumbersPanel numbers={props.crisis.numbers} country={props.crisis.country} reviewWindow={props.crisis.reviewWindow} notMonitored={CHECKIN_NOT_MONITORED} inForm />;
  // On the step where a trigger first becomes true, the numbers appear right under that question.
  const firstTrigger = props.crisis.alreadyShown ? undefined : section.items.find((item) => isCheckinCrisisTriggered({ [item.id]: merged[item.id] }))?.id;
  const crisisAtTop = props.crisis.alreadyShown || (crisisNow && firstTrigger === undefined);
  const shown = section.items.filter((item) => isItemShown(item, merged));
  const stemmed = runsWithStems(props.stems, shown);

  return (
    <main id="main">
      <CheckinStepHeader stepId={section.id as CheckinStepId} headingRef={headingRef} title={section.title} minutes={section.minutes} intro={stemmed.some((r) => r.stem) ? undefined : section.intro} />
      {crisisAtTop && panel}
      {errors.length > 0 && <ErrorSummary ref={summaryRef} errors={errors} />}
      {posted?.notice && errors.length === 0 && (
        <div className="note" role="status">
          <p>{posted.notice}</p>
        </div>
      )}
      <form
        noValidate
        action={postAction}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <input type="hidden" name="_section" value={section.id} />
        <input type="hidden" name="_layout" value={stepLayout(section, values, others, ctx)} />
        {props.returnToReview && <input type="hidden" name="_return" value="review" />}
        {stemmed.map((run) => {
          const fields = run.items.map((item) => {
            const field = <QuestionField key={item.id} item={item} form={form} errorFor={errorFor} />;
            if (!CHECKIN_CRISIS_TRIGGER_ITEMS.includes(item.id)) return field;
            return (
              <div key={item.id}>
                {field}
                <div aria-live="polite">{!crisisAtTop && firstTrigger === item.id && crisisNow ? panel : null}</div>
              </div>
            );
          });
          if (!run.stem) return <Fragment key={run.items[0]!.id}>{fields}</Fragment>;
          const stemId = `stem-${run.stem.scale}`;
          return (
            <div key={stemId} role="group" aria-labelledby={stemId}>
              <p id={stemId} className="scale-stem">
                {run.stem.text}
              </p>
              {fields}
            </div>
          );
        })}
        <div className="button-group">
          <button type="submit" className="button" aria-busy={busy || undefined}>
            {props.returnToReview ? "Save and continue" : "Continue"}
          </button>
        </div>
        {(props.returnToReview || props.previousPath) && (
          <p className="back-link-row">
            <a href={props.returnToReview ? checkinStepPath("review") : props.previousPath} className="back-link">
              {props.returnToReview ? "Back to check your answers" : "Back"}
            </a>
          </p>
        )}
        <p className="save-status">Your answers are saved on the clinic&apos;s server each time you press Continue. Nothing is kept in this browser.</p>
      </form>
    </main>
  );
}

"use client";

import { Fragment, useActionState, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import type { CrisisNumbers } from "@/lib/config";
import { isItemShown } from "@/lib/questionnaire/progress";
import { questionnaire } from "@/lib/questionnaire/definition";
import { runsWithStems } from "@/lib/questionnaire/stems";
import { bloodPressureNote, consentCrisisHelp } from "@/lib/intake-wizard/crisis-wording";
import { CRISIS_TRIGGER_ITEMS, isCrisisTriggered } from "@/lib/intake-wizard/crisis-trigger";
import { parseStep, toFormValues, type FieldIssue, type FormValues } from "@/lib/intake-wizard/form-values";
import type { PrivacyNoticeView } from "@/lib/privacy-notice";
import { useStepFormEffects } from "@/app/_components/step-form-effects";
import { CrisisBanner, CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { ACUTE_RISK_ITEMS, acuteRiskSaid, callNow, followUpLeadIn, isSuicideFollowUp } from "@/lib/intake-wizard/acute-risk";
import { countryOf } from "@/lib/questionnaire/countries";
import { stepLayout } from "@/lib/intake-wizard/form-data";
import { pageMinutes } from "@/lib/intake-wizard/estimate";
import { saveStepAction, saveStepFormAction } from "../actions";
import { QuestionField } from "./question-field";
import { ErrorSummary } from "./error-summary";
import { StepHeader } from "./step-header";
import { EmailLinkOffer } from "./email-link-offer";
import { pageById } from "@/lib/intake-wizard/steps";

export interface CrisisProps {
  numbers: CrisisNumbers;
  reviewWindow: string;
  /** Crisis numbers were already shown on an earlier step: they stay at the top of every later one. */
  alreadyShown: boolean;
}

interface Props {
  sectionId: string;
  initialValues: FormValues;
  /** Answers already given on other steps (branching and crisis numbers depend on them). */
  context: Record<string, unknown>;
  referenceDate: string;
  crisis: CrisisProps;
  returnToReview: boolean;
  previousPath: string;
  hasDraft: boolean;
  notice?: PrivacyNoticeView;
  /** The configured severe blood-pressure thresholds (the rule BP_SEVERE's): a reading at or above either brings up a note. */
  severeBloodPressure: { systolic: number; diastolic: number };
}

const AUTOSAVE_DELAY_MS = 1000;

export function StepForm(props: Props) {
  const section = pageById(props.sectionId)!;
  const router = useRouter();
  // Set only when the browser posted the form itself (no JavaScript): the server's answer to it.
  const [posted, postAction] = useActionState(saveStepFormAction, undefined);
  const form = useForm<FormValues>({ defaultValues: posted?.values ?? props.initialValues });
  const values = useWatch({ control: form.control }) as FormValues;
  const [errors, setErrors] = useState<FieldIssue[]>(posted?.errors ?? []);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<string | undefined>();
  /** Why the last autosave stored nothing (too large, or a limit); shown without taking focus. */
  const [autosaveProblem, setAutosaveProblem] = useState<string | undefined>();
  const [resume, setResume] = useState<{ url: string; expiresAt: string; byEmail: boolean } | undefined>(posted?.resume);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const autosaveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const trapRef = useRef<HTMLInputElement>(null);

  const ctx = useMemo(() => ({ referenceDate: props.referenceDate }), [props.referenceDate]);
  const others = useMemo(() => {
    const o = { ...props.context };
    for (const item of section.items) delete o[item.id];
    return o;
  }, [props.context, section]);
  const live = useMemo(() => parseStep(section, values, others, ctx), [section, values, others, ctx]);
  const merged = useMemo(() => ({ ...others, ...live.answers }), [others, live.answers]);
  const crisisNow = isCrisisTriggered(merged);
  const country = countryOf(merged);

  useStepFormEffects({ section, merged, form, errors, headingRef, summaryRef });

  // Every change is saved to the server-side draft a moment after typing stops.
  useEffect(() => {
    if (!props.hasDraft) return;
    const subscription = form.watch(() => {
      clearTimeout(autosaveTimer.current);
      autosaveTimer.current = setTimeout(() => {
        saveStepAction({ section: section.id, values: form.getValues(), intent: "autosave", returnToReview: props.returnToReview })
          .then((outcome) => {
            if (outcome.status === "autosaved") {
              setAutosaveProblem(undefined);
              setSavedAt(new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }));
            } else if (outcome.status === "refused") setAutosaveProblem(outcome.message);
          })
          .catch(() => setSavedAt(undefined));
      }, AUTOSAVE_DELAY_MS);
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(autosaveTimer.current);
    };
  }, [form, props.hasDraft, props.returnToReview, section.id]);

  async function send(intent: "next" | "later") {
    if (inFlight.current) return;
    clearTimeout(autosaveTimer.current);
    const current = form.getValues();
    if (intent === "next") {
      const check = parseStep(section, current, others, ctx);
      if (check.errors.length > 0) return setErrors(check.errors);
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const outcome = await saveStepAction({ section: section.id, values: current, intent, returnToReview: props.returnToReview, trap: trapRef.current?.value || undefined });
      if (outcome.status === "invalid") setErrors(outcome.errors);
      else if (outcome.status === "refused") setErrors([{ field: "$", message: outcome.message }]);
      else if (outcome.status === "saved") {
        setErrors([]);
        router.push(outcome.next);
        return;
      } else if (outcome.status === "resume_link") {
        setErrors([]);
        setResume({ url: `${window.location.origin}${outcome.path}`, expiresAt: outcome.expiresAt, byEmail: outcome.byEmail });
      } else if (outcome.status === "no_draft") router.push("/intake");
    } catch {
      setErrors([{ field: "$", message: "We could not reach the server. Check your connection and try again: your answers on this page are still here." }]);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  const errorFor = (path: string) => errors.find((e) => e.field === path)?.message;
  const crisisPanel = (
    <CrisisNumbersPanel numbers={props.crisis.numbers} country={country} reviewWindow={props.crisis.reviewWindow} inForm />
  );
  // The full panel stands on the safety step (under its first triggering question, or its first
  // question) and where a trigger first becomes true (right under that question). Every other step
  // after the numbers were shown opens with the one-line banner, so the first question stays on the first screen.
  const safetyStep = section.items.some((item) => ACUTE_RISK_ITEMS.includes(item.id));
  const shownItems = section.items.filter((item) => isItemShown(item, merged));
  const triggerHere = shownItems.find((item) => isCrisisTriggered({ [item.id]: merged[item.id] }))?.id;
  const panelNeeded = safetyStep ? props.crisis.alreadyShown || crisisNow : !props.crisis.alreadyShown && crisisNow;
  // Shown before the step opened: it stays put under the first question rather than following each new answer.
  const panelUnder = !panelNeeded ? undefined : safetyStep && props.crisis.alreadyShown ? shownItems[0]?.id : triggerHere;
  const crisisAtTop = panelNeeded && panelUnder === undefined;
  const bannerAtTop = props.crisis.alreadyShown && !safetyStep;
  const leadIn = followUpLeadIn(merged);

  const bpText = bloodPressureNote(merged, props.severeBloodPressure, props.crisis.numbers, country);
  const bpNote = bpText ? <BloodPressureNote note={bpText} /> : null;

  return (
    <main id="main">
      {bannerAtTop && <CrisisBanner numbers={props.crisis.numbers} country={country} reviewWindow={props.crisis.reviewWindow} />}
      <StepHeader stepId={section.id} headingRef={headingRef} title={section.title} caption={section.caption} minutes={pageMinutes(section)} intro={section.intro} />
      {crisisAtTop && crisisPanel}
      {errors.length > 0 && <ErrorSummary ref={summaryRef} errors={errors} />}
      {posted?.notice && errors.length === 0 && (
        <div className="note" role="status">
          <p>{posted.notice}</p>
        </div>
      )}
      {props.notice && <PrivacyNotice notice={props.notice} />}
      {/* With scripts, onSubmit handles the form; without, the browser posts it to saveStepFormAction. */}
      <form
        noValidate
        action={postAction}
        onSubmit={(e) => {
          e.preventDefault();
          void send("next");
        }}
      >
        {section.items.some((item) => item.type === "rows") && (
          // Enter in a field means Continue: the form's first submit button is the default one, and the
          // list's own buttons ("Save", "Add another") come earlier in the page than Continue.
          <button type="submit" name="_intent" value="next" className="visually-hidden" tabIndex={-1} aria-hidden="true">
            Continue
          </button>
        )}
        <input type="hidden" name="_section" value={section.id} />
        <input type="hidden" name="_layout" value={stepLayout(section, values, others, ctx)} />
        {props.returnToReview && <input type="hidden" name="_return" value="review" />}
        {runsWithStems(questionnaire.stems, shownItems).map((run) => {
          const fields = run.items.map((shown) => {
            let item = shown;
            let after: ReactNode = null;
            if (item.id === "bp_recent_diastolic" && bpNote) after = bpNote;
            if (item.id === "consent_not_emergency") {
              item = { ...item, help: consentCrisisHelp(props.crisis.numbers) };
              after = crisisPanel;
            }
            if (ACUTE_RISK_ITEMS.includes(item.id)) after = <AcuteRiskNote said={acuteRiskSaid(item.id, merged[item.id])} now={callNow(props.crisis.numbers, country)} />;
            const field = <QuestionField key={item.id} item={item} form={form} errorFor={errorFor} after={after} openRows={posted?.open} />;
            if (!CRISIS_TRIGGER_ITEMS.includes(item.id) && !(safetyStep && shownItems[0]?.id === item.id)) return field;
            return (
              <div key={item.id}>
                {field}
                <div aria-live="polite">{panelUnder === item.id ? crisisPanel : null}</div>
              </div>
            );
          });
          if (!run.stem) return <Fragment key={run.items[0]!.id}>{withLeadIn(run.items, fields, leadIn)}</Fragment>;
          // The instrument's own stem, above its items; the group gives each item's radios that context.
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

        {!props.hasDraft && (
          // A field only bots fill: hidden from sight, from screen readers and from the Tab order.
          <div className="trap" aria-hidden="true">
            <label htmlFor="website-url">Leave this empty</label>
            <input id="website-url" name="website_url" type="text" tabIndex={-1} autoComplete="off" ref={trapRef} defaultValue="" />
          </div>
        )}
        <div className="button-group">
          <button type="submit" name="_intent" value="next" className="button" aria-busy={busy || undefined}>
            {props.returnToReview ? "Save and continue" : "Continue"}
          </button>
          {props.hasDraft && (
            <button
              type="submit"
              name="_intent"
              value="later"
              className="button-secondary"
              onClick={(e) => {
                e.preventDefault();
                void send("later");
              }}
            >
              Save and come back later
            </button>
          )}
        </div>
        <p className="back-link-row">
          <a href={props.returnToReview ? "/intake/review" : props.previousPath} className="back-link">
            {props.returnToReview ? "Back to check your answers" : "Back"}
          </a>
        </p>
        {props.hasDraft && (
          <>
            {!autosaveProblem && (
              <p className="save-status">
                Your answers are saved on the clinic&apos;s server as you go{savedAt ? ` (last saved ${savedAt})` : ""}. Nothing is kept in this
                browser.
              </p>
            )}
            <div role="status">{autosaveProblem && <p className="error-message">{autosaveProblem}</p>}</div>
          </>
        )}
      </form>
      {resume && <ResumeLink url={resume.url} expiresAt={resume.expiresAt} byEmail={resume.byEmail} />}
    </main>
  );
}

/**
 * The suicide follow-ups under one group named by the sentence that says back what opened them
 * (acute-risk.ts), as an instrument's stem stands above its items.
 */
function withLeadIn(items: readonly { id: string; shownIf?: unknown }[], fields: ReactNode[], leadIn: string | undefined): ReactNode[] {
  const first = items.findIndex(isSuicideFollowUp);
  if (!leadIn || first < 0) return fields;
  let end = first;
  while (end < items.length && isSuicideFollowUp(items[end]!)) end++;
  return [
    ...fields.slice(0, first),
    <div key="suicide-follow-up" role="group" aria-labelledby="lead-in-suicide">
      <p id="lead-in-suicide" className="lead-in">
        {leadIn}
      </p>
      {fields.slice(first, end)}
    </div>,
    ...fields.slice(end),
  ];
}

/**
 * Said next to an answer of acute risk as soon as it is chosen (and on the page the server returns
 * without JavaScript). The live region is always there, so its content is announced when it appears.
 */
function AcuteRiskNote({ said, now }: { said: string | undefined; now: ReturnType<typeof callNow> }) {
  return (
    <div aria-live="polite">
      {said && (
        <div className="acute-note">
          <p>
            <strong>{said}.</strong>{" "}
            {now.line ? (
              <>
                Please {now.line.sms ? "call or text" : "call"} <a href={`tel:${now.line.number}`}>{now.line.display}</a> now.
              </>
            ) : (
              now.text
            )}
          </p>
          <p>Your answers are saved. You can come back to the form later.</p>
        </div>
      )}
    </div>
  );
}

function BloodPressureNote({ note }: { note: { heading: string; text: string } }) {
  return (
    <div className="note" role="status">
      <p>
        <strong>{note.heading}</strong> {note.text}
      </p>
    </div>
  );
}

/**
 * The summary above the boxes and the full notice in a <details> (closed; it opens without
 * JavaScript and without leaving the step, so nothing typed is lost).
 */
function PrivacyNotice({ notice }: { notice: PrivacyNoticeView }) {
  return (
    <section className="notice notice-summary" aria-label="Your privacy">
      <p>{notice.summary}</p>
      <details className="notice-full">
        <summary>Read the full privacy notice</summary>
        <p className="hint">Version {notice.version}</p>
        {notice.sections.map((s) => (
          <div key={s.heading}>
            <h2>{s.heading}</h2>
            {s.paragraphs.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        ))}
      </details>
    </section>
  );
}

function ResumeLink({ url, expiresAt, byEmail }: { url: string; expiresAt: string; byEmail: boolean }) {
  const [copied, setCopied] = useState(false);
  const until = new Date(expiresAt).toLocaleDateString([], { day: "numeric", month: "long", year: "numeric" });
  return (
    <section className="panel" aria-labelledby="resume-heading" tabIndex={-1} ref={(el) => el?.focus()}>
      <h2 id="resume-heading">Your link to come back later</h2>
      <p>Copy this link and keep it somewhere private. It works once, until {until}. Anyone who has it can open your answers.</p>
      <p>
        <label className="label" htmlFor="resume-url">
          Your resume link
        </label>
        <input id="resume-url" className="input width-full" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </p>
      <button
        type="button"
        className="button-secondary needs-js"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => setCopied(true));
        }}
      >
        Copy link
      </button>
      <p aria-live="polite">{copied ? "Link copied." : ""}</p>
      <p>If you use the link, we will ask you to save again to get a new one.</p>
      {byEmail && <EmailLinkOffer />}
    </section>
  );
}

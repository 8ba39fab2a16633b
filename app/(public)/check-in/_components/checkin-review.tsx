"use client";

import { useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { CrisisNumbers } from "@/lib/config";
import type { QuestionnaireDef } from "@/lib/questionnaire/types";
import type { CountryCode } from "@/lib/questionnaire/countries";
import { CHECKIN_SECTIONS, checkinStepPath, type CheckinStepId } from "@/lib/checkin-flow/steps";
import { CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { SectionAnswers } from "@/app/_components/section-answers";
import { CHECKIN_NOT_MONITORED, CHECKIN_SEND_PATH, SEND_NOT_REACHED_MESSAGE, type SendCheckinState } from "@/lib/checkin-flow/send-state";
import { submitCheckinAction } from "../actions";
import { CheckinStepHeader } from "./checkin-step-header";

interface Props {
  /** The cookie's open check-in; null when this browser has none (never opened, or sent and its cookie cleared). */
  checkin: { answers: Record<string, unknown>; crisisShown: boolean; submitted: boolean; country?: CountryCode } | null;
  numbers: CrisisNumbers;
  reviewWindow: string;
  clinicName: string;
  stems: QuestionnaireDef["stems"];
  /** How to reach the clinic (rendered on the server). */
  contact: ReactNode;
}

/**
 * "Check your answers", the send button, and what follows: the confirmation comes back in the
 * send's own response (which also clears the cookie), so this one component renders all three
 * states and keeps its place in the page whether or not a check-in is still open.
 */
export function CheckinReview({ checkin, numbers, reviewWindow, clinicName, stems, contact }: Props) {
  // Without JavaScript the form posts to the server action; with it, the send goes to its JSON route.
  const [actionState, action, actionPending] = useActionState(submitCheckinAction, undefined);
  const [scriptState, setScriptState] = useState<SendCheckinState>(undefined);
  const [posting, setPosting] = useState(false);
  const state = scriptState ?? actionState;
  const pending = actionPending || posting;
  const sending = useRef(false);
  const errorSummary = useRef<HTMLDivElement>(null);
  const unavailableHeading = useRef<HTMLHeadingElement>(null);
  const router = useRouter();
  useEffect(() => {
    // A send that stored nothing can be tried again with the same button; each failure takes focus once.
    if (state?.status === "failed") {
      sending.current = false;
      errorSummary.current?.focus();
    }
    if (state?.status === "unavailable") unavailableHeading.current?.focus();
  }, [state]);
  useEffect(() => {
    // Sent: forget the pages this tab has already rendered (the steps and this review, answers and
    // all), so Back and Forward fetch them again and find no check-in, as a reload would.
    if (scriptState?.status === "sent") router.refresh();
  }, [scriptState, router]);

  if (state?.status === "sent" || checkin?.submitted)
    return (
      <Confirmation
        clinicName={clinicName}
        crisis={state?.status === "sent" ? state.crisisShown : checkin!.crisisShown}
        country={state?.status === "sent" ? state.country : checkin?.country}
        numbers={numbers}
        reviewWindow={reviewWindow}
        contact={contact}
      />
    );
  if (!checkin || state?.status === "unavailable")
    return (
      <main id="main">
        <h1 tabIndex={-1} ref={unavailableHeading}>
          No check-in is open in this browser
        </h1>
        <p className="lead">If you have sent your check-in, {clinicName} has it and there is nothing more to do. Nothing of it is kept in this browser.</p>
        <p>If your link has stopped working, or you could not finish, ask the clinic for a new link.</p>
        {contact}
        <CrisisNumbersPanel numbers={numbers} reviewWindow={reviewWindow} country={checkin?.country} notMonitored={CHECKIN_NOT_MONITORED} />
      </main>
    );

  return (
    <main id="main">
      <CheckinStepHeader stepId="review" title="Check your answers before sending" />
      {checkin.crisisShown && <CrisisNumbersPanel numbers={numbers} country={checkin.country} reviewWindow={reviewWindow} notMonitored={CHECKIN_NOT_MONITORED} />}
      <p className="lead">Read through your answers. You can change any section before you send them.</p>
      {CHECKIN_SECTIONS.map((section) => (
        <section key={section.id} className="review-section" aria-labelledby={`review-${section.id}`}>
          <div className="review-heading">
            <h2 id={`review-${section.id}`}>{section.title}</h2>
            <a href={checkinStepPath(section.id as CheckinStepId, true)}>
              Change<span className="visually-hidden"> answers in {section.title}</span>
            </a>
          </div>
          <SectionAnswers section={section} stems={stems} answers={checkin.answers} />
        </section>
      ))}
      {state?.status === "failed" && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={errorSummary}>
          <h2>Your check-in was not sent</h2>
          <p>{state.message}</p>
        </div>
      )}
      {state?.status === "failed" && !checkin.crisisShown && <CrisisNumbersPanel numbers={numbers} country={checkin.country} reviewWindow={reviewWindow} notMonitored={CHECKIN_NOT_MONITORED} />}
      <h2>Now send your check-in</h2>
      <p>{CHECKIN_NOT_MONITORED}</p>
      <form
        action={action}
        onSubmit={(e) => {
          e.preventDefault();
          // One send per page: a second click while the first is on its way does nothing.
          if (sending.current) return;
          sending.current = true;
          setPosting(true);
          setScriptState(undefined); // the last try's message goes; a new one comes back if this fails too
          void postSend().then((next) => {
            setPosting(false);
            if (next) setScriptState(next);
          });
        }}
      >
        <button type="submit" className="button" aria-busy={pending || undefined}>
          Send my check-in
        </button>
        <p role="status" className="send-status">
          {pending ? "Sending your check-in…" : ""}
        </p>
      </form>
      <p className="back-link-row">
        <a href={checkinStepPath(CHECKIN_SECTIONS.at(-1)!.id as CheckinStepId)} className="back-link">
          Back
        </a>
      </p>
    </main>
  );
}

/** The send from the page's script; undefined when the page is going to the step that still needs an answer. */
async function postSend(): Promise<SendCheckinState> {
  try {
    const response = await fetch(CHECKIN_SEND_PATH, { method: "POST", headers: { accept: "application/json" } });
    const reply = (await response.json()) as { status?: unknown; next?: unknown; message?: unknown; crisisShown?: unknown };
    if (reply.status === "incomplete" && typeof reply.next === "string" && reply.next.startsWith("/check-in/")) {
      window.location.assign(reply.next);
      return undefined;
    }
    if (reply.status === "sent" && typeof reply.crisisShown === "boolean") return reply as SendCheckinState;
    if (reply.status === "unavailable") return { status: "unavailable" };
    if (reply.status === "failed" && typeof reply.message === "string") return { status: "failed", message: reply.message };
  } catch {
    // Not reached, or the reply was not ours: said below.
  }
  return { status: "failed", message: SEND_NOT_REACHED_MESSAGE };
}

function Confirmation(props: { clinicName: string; crisis: boolean; country?: CountryCode; numbers: CrisisNumbers; reviewWindow: string; contact: ReactNode }) {
  return (
    <main id="main">
      <div className="confirmation-panel">
        <h1 tabIndex={-1} ref={(el) => el?.focus()}>
          Your check-in has been sent
        </h1>
      </div>
      {props.crisis && <CrisisNumbersPanel numbers={props.numbers} country={props.country} reviewWindow={props.reviewWindow} notMonitored={CHECKIN_NOT_MONITORED} />}
      <p>Thank you. {props.clinicName} will read your answers before your next session.</p>
      {props.contact}
      <p>Nothing of this check-in is kept in this browser. You can close this window now.</p>
    </main>
  );
}

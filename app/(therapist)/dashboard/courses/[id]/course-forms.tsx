"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { COURSE_FIELDS, END_REASONS, SESSION_FIELDS, type Phase } from "@/lib/course";
import type { ItemDef } from "@/lib/questionnaire/types";
import { coursePagePath, sessionCorrectionPath } from "@/lib/course-forms/confirmations";
import { mgPerKgOf, type SessionFormValues } from "@/lib/course-forms/session-form";
import { END_REASON_WORDING, PHASE_MOVE_WORDING } from "@/lib/course-forms/wording";
import { formatInstant } from "../../../_components/format";
import { acknowledgeCheckinAction, changePhaseAction, correctSessionAction, createCheckinLinkAction, recordSessionAction, startCourseAction, type CheckinLinkState, type CourseFormState } from "../actions";

/**
 * The course forms. Each is a form whose action is a server action, so it also posts without
 * JavaScript (the page is where it posts); a refusal comes back with every field named and what was
 * typed, in an error summary that takes focus; success loads the page with its confirmation.
 */

type FormAction = (previous: CourseFormState, form: FormData) => Promise<CourseFormState>;

/** The event the intake page's confirmation banner hides on: a refusal is not shown beside an earlier success. */
const REFUSED = "review-action-refused";

function useCourseForm(formAction: FormAction, page: string) {
  const [state, action, pending] = useActionState(formAction, undefined, page);
  useEffect(() => {
    if (state?.error) window.dispatchEvent(new Event(REFUSED));
  }, [state]);
  const onSubmit = (event: FormEvent) => {
    if (pending) event.preventDefault();
  };
  return { state, action, pending, onSubmit };
}

const domId = (prefix: string, field: string) => `${prefix}-${field}`;

/** Takes focus when it appears (autofocus without JavaScript), links to each field it names. */
function ErrorSummary({ state, prefix, labels }: { state: CourseFormState; prefix: string; labels: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [state]);
  if (!state?.error) return null;
  const problems = state.problems.length > 0 ? state.problems : [{ field: "", message: state.error }];
  return (
    <div className="error-summary" role="alert" aria-labelledby={`${prefix}-errors-title`} tabIndex={-1} ref={ref} autoFocus>
      <h3 id={`${prefix}-errors-title`}>There is a problem</h3>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}:${p.message}`}>
            {p.field && labels[p.field] ? (
              <a href={`#${domId(prefix, p.field)}`}>
                {labels[p.field]}: {p.message}
              </a>
            ) : (
              p.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function messageOf(state: CourseFormState, field: string): string | undefined {
  return state?.problems.find((p) => p.field === field)?.message;
}

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className="error-message" id={id}>
      <span className="visually-hidden">Error: </span>
      {text}
    </p>
  ) : null;
}

/** One field of a definition (session record or course) as an input; ids `${prefix}-${field}`. */
function Field({ field, prefix, value, error, after }: { field: ItemDef; prefix: string; value: string | string[] | undefined; error?: string; after?: ReactNode }) {
  const id = domId(prefix, field.id);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // Dates are typed as the server checks them (a native date picker splits them into tab stops).
  const help = "help" in field && field.help ? field.help : field.type === "date" ? "As YYYY-MM-DD, for example 2026-10-02." : undefined;
  const describedBy = [help ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  const label = `${field.label}${field.required ? "" : " (optional)"}`;
  const groupClass = `form-group${error ? " form-group-error" : ""}`;
  const text = typeof value === "string" ? value : "";
  if (field.type === "enum" || field.type === "multi" || field.type === "bool") {
    const options = field.type === "bool" ? [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] : field.options;
    const chosen = Array.isArray(value) ? value : [text];
    const kind = field.type === "multi" ? "checkbox" : "radio";
    return (
      <fieldset className={groupClass} aria-describedby={describedBy}>
        <legend className="label">{label}</legend>
        {help && <div className="hint" id={hintId}>{help}</div>}
        <FieldError id={errorId} text={error} />
        <div className={kind === "radio" ? "radios" : "checkboxes"}>
          {options.map((o, i) => (
            <div className={kind} key={o.value}>
              <input type={kind} id={i === 0 ? id : `${id}-${o.value}`} name={field.id} value={o.value} defaultChecked={chosen.includes(o.value)} />
              <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div className={groupClass}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {help && <div className="hint" id={hintId}>{help}</div>}
      <FieldError id={errorId} text={error} />
      {field.type === "text" ? (
        <textarea className="input width-full" id={id} name={field.id} rows={4} defaultValue={text} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      ) : (
        <div className="input-with-unit">
          <input
            className={`input ${field.type === "date" ? "width-20" : "width-5"}`}
            type="text"
            inputMode={field.type === "int" ? "numeric" : field.type === "num" ? "decimal" : undefined}
            id={id}
            name={field.id}
            defaultValue={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
          {"unit" in field && field.unit && <span className="unit">{field.unit}</span>}
          {after}
        </div>
      )}
    </div>
  );
}

const SESSION_LABELS: Record<string, string> = Object.fromEntries((SESSION_FIELDS as readonly ItemDef[]).map((f) => [f.id, f.label]));

/**
 * A session record: every field of lib/course's definition, its rules checked by the server. mg/kg
 * beside the dose is computed from the values the page was sent with, then live as they are typed.
 * The definition is imported here, never passed as props (it would be sent once per form). A
 * correction is this form on the session's own correction page, which it posts to.
 */
export function SessionForm({
  courseId,
  prefix,
  initial,
  correction,
}: {
  courseId: string;
  prefix: string;
  initial: SessionFormValues;
  correction?: { sessionId: string; version: number };
}) {
  const { state, action, pending, onSubmit } = useCourseForm(
    correction ? correctSessionAction : recordSessionAction,
    correction ? sessionCorrectionPath(courseId, correction.sessionId) : coursePagePath(courseId),
  );
  const values = state?.values ?? initial;
  const [mgPerKg, setMgPerKg] = useState(() => mgPerKgOf(values));
  useEffect(() => setMgPerKg(mgPerKgOf(values)), [values]);
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name !== "dose_mg" && target.name !== "weight_kg") return;
    const form = event.currentTarget;
    const read = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    setMgPerKg(mgPerKgOf({ dose_mg: read("dose_mg"), weight_kg: read("weight_kg") }));
  };
  const labels = { ...SESSION_LABELS, reason: "Why it is corrected" };
  const reasonError = messageOf(state, "reason");
  return (
    <form action={action} onSubmit={onSubmit} onInput={onInput} noValidate>
      <input type="hidden" name="courseId" value={courseId} />
      {correction && (
        <>
          <input type="hidden" name="sessionId" value={correction.sessionId} />
          <input type="hidden" name="expectedVersion" value={correction.version} />
        </>
      )}
      <ErrorSummary state={state} prefix={prefix} labels={labels} />
      {/* Keyed on what was sent back, so a refusal puts back what was typed. */}
      <div key={state ? JSON.stringify(state.values) : "initial"}>
        {correction && (
          <div className={`form-group${reasonError ? " form-group-error" : ""}`}>
            <label className="label" htmlFor={domId(prefix, "reason")}>
              {labels.reason}
            </label>
            <div className="hint" id={`${domId(prefix, "reason")}-hint`}>
              Required. The earlier version stays on the record, with who corrected it, when and why.
            </div>
            <FieldError id={`${domId(prefix, "reason")}-error`} text={reasonError} />
            <textarea
              className="input width-full"
              id={domId(prefix, "reason")}
              name="reason"
              rows={2}
              defaultValue={typeof values.reason === "string" ? values.reason : ""}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${domId(prefix, "reason")}-hint${reasonError ? ` ${domId(prefix, "reason")}-error` : ""}`}
            />
          </div>
        )}
        {(SESSION_FIELDS as readonly ItemDef[]).map((f) => (
          <Field
            key={f.id}
            field={f}
            prefix={prefix}
            value={values[f.id]}
            error={messageOf(state, f.id)}
            after={
              f.id === "dose_mg" ? (
                <output className="dose-ratio" htmlFor={`${domId(prefix, "dose_mg")} ${domId(prefix, "weight_kg")}`} aria-live="polite" id={`${prefix}-mgkg`}>
                  {mgPerKg === null ? "mg/kg shown once dose and weight are entered" : `= ${mgPerKg} mg/kg`}
                </output>
              ) : undefined
            }
          />
        ))}
      </div>
      <button type="submit" className="button" aria-busy={pending || undefined}>
        {correction ? "Save the correction" : "Record the session"}
      </button>
    </form>
  );
}

const COURSE_LABELS: Record<string, string> = Object.fromEntries((COURSE_FIELDS as readonly ItemDef[]).map((f) => [f.id, f.label]));

/** The intake page's "Start a course": start date, planned acute sessions, baseline PHQ-9 (defaults given). */
export function StartCourseForm({ intakeId, defaults }: { intakeId: string; defaults: SessionFormValues }) {
  const { state, action, pending, onSubmit } = useCourseForm(startCourseAction, `/dashboard/intakes/${intakeId}`);
  const values = state?.values ?? defaults;
  const prefix = "start-course";
  return (
    <form action={action} onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intakeId" value={intakeId} />
      <ErrorSummary state={state} prefix={prefix} labels={COURSE_LABELS} />
      <div key={state ? JSON.stringify(state.values) : "initial"}>
        {(COURSE_FIELDS as readonly ItemDef[])
          .filter((f) => f.id === "started_on" || f.id === "planned_acute_sessions" || f.id === "baseline_phq9")
          .map((f) => (
            <Field key={f.id} field={f} prefix={prefix} value={values[f.id]} error={messageOf(state, f.id)} />
          ))}
      </div>
      <button type="submit" className="button" aria-busy={pending || undefined}>
        Start a course
      </button>
    </form>
  );
}

/** The phase control: the moves lib/course allows from here; the end reason is required when the course ends. */
export function PhaseForm({ courseId, moves }: { courseId: string; moves: readonly Phase[] }) {
  const { state, action, pending, onSubmit } = useCourseForm(changePhaseAction, coursePagePath(courseId));
  const prefix = "phase";
  const phaseError = messageOf(state, "phase");
  const reasonError = messageOf(state, "end_reason");
  const chosen = state?.values.phase;
  return (
    <form action={action} onSubmit={onSubmit} noValidate>
      <input type="hidden" name="courseId" value={courseId} />
      <ErrorSummary state={state} prefix={prefix} labels={{ phase: "Change the phase", end_reason: "Reason the course ended" }} />
      <div key={state ? JSON.stringify(state.values) : "initial"}>
        <fieldset className={`form-group${phaseError ? " form-group-error" : ""}`}>
          <legend className="label">Change the phase</legend>
          <FieldError id={`${prefix}-phase-error`} text={phaseError} />
          <div className="radios">
            {moves.map((m, i) => (
              <div className="radio" key={m}>
                <input type="radio" id={i === 0 ? `${prefix}-phase` : `${prefix}-phase-${m}`} name="phase" value={m} defaultChecked={chosen === m} />
                <label htmlFor={i === 0 ? `${prefix}-phase` : `${prefix}-phase-${m}`}>{PHASE_MOVE_WORDING[m]}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {moves.includes("ended") && (
          <div className={`form-group${reasonError ? " form-group-error" : ""}`}>
            <label className="label" htmlFor={`${prefix}-end_reason`}>
              Reason the course ended
            </label>
            <div className="hint" id={`${prefix}-end_reason-hint`}>
              Required when you end the course; leave it empty otherwise.
            </div>
            <FieldError id={`${prefix}-end_reason-error`} text={reasonError} />
            <select
              className="select"
              id={`${prefix}-end_reason`}
              name="end_reason"
              defaultValue={typeof state?.values.end_reason === "string" ? state.values.end_reason : ""}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${prefix}-end_reason-hint${reasonError ? ` ${prefix}-end_reason-error` : ""}`}
            >
              <option value="">Choose a reason</option>
              {END_REASONS.map((r) => (
                <option key={r} value={r}>
                  {END_REASON_WORDING[r]}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <button type="submit" className="button-secondary" aria-busy={pending || undefined}>
        Change the phase
      </button>
    </form>
  );
}

export function AcknowledgeCheckinButton({ courseId, checkinId }: { courseId: string; checkinId: string }) {
  const { state, action, pending, onSubmit } = useCourseForm(acknowledgeCheckinAction, coursePagePath(courseId));
  return (
    <form action={action} onSubmit={onSubmit}>
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="checkinId" value={checkinId} />
      {state?.error && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error: </span>
          {state.error}
        </p>
      )}
      <button type="submit" className="button" aria-busy={pending || undefined}>
        Acknowledge: I have seen this urgent check-in
      </button>
    </form>
  );
}

/**
 * "Create a check-in link": the link is shown once, selectable (and a Copy button once scripts
 * run); with e-mail configured, a second button also sends it to the client.
 */
export function CheckinLinkForm({ courseId, emailConfigured, timeZone }: { courseId: string; emailConfigured: boolean; timeZone: string }) {
  const [state, action, pending] = useActionState<CheckinLinkState, FormData>(createCheckinLinkAction, undefined, coursePagePath(courseId));
  const [scripted, setScripted] = useState(false);
  const [copied, setCopied] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => setScripted(true), []);
  useEffect(() => {
    setCopied(false);
    if (state) resultRef.current?.focus();
  }, [state]);
  const onSubmit = (event: FormEvent) => {
    if (pending) event.preventDefault();
  };
  return (
    <form action={action} onSubmit={onSubmit}>
      <input type="hidden" name="courseId" value={courseId} />
      {state && "error" in state && (
        <p className="error-message" role="alert" ref={resultRef as never} tabIndex={-1}>
          <span className="visually-hidden">Error: </span>
          {state.error}
        </p>
      )}
      {state && "url" in state && (
        <div className="note checkin-link" ref={resultRef} tabIndex={-1} role="status" autoFocus aria-labelledby="checkin-link-title">
          <h3 id="checkin-link-title">Check-in link created</h3>
          {state.emailWanted && <p>{state.emailed ? "It was e-mailed to the client." : "The e-mail could not be sent; copy the link and send it another way."}</p>}
          <label className="label" htmlFor="checkin-link-url">
            The link (shown only now; it is not stored)
          </label>
          <input className="input width-full" id="checkin-link-url" readOnly value={state.url} onFocus={(e) => e.currentTarget.select()} />
          {scripted && (
            <p>
              <button
                type="button"
                className="button-secondary"
                onClick={async () => {
                  try {
                    await navigator.clipboard.writeText(state.url);
                    setCopied(true);
                  } catch {
                    document.getElementById("checkin-link-url")?.focus();
                  }
                }}
              >
                Copy the link
              </button>{" "}
              <span role="status">{copied ? "Copied." : ""}</span>
            </p>
          )}
          <p className="hint">
            It works until <time dateTime={state.expiresAt}>{formatInstant(state.expiresAt, timeZone)}</time> and ends when the check-in is sent. Give it only to the client: it opens their check-in, after they confirm their date of birth.
          </p>
        </div>
      )}
      <div className="button-group">
        <button type="submit" name="send" value="copy" className="button" aria-busy={pending || undefined}>
          Create a check-in link
        </button>
        {emailConfigured && (
          <button type="submit" name="send" value="email" className="button-secondary" aria-busy={pending || undefined}>
            Create a link and e-mail it to the client
          </button>
        )}
      </div>
    </form>
  );
}

"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { acknowledgeAction, addNoteAction, changeStatusAction, type ReviewFormState } from "../../actions";

/**
 * The intake page's actions. Each is a form whose action is a server action, so it also posts
 * without JavaScript; on success the server sends the page with its confirmation banner.
 */

type FormAction = (previous: ReviewFormState, form: FormData) => Promise<ReviewFormState>;

/** Said when an action is refused, so an earlier action's confirmation no longer shows beside the error. */
const REFUSED = "review-action-refused";

/** `page` is where the form posts without JavaScript: the page itself, without an earlier `?done=`. */
function useReviewForm(formAction: FormAction, page: string) {
  const [state, action, pending] = useActionState(formAction, undefined, page);
  useEffect(() => {
    if (state?.error) window.dispatchEvent(new Event(REFUSED));
  }, [state]);
  // One request at a time: a second click while the first is in flight would only be refused.
  const onSubmit = (event: FormEvent) => {
    if (pending) event.preventDefault();
  };
  return { state, action, pending, onSubmit };
}

const pagePath = (intakeId: string) => `/dashboard/intakes/${intakeId}`;

function ActionError({ text }: { text?: string }): ReactNode {
  return text ? (
    <p className="error-message" role="alert">
      <span className="visually-hidden">Error: </span>
      {text}
    </p>
  ) : null;
}

export function AcknowledgeButton({ intakeId }: { intakeId: string }) {
  const { state, action, pending, onSubmit } = useReviewForm(acknowledgeAction, pagePath(intakeId));
  return (
    <form action={action} onSubmit={onSubmit}>
      <input type="hidden" name="intakeId" value={intakeId} />
      <ActionError text={state?.error} />
      <button type="submit" className="button" aria-busy={pending || undefined}>
        Acknowledge: I have seen this urgent intake
      </button>
    </form>
  );
}

export function StatusButtons({ intakeId, options }: { intakeId: string; options: { value: string; label: string }[] }) {
  const { state, action, pending, onSubmit } = useReviewForm(changeStatusAction, pagePath(intakeId));
  if (options.length === 0) return <p>This intake is archived; its status no longer changes.</p>;
  return (
    <form action={action} onSubmit={onSubmit}>
      <input type="hidden" name="intakeId" value={intakeId} />
      <ActionError text={state?.error} />
      <div className="button-group">
        {options.map((o) => (
          <button key={o.value} type="submit" name="to" value={o.value} className="button-secondary" aria-busy={pending || undefined}>
            Move to “{o.label}”
          </button>
        ))}
      </div>
    </form>
  );
}

export function NoteForm({ intakeId }: { intakeId: string }) {
  const { state, action, pending, onSubmit } = useReviewForm(addNoteAction, pagePath(intakeId));
  const error = state?.error;
  return (
    <form action={action} onSubmit={onSubmit}>
      <input type="hidden" name="intakeId" value={intakeId} />
      <div className={`form-group${error ? " form-group-error" : ""}`}>
        <label className="label" htmlFor="note-body">
          Add a note
        </label>
        <div className="hint" id="note-hint">
          Notes cannot be edited or deleted afterwards. They are stored encrypted.
        </div>
        {error && (
          <p className="error-message" id="note-error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        {/* Keyed on the refused text, so a refusal puts back what was typed. */}
        <textarea
          key={state?.body ?? ""}
          className="input width-full"
          id="note-body"
          name="body"
          rows={4}
          defaultValue={state?.body}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "note-hint note-error" : "note-hint"}
        />
      </div>
      <button type="submit" className="button" aria-busy={pending || undefined}>
        Save note
      </button>
    </form>
  );
}

/**
 * The GOV.UK success notification banner: role="alert", focused when it appears (autofocus for a
 * page loaded without JavaScript, the effect after a client-side navigation).
 */
export function ConfirmationBanner({ heading, children }: { heading: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(true);
  useEffect(() => {
    ref.current?.focus();
    const hide = () => setShown(false);
    window.addEventListener(REFUSED, hide);
    return () => window.removeEventListener(REFUSED, hide);
  }, []);
  if (!shown) return null;
  return (
    <div
      ref={ref}
      id="confirmation"
      className="notification-banner notification-banner-success"
      role="alert"
      aria-labelledby="confirmation-title"
      tabIndex={-1}
      autoFocus
    >
      <div className="notification-banner-header">
        <h2 className="notification-banner-title" id="confirmation-title">
          Success
        </h2>
      </div>
      <div className="notification-banner-content">
        <h3 className="notification-banner-heading">{heading}</h3>
        {children}
      </div>
    </div>
  );
}

"use client";

import { useActionState, type ReactNode } from "react";
import { submitIntakeAction } from "../actions";

/** The send button. The server makes sending idempotent, so a double click stores one intake. */
/** The server action itself is the form's action, so the form also posts without JavaScript. */
/** `crisisPanel` is shown with any refusal: the person may be waiting on this form in a bad moment. */
export function SubmitIntakeForm({ crisisPanel }: { crisisPanel: ReactNode }) {
  const [state, action, pending] = useActionState(submitIntakeAction, undefined);
  return (
    <form action={action}>
      {state?.message && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={(el) => el?.focus()}>
          <h2>Your answers were not sent</h2>
          <p>{state.message}</p>
        </div>
      )}
      {state?.message && crisisPanel}
      <button type="submit" className="button" aria-busy={pending || undefined}>
        Send my answers
      </button>
    </form>
  );
}

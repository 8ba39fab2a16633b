"use client";

import { useActionState } from "react";
import { emailResumeLinkAction } from "../actions";

/** The form posts without scripts too (the action is the form's action). */
export function EmailLinkForm({ clinicName, lifetime }: { clinicName: string; lifetime: string }) {
  const [state, action, pending] = useActionState(emailResumeLinkAction, undefined);
  if (state?.status === "sent")
    return (
      <div tabIndex={-1} ref={(el) => el?.focus()}>
        <h1>We have sent you a link</h1>
        <p className="lead">Check your e-mail for a message from {clinicName}. The link works once, until {state.until}.</p>
        <p>If it has not arrived in a few minutes, look in your spam or junk folder.</p>
        <p>
          <a href="/intake">Go back to your answers</a>
        </p>
      </div>
    );
  if (state?.status === "failed")
    return (
      <div tabIndex={-1} ref={(el) => el?.focus()}>
        <h1>The e-mail could not be sent</h1>
        <p className="lead">Your answers are saved. Copy this link instead and keep it somewhere private. It works once, until {state.until}.</p>
        <p>
          <label className="label" htmlFor="resume-url">
            Your resume link
          </label>
          <input id="resume-url" className="input width-full" readOnly value={state.url} />
        </p>
        <p>
          <a href="/intake">Go back to your answers</a>
        </p>
      </div>
    );
  const error = state?.status === "invalid" || state?.status === "refused" ? state.message : undefined;
  return (
    <>
      {error && (
        <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={(el) => el?.focus()}>
          <h2 id="error-summary-title">There is a problem</h2>
          <ul>
            <li>{state?.status === "invalid" ? <a href="#email">{error}</a> : error}</li>
          </ul>
        </div>
      )}
      <h1>Get your link by e-mail</h1>
      <p className="lead">
        We will e-mail you a new link to come back to your answers. It works once, for {lifetime}. The link you were shown before stops working.
      </p>
      <p>The e-mail holds only the link and the name {clinicName}: none of your answers. We use the address for this e-mail only and do not keep it.</p>
      <form action={action} noValidate>
        <div className={`form-group${state?.status === "invalid" ? " form-group-error" : ""}`}>
          <label className="label" htmlFor="email">
            Your e-mail address
          </label>
          {state?.status === "invalid" && (
            <p className="error-message" id="email-error">
              <span className="visually-hidden">Error: </span>
              {error}
            </p>
          )}
          <input
            key={state?.typed ?? ""}
            defaultValue={state?.typed}
            id="email"
            name="email"
            type="email"
            className="input width-full"
            autoComplete="email"
            spellCheck={false}
            aria-invalid={state?.status === "invalid" || undefined}
            aria-describedby={state?.status === "invalid" ? "email-error" : undefined}
          />
        </div>
        <div className="button-group">
          <button type="submit" className="button" aria-busy={pending || undefined}>
            Send the link
          </button>
        </div>
      </form>
      <p className="back-link-row">
        <a href="/intake" className="back-link">
          Back
        </a>
      </p>
    </>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changePasswordAction, confirmReenrolAction, revokeSessionAction, startReenrolAction } from "../actions";

function Feedback({ error, message }: { error?: string; message?: string }) {
  if (error)
    return (
      <p className="error-message" role="alert">
        {error}
      </p>
    );
  return message ? (
    <p className="note" role="status">
      {message}
    </p>
  ) : null;
}

export function ChangePasswordForm() {
  const [state, setState] = useState<{ error?: string; message?: string }>({});
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const result = await changePasswordAction({ currentPassword: String(data.get("currentPassword")), newPassword: String(data.get("newPassword")) });
        setState(result.ok ? { message: result.message } : { error: result.error });
        if (result.ok) form.reset();
      }}
    >
      <Feedback {...state} />
      <div className="form-group">
        <label className="label" htmlFor="current-password">
          Current password
        </label>
        <input className="input width-30" id="current-password" name="currentPassword" type="password" autoComplete="current-password" />
      </div>
      <div className="form-group">
        <label className="label" htmlFor="new-password">
          New password
        </label>
        <div className="hint" id="new-password-hint">
          At least 12 characters and hard to guess: a passphrase of unrelated words works well.
        </div>
        <input className="input width-30" id="new-password" name="newPassword" type="password" autoComplete="new-password" aria-describedby="new-password-hint" />
      </div>
      <button type="submit" className="button">
        Change password
      </button>
    </form>
  );
}

export function ReenrolTwoFactor() {
  const [url, setUrl] = useState<string | undefined>();
  const [state, setState] = useState<{ error?: string; message?: string }>({});
  if (!url)
    return (
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const result = await startReenrolAction({ password: String(data.get("password")), currentCode: String(data.get("currentCode")).replace(/\s+/g, "") });
          if (result.ok) {
            setUrl(result.data as string);
            setState({});
          } else setState({ error: result.error });
        }}
      >
        <p>
          To move the codes to a new app, prove it is you with your password and a code from your current app. The current app keeps
          working until you confirm a code from the new one.
        </p>
        <Feedback {...state} />
        <div className="form-group">
          <label className="label" htmlFor="reenrol-password">
            Your password
          </label>
          <input className="input width-30" id="reenrol-password" name="password" type="password" autoComplete="current-password" />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="reenrol-current-code">
            Code from your current authenticator app
          </label>
          <input className="input width-5" id="reenrol-current-code" name="currentCode" inputMode="numeric" autoComplete="one-time-code" />
        </div>
        <button type="submit" className="button">
          Start
        </button>
      </form>
    );
  const secret = new URL(url).searchParams.get("secret") ?? "";
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await confirmReenrolAction({ code: String(new FormData(event.currentTarget).get("code")) });
        setState(result.ok ? { message: result.message } : { error: result.error });
      }}
    >
      <p>
        On the phone with the new app, <a href={url}>open this enrolment link</a>, or add an entry by hand with this key:
      </p>
      <p>
        <code className="code">{secret.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <Feedback {...state} />
      <div className="form-group">
        <label className="label" htmlFor="reenrol-code">
          Code from the new entry
        </label>
        <input className="input width-5" id="reenrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" />
      </div>
      <button type="submit" className="button">
        Confirm
      </button>
    </form>
  );
}

export function RevokeSessionButton({ sessionId }: { sessionId: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className="button-secondary"
      onClick={async () => {
        await revokeSessionAction({ sessionId });
        router.refresh();
      }}
    >
      Sign this browser out
    </button>
  );
}

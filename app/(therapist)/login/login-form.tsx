"use client";

import { useRef, useState } from "react";

/**
 * Password, then a code from the authenticator app, through better-auth's endpoints (which apply
 * its rate limits). After the code, a full page load, so nothing from before sign-in is reused.
 */
export function LoginForm() {
  const [stage, setStage] = useState<"password" | "code">("password");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  function show(message: string) {
    setError(message);
    setTimeout(() => errorRef.current?.focus(), 0);
  }

  async function post(path: string, body: unknown): Promise<Response> {
    return fetch(`/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  }

  function refusal(response: Response, fallback: string): string {
    if (response.status === 429) {
      const seconds = Number(response.headers.get("x-retry-after") ?? response.headers.get("retry-after") ?? 60);
      return `Too many attempts. Wait ${Math.max(1, Math.ceil(seconds / 60))} minute${seconds > 60 ? "s" : ""} and try again.`;
    }
    if (response.status === 403) return "This account cannot sign in. Ask the clinic's administrator.";
    return fallback;
  }

  async function onPassword(form: HTMLFormElement) {
    const data = new FormData(form);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!email || !password) return show("Enter your e-mail address and password.");
    const response = await post("/sign-in/email", { email, password, rememberMe: false });
    if (!response.ok) return show(refusal(response, "The e-mail address or password is not right."));
    const body = (await response.json()) as { twoFactorRedirect?: boolean };
    if (body.twoFactorRedirect) {
      setError(undefined);
      setStage("code");
      setTimeout(() => document.getElementById("code")?.focus(), 0);
      return;
    }
    // An account without a second factor gets no access (requireTherapist() refuses it).
    show("This account has no two-factor authentication. Ask the administrator to run: npm run users -- reset-2fa --email …");
  }

  async function onCode(form: HTMLFormElement) {
    const code = String(new FormData(form).get("code") ?? "").replace(/\s+/g, "");
    if (!/^\d{6}$/.test(code)) return show("Enter the 6-digit code from your authenticator app.");
    const response = await post("/two-factor/verify-totp", { code, trustDevice: false });
    if (!response.ok) {
      const body = (await response.clone().json().catch(() => ({}))) as { code?: string };
      if (body.code === "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE" || body.code === "INVALID_TWO_FACTOR_COOKIE") {
        setStage("password");
        return show(
          body.code === "INVALID_TWO_FACTOR_COOKIE"
            ? "The sign-in took too long. Enter your password again."
            : "Too many wrong codes. Enter your password again to get a new chance.",
        );
      }
      if (body.code === "CODE_ALREADY_USED") return show("That code was already used. Wait for the next code from your authenticator app and enter it.");
      return show(refusal(response, "That code is not right. Codes change every 30 seconds: enter the current one."));
    }
    window.location.assign("/dashboard");
  }

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        setBusy(true);
        try {
          await (stage === "password" ? onPassword(event.currentTarget) : onCode(event.currentTarget));
        } catch {
          show("The server could not be reached. Check the connection and try again.");
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={errorRef}>
          <h2>Sign-in did not work</h2>
          <p>{error}</p>
        </div>
      )}
      {stage === "password" ? (
        <>
          <div className="form-group">
            <label className="label" htmlFor="email">
              E-mail address
            </label>
            <input className="input width-full" id="email" name="email" type="email" autoComplete="username" spellCheck={false} required />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="password">
              Password
            </label>
            <input className="input width-full" id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          <button type="submit" className="button" aria-busy={busy || undefined}>
            Continue
          </button>
        </>
      ) : (
        <>
          <div className="form-group">
            <label className="label" htmlFor="code">
              Code from your authenticator app
            </label>
            <div className="hint" id="code-hint">
              6 digits. It changes every 30 seconds.
            </div>
            <input
              className="input width-5"
              id="code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              aria-describedby="code-hint"
              maxLength={8}
            />
          </div>
          <button type="submit" className="button" aria-busy={busy || undefined}>
            Sign in
          </button>
        </>
      )}
    </form>
  );
}

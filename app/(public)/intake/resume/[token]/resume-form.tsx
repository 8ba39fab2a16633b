"use client";

import { useActionState } from "react";
import { resumeAction } from "../../actions";

/** A used or expired link ends on /intake/ended/link-used; only a rate-limit refusal is shown here. */
export function ResumeForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resumeAction, undefined);
  return (
    <form action={action}>
      <input type="hidden" name="token" value={token} />
      {state?.message && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={(el) => el?.focus()}>
          <h2>There is a problem</h2>
          <p>{state.message}</p>
        </div>
      )}
      <button type="submit" className="button" aria-busy={pending || undefined}>
        Continue my intake
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { resumeAction } from "../../actions";

export function ResumeForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resumeAction, undefined);
  return (
    <form action={action}>
      <input type="hidden" name="token" value={token} />
      {state?.message && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={(el) => el?.focus()}>
          <h2>This link cannot be used</h2>
          <p>{state.message}</p>
          <p>
            <a href="/intake">Start a new intake</a>
          </p>
        </div>
      )}
      <button type="submit" className="button" aria-busy={pending || undefined}>
        Continue my intake
      </button>
    </form>
  );
}

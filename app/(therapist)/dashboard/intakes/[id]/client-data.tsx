"use client";

import { useState } from "react";
import { deleteClientDataAction } from "../../actions";

/** Export for an access request; deletion only with a recorded basis and the reference typed back. */
export function ClientData({ intakeId, bases }: { intakeId: string; bases: Record<string, string> }) {
  const [state, setState] = useState<{ error?: string; message?: string }>({});
  if (state.message)
    return (
      <div className="note" role="status">
        <p>{state.message}</p>
        <p>
          <a href="/dashboard">Back to all intakes</a>
        </p>
      </div>
    );
  return (
    <>
      <p>
        <a href={`/api/intakes/${intakeId}/export`} download>
          Export all of this client&apos;s data (JSON)
        </a>{" "}
        — for a request to see their information. Every intake sent with the same e-mail address is included.
      </p>
      <details>
        <summary>Delete this client&apos;s data</summary>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const result = await deleteClientDataAction({ intakeId, basis: String(data.get("basis") ?? ""), confirmReference: String(data.get("confirmReference") ?? "") });
            setState(result.ok ? { message: result.message } : { error: result.error });
          }}
        >
          <p>Clinical records usually must be kept. Delete only with one of these reasons; it is recorded in the audit log.</p>
          {state.error && (
            <p className="error-message" role="alert">
              {state.error}
            </p>
          )}
          <div className="form-group">
            <label className="label" htmlFor="delete-basis">
              Basis
            </label>
            <select className="select" id="delete-basis" name="basis" defaultValue="">
              <option value="">Choose…</option>
              {Object.entries(bases).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="delete-confirm">
              Type the reference to confirm
            </label>
            <input className="input width-20" id="delete-confirm" name="confirmReference" autoComplete="off" />
          </div>
          <button type="submit" className="button-secondary">
            Delete permanently
          </button>
        </form>
      </details>
    </>
  );
}

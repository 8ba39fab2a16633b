"use client";

import { useState } from "react";
import { deleteClientDataAction } from "../../actions";

export interface CandidateRow {
  id: string;
  reference: string;
  received: string;
  fullName: string;
  isThisIntake: boolean;
}

/**
 * Export for an access request, and deletion with a recorded basis. Both act only on the intakes the
 * therapist ticks: intakes sent with the same e-mail are listed as candidates, none ticked, because
 * anyone can type another person's e-mail into the form. What will be exported or deleted is
 * spelled out before the button.
 */
export function ClientData({ intakeId, bases, candidates }: { intakeId: string; bases: Record<string, string>; candidates: CandidateRow[] }) {
  const [state, setState] = useState<{ error?: string; message?: string }>({});
  const [forExport, setForExport] = useState<string[]>([]);
  const [forDeletion, setForDeletion] = useState<string[]>([]);
  if (state.message)
    return (
      <div className="note" role="status">
        <p>{state.message}</p>
        <p>
          <a href="/dashboard">Back to all intakes</a>
        </p>
      </div>
    );
  const describe = (ids: string[]) => candidates.filter((c) => ids.includes(c.id));
  return (
    <>
      <p>
        {candidates.length === 1
          ? "No other intake was sent with this e-mail address."
          : `${candidates.length} intakes were sent with this e-mail address. An e-mail address proves nothing: check the name and dates, and tick only the ones that are this client's.`}
      </p>
      <form method="get" action={`/api/intakes/${intakeId}/export`} aria-labelledby="export-heading">
        <h3 id="export-heading">Export for a request to see their information</h3>
        <CandidateChoice name="intakes" legend="Intakes to export" candidates={candidates} chosen={forExport} onChange={setForExport} />
        <Summary rows={describe(forExport)} lead={(n) => `The export (JSON) will contain ${n === 1 ? "this intake" : `these ${n} intakes`}:`} />
        <button type="submit" className="button-secondary" disabled={forExport.length === 0}>
          Download the export
        </button>
      </form>
      <details>
        <summary>Delete intakes of this client</summary>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const result = await deleteClientDataAction({
              intakeId,
              intakeIds: forDeletion,
              basis: String(data.get("basis") ?? ""),
              confirmReferences: String(data.get("confirmReferences") ?? ""),
            });
            setState(result.ok ? { message: result.message } : { error: result.error });
          }}
        >
          <p>Clinical records usually must be kept. Delete only with one of these reasons; it is recorded in the audit log.</p>
          {state.error && (
            <p className="error-message" role="alert">
              {state.error}
            </p>
          )}
          <CandidateChoice name="delete" legend="Intakes to delete" candidates={candidates} chosen={forDeletion} onChange={setForDeletion} />
          <Summary
            rows={describe(forDeletion)}
            lead={(n) => (n === 1 ? "This intake will be deleted permanently, with its notes and history:" : `These ${n} intakes will be deleted permanently, with their notes and history:`)}
          />
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
              Type the reference of each intake you ticked
            </label>
            <div className="hint" id="delete-confirm-hint">
              Separate them with spaces, for example KT-AB12-CD34 KT-EF56-GH78.
            </div>
            <input className="input width-30" id="delete-confirm" name="confirmReferences" autoComplete="off" aria-describedby="delete-confirm-hint" />
          </div>
          <button type="submit" className="button-secondary" disabled={forDeletion.length === 0}>
            Delete permanently
          </button>
        </form>
      </details>
    </>
  );
}

function CandidateChoice(props: { name: string; legend: string; candidates: CandidateRow[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  return (
    <fieldset className="fieldset">
      <legend className="label">{props.legend}</legend>
      <div className="checkboxes">
        {props.candidates.map((c) => {
          const inputId = `${props.name}-${c.id}`;
          return (
            <div className="checkbox" key={c.id}>
              <input
                id={inputId}
                type="checkbox"
                name={props.name}
                value={c.id}
                checked={props.chosen.includes(c.id)}
                onChange={(e) => props.onChange(e.target.checked ? [...props.chosen, c.id] : props.chosen.filter((x) => x !== c.id))}
              />
              <label htmlFor={inputId}>
                {c.reference}, received {c.received}, name given: {c.fullName || "(none)"}
                {c.isThisIntake ? " — this intake" : ""}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function Summary({ rows, lead }: { rows: CandidateRow[]; lead: (count: number) => string }) {
  return (
    <div className="note" aria-live="polite">
      {rows.length === 0 ? (
        <p>Nothing is chosen yet.</p>
      ) : (
        <>
          <p>{lead(rows.length)}</p>
          <ul>
            {rows.map((r) => (
              <li key={r.id}>
                {r.reference} ({r.received}, {r.fullName || "no name given"})
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

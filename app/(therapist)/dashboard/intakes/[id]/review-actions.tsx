"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/therapist-action";
import { acknowledgeAction, addNoteAction, changeStatusAction } from "../../actions";

function useAction() {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<ActionResult<unknown>>, after?: () => void) {
    if (busy) return;
    setBusy(true);
    try {
      const result = await action();
      if (result.ok) {
        setError(undefined);
        after?.();
        router.refresh();
      } else setError(result.error);
    } catch {
      setError("That did not work. Reload the page and try again.");
    } finally {
      setBusy(false);
    }
  }
  return { run, error, busy };
}

function ActionError({ text }: { text?: string }): ReactNode {
  return text ? (
    <p className="error-message" role="alert">
      {text}
    </p>
  ) : null;
}

export function AcknowledgeButton({ intakeId }: { intakeId: string }) {
  const { run, error, busy } = useAction();
  return (
    <>
      <ActionError text={error} />
      <button type="button" className="button" aria-busy={busy || undefined} onClick={() => run(() => acknowledgeAction({ intakeId }))}>
        Acknowledge: I have seen this urgent intake
      </button>
    </>
  );
}

export function StatusButtons({ intakeId, options }: { intakeId: string; options: { value: string; label: string }[] }) {
  const { run, error, busy } = useAction();
  if (options.length === 0) return <p>This intake is archived; its status no longer changes.</p>;
  return (
    <div>
      <ActionError text={error} />
      <div className="button-group">
        {options.map((o) => (
          <button key={o.value} type="button" className="button-secondary" aria-busy={busy || undefined} onClick={() => run(() => changeStatusAction({ intakeId, to: o.value }))}>
            Move to “{o.label}”
          </button>
        ))}
      </div>
    </div>
  );
}

export function NoteForm({ intakeId }: { intakeId: string }) {
  const { run, error, busy } = useAction();
  const [body, setBody] = useState("");
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => addNoteAction({ intakeId, body }), () => setBody(""));
      }}
    >
      <div className={`form-group${error ? " form-group-error" : ""}`}>
        <label className="label" htmlFor="note-body">
          Add a note
        </label>
        <div className="hint" id="note-hint">
          Notes cannot be edited or deleted afterwards. They are stored encrypted.
        </div>
        {error && (
          <p className="error-message" id="note-error">
            {error}
          </p>
        )}
        <textarea
          className="input width-full"
          id="note-body"
          rows={4}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby={error ? "note-hint note-error" : "note-hint"}
        />
      </div>
      <button type="submit" className="button" aria-busy={busy || undefined}>
        Save note
      </button>
    </form>
  );
}

"use client";

import { useState } from "react";
import type { QueueRow } from "@/lib/review/queue";
import { QueueTable } from "../_components/queue-table";
import { searchAction } from "./actions";

/** Search by exact e-mail, exact reference or name. Sent as a POST: the text never enters a URL. */
export function IntakeSearch({ timeZone, alertAfterMinutes }: { timeZone: string; alertAfterMinutes: number }) {
  const [rows, setRows] = useState<QueueRow[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="search-heading" className="search">
      <h2 id="search-heading" className="visually-hidden">
        Search
      </h2>
      <form
        role="search"
        onSubmit={async (event) => {
          event.preventDefault();
          const query = String(new FormData(event.currentTarget).get("query") ?? "");
          setBusy(true);
          try {
            const result = await searchAction({ query });
            if (result.ok) {
              setRows(result.data!.rows);
              setError(undefined);
            } else setError(result.error);
          } catch {
            setError("The search could not be run. Try again.");
          } finally {
            setBusy(false);
          }
        }}
      >
        <label className="label" htmlFor="search-query">
          Find an intake
        </label>
        <div className="hint" id="search-hint">
          An exact e-mail address, a reference such as KT-7XK4-9M2P, or a name (whole words).
        </div>
        {error && (
          <p className="error-message" id="search-error">
            {error}
          </p>
        )}
        <div className="inline-form">
          <input className="input width-30" id="search-query" name="query" autoComplete="off" aria-describedby={error ? "search-hint search-error" : "search-hint"} />
          <button type="submit" className="button" aria-busy={busy || undefined}>
            Search
          </button>
          {rows && (
            <button type="button" className="button-secondary" onClick={() => setRows(undefined)}>
              Clear search
            </button>
          )}
        </div>
      </form>
      <div aria-live="polite">
        {rows && (
          <>
            <p>
              {rows.length} match{rows.length === 1 ? "" : "es"}
            </p>
            {rows.length > 0 && <QueueTable rows={rows} timeZone={timeZone} alertAfterMinutes={alertAfterMinutes} caption="Search results" />}
          </>
        )}
      </div>
    </section>
  );
}

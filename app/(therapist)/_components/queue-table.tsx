import type { QueueRow } from "@/lib/review/queue";
import { STATUS_LABELS } from "@/lib/review-wording";
import { TriageBadge } from "./triage-badge";
import { formatInstant, waitingFor } from "./format";

/** The review queue as a table; used for the list and for search results. */
export function QueueTable({ rows, timeZone, alertAfterMinutes, caption }: { rows: QueueRow[]; timeZone: string; alertAfterMinutes: number; caption: string }) {
  const now = Date.now();
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="queue">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Name</th>
            <th scope="col">Submitted</th>
            <th scope="col">Triage</th>
            <th scope="col">Top considerations</th>
            <th scope="col">PHQ-9</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const overdue = r.needsAcknowledgement && now - new Date(r.receivedAt).getTime() > alertAfterMinutes * 60000;
            return (
              <tr key={r.id} className={r.needsAcknowledgement ? (overdue ? "row-urgent row-overdue" : "row-urgent") : undefined}>
                <td>
                  <a href={`/dashboard/intakes/${r.id}`}>{r.reference}</a>
                </td>
                <td>{r.name}</td>
                <td>
                  {formatInstant(r.submittedAt, timeZone)}
                  {r.needsAcknowledgement && (
                    <span className={overdue ? "waiting waiting-overdue" : "waiting"}>
                      {overdue ? "Not acknowledged for " : "Waiting "}
                      {waitingFor(r.receivedAt, now)}
                    </span>
                  )}
                </td>
                <td>
                  <TriageBadge triage={r.triage} />
                  {r.needsAcknowledgement && <span className="visually-hidden"> (not yet acknowledged)</span>}
                </td>
                <td>
                  {r.topConsiderations.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="compact">
                      {r.topConsiderations.map((c) => (
                        <li key={c.id}>{c.title}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{r.phq9 ? `${r.phq9.total} (${r.phq9.band.replace(/_/g, " ")})` : "—"}</td>
                <td>{STATUS_LABELS[r.status]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import type { QueueFilter } from "@/lib/review/queue";
import { identifyingLabels } from "@/lib/csv/queue-csv";

/**
 * Download the queue, with the filters applied above, as CSV. Names and contact details are left
 * out unless the box is ticked (a flag in the address; the download's audit event records it).
 */
export function QueueExport({ filter }: { filter: QueueFilter }) {
  return (
    <form method="get" action="/dashboard/export.csv" className="queue-export" aria-labelledby="queue-export-heading">
      <h2 id="queue-export-heading" className="visually-hidden">
        Download as CSV
      </h2>
      {Object.entries(filter).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="checkbox">
        <input type="checkbox" id="export-identifying" name="identifying" value="yes" />
        <label htmlFor="export-identifying">Include names and contact details ({identifyingLabels().join(", ").toLowerCase()})</label>
      </div>
      <button type="submit" className="button-secondary">
        Download {Object.keys(filter).length > 0 ? "the intakes matching the filters" : "all intakes"} as CSV
      </button>
    </form>
  );
}

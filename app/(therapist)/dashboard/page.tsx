import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { listReviewQueue, queueFilterSchema } from "@/db/queries/review";
import { STATUS_LABELS, TRIAGE_SHORT } from "@/lib/review-wording";
import { TherapistHeader } from "../_components/therapist-header";
import { QueueTable } from "../_components/queue-table";
import { SelectFilter } from "../_components/select-filter";
import { IntakeSearch } from "./intake-search";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Intakes – Therapist review" };

const PAGE_SIZE = 25;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The review queue. Filters and the page position are in the URL; names, e-mails and search text never are. */
export default async function DashboardPage({ searchParams }: Props) {
  const therapist = await requireTherapist();
  const config = getConfig();
  const params = await searchParams;
  const pick = (k: string) => (typeof params[k] === "string" && params[k] !== "" ? (params[k] as string) : undefined);
  const parsed = queueFilterSchema.safeParse({ status: pick("status"), triage: pick("triage"), from: pick("from"), to: pick("to") });
  const filter = Object.fromEntries(Object.entries(parsed.success ? parsed.data : {}).filter(([, v]) => v !== undefined)) as typeof parsed.data & {};
  const cursor = pick("cursor");
  const page = listReviewQueue(filter, cursor, PAGE_SIZE, config.timeZone, therapist);
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  const nextHref = page.nextCursor ? `/dashboard?${new URLSearchParams([...query, ["cursor", page.nextCursor]])}` : undefined;

  return (
    <>
      <TherapistHeader therapist={therapist} current="intakes" />
      <main id="main" className="wide">
        <h1>Intakes</h1>
        <IntakeSearch timeZone={config.timeZone} alertAfterMinutes={config.urgentAlertAfterMinutes} />

        <form method="get" action="/dashboard" className="filters" aria-label="Filter intakes">
          <SelectFilter name="status" label="Status" value={filter.status} options={STATUS_LABELS} />
          <SelectFilter name="triage" label="Triage" value={filter.triage} options={TRIAGE_SHORT} />
          <div className="filter">
            <label className="label" htmlFor="filter-from">
              Received from
            </label>
            <input className="input" type="date" id="filter-from" name="from" defaultValue={filter.from} />
          </div>
          <div className="filter">
            <label className="label" htmlFor="filter-to">
              Received to
            </label>
            <input className="input" type="date" id="filter-to" name="to" defaultValue={filter.to} />
          </div>
          <div className="filter filter-buttons">
            <button type="submit" className="button">
              Apply filters
            </button>{" "}
            <a href="/dashboard">Clear</a>
          </div>
        </form>
        {!parsed.success && (
          <p className="error-message" role="alert">
            Some filters were not valid and were ignored: {parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.
          </p>
        )}

        <h2 id="queue-heading">
          {page.total} intake{page.total === 1 ? "" : "s"}
          {Object.keys(filter).length > 0 ? " match the filters" : ""}
        </h2>
        <p className="hint">Urgent intakes not yet acknowledged come first, then by triage, then the newest.</p>
        {page.rows.length === 0 ? (
          <p>No intakes to show.</p>
        ) : (
          <QueueTable rows={page.rows} timeZone={config.timeZone} alertAfterMinutes={config.urgentAlertAfterMinutes} caption="Intakes to review" />
        )}
        <nav aria-label="Pages" className="pager">
          {cursor && <a href={`/dashboard${query.size ? `?${query}` : ""}`}>First page</a>}
          {nextHref && <a href={nextHref}>Next page</a>}
        </nav>
      </main>
    </>
  );
}

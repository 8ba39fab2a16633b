import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { listReviewQueue, parseQueueFilter, type QueueFilter } from "@/lib/review/queue";
import { STATUS_LABELS, TRIAGE_SHORT } from "@/lib/review-wording";
import { TherapistHeader } from "../_components/therapist-header";
import { QueueTable } from "../_components/queue-table";
import { DateFilter, FilterButtons, SelectFilter } from "../_components/select-filter";
import { IntakeSearch } from "./intake-search";
import { CourseAttention } from "./courses/course-attention";
import { QueueExport } from "./queue-export";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Intakes – Therapist review" };

const PAGE_SIZE = 25;
// Named as the form labels them; the value typed is not repeated.
const FILTER_PROBLEMS: Record<keyof QueueFilter, string> = {
  status: "Status is not one of the statuses",
  triage: "Triage is not one of the triage levels",
  from: "Received from is not a real date (use YYYY-MM-DD)",
  to: "Received to is not a real date (use YYYY-MM-DD)",
};
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The review queue. Filters and the page position are in the URL; names, e-mails and search text never are. */
export default async function DashboardPage({ searchParams }: Props) {
  const therapist = await requireTherapist();
  const config = getConfig();
  const params = await searchParams;
  const { filter, invalid } = parseQueueFilter(params);
  const cursor = typeof params.cursor === "string" && params.cursor !== "" ? params.cursor : undefined;
  const page = await listReviewQueue(filter, cursor, PAGE_SIZE, config.timeZone, therapist);
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  const nextHref = page.nextCursor ? `/dashboard?${new URLSearchParams([...query, ["cursor", page.nextCursor]])}` : undefined;

  return (
    <>
      <TherapistHeader therapist={therapist} current="intakes" />
      <main id="main" className="wide">
        <h1>Intakes</h1>
        <CourseAttention therapist={therapist} timeZone={config.timeZone} />
        <IntakeSearch timeZone={config.timeZone} alertAfterMinutes={config.urgentAlertAfterMinutes} />

        <form method="get" action="/dashboard" className="filters" aria-label="Filter intakes">
          <SelectFilter name="status" label="Status" value={filter.status} options={STATUS_LABELS} />
          <SelectFilter name="triage" label="Triage" value={filter.triage} options={TRIAGE_SHORT} />
          <DateFilter name="from" label="Received from" value={filter.from} />
          <DateFilter name="to" label="Received to" value={filter.to} />
          <FilterButtons clearHref="/dashboard" />
        </form>
        {invalid.length > 0 && (
          <p className="error-message" role="alert">
            {invalid.length === 1 ? "This filter was not valid and is not applied" : "These filters were not valid and are not applied"}: {invalid.map((k) => FILTER_PROBLEMS[k]).join("; ")}.
          </p>
        )}

        <h2 id="queue-heading">
          {page.total} intake{page.total === 1 ? "" : "s"}
          {Object.keys(filter).length > 0 ? " match the filters" : ""}
        </h2>
        <p className="hint">Urgent intakes not yet acknowledged come first, then by triage, then the newest.</p>
        <QueueExport filter={filter} />
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

import type { Metadata } from "next";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { requireTherapist } from "@/lib/auth/require-therapist";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-log";
import { viewAuditTrail } from "@/lib/audit/audit-trail";
import { INTAKE_ID_PATTERN } from "@/lib/reference-code";
import { TherapistHeader } from "../../_components/therapist-header";
import { formatInstant } from "../../_components/format";
import { FilterButtons, SelectFilter } from "../../_components/select-filter";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log – Therapist review" };

const PAGE_SIZE = 50;
const filterSchema = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).optional(),
  intake: z.string().regex(INTAKE_ID_PATTERN).optional(),
  before: z.coerce.number().int().positive().optional(),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The audit trail, newest first. Looking at it is itself recorded. */
export default async function AuditPage({ searchParams }: Props) {
  const therapist = await requireTherapist();
  const config = getConfig();
  const params = await searchParams;
  const pick = (k: string) => (typeof params[k] === "string" && params[k] !== "" ? (params[k] as string) : undefined);
  const parsed = filterSchema.safeParse({ action: pick("action"), intake: pick("intake"), before: pick("before") });
  const filter = parsed.success ? parsed.data : {};
  const events = await viewAuditTrail(filter, PAGE_SIZE, therapist);
  const last = events.length === PAGE_SIZE ? events[events.length - 1] : undefined;
  const older = last ? new URLSearchParams([...(filter.action ? [["action", filter.action]] : []), ...(filter.intake ? [["intake", filter.intake]] : []), ["before", String(last.seq)]]) : undefined;
  return (
    <>
      <TherapistHeader therapist={therapist} current="audit" />
      <main id="main" className="wide">
        <h1>Audit log</h1>
        <p className="hint">Every sign-in, view, search, change, download and account change. Check the chain on the server with: npm run audit -- verify</p>
        <form method="get" action="/dashboard/audit" className="filters" aria-label="Filter the audit log">
          <SelectFilter name="action" label="Action" value={filter.action} options={Object.fromEntries(AUDIT_ACTIONS.map((a) => [a, a]))} />
          <div className="filter">
            <label className="label" htmlFor="audit-intake">
              Intake id
            </label>
            <input className="input width-30" id="audit-intake" name="intake" defaultValue={filter.intake} />
          </div>
          <FilterButtons clearHref="/dashboard/audit" />
        </form>
        <div className="table-scroll" role="region" aria-label="Audit events" tabIndex={0}>
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Intake</th>
                <th scope="col">From</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{formatInstant(e.at, config.timeZone)}</td>
                  <td>{e.actorEmail ?? "—"}</td>
                  <td>{e.action}</td>
                  <td>{e.intakeId ? <a href={`/dashboard/intakes/${e.intakeId}`}>{e.intakeId.slice(0, 8)}…</a> : "—"}</td>
                  <td>{e.ipAddress ?? "—"}</td>
                  <td>{e.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav aria-label="Pages" className="pager">
          {filter.before && <a href="/dashboard/audit">Newest</a>}
          {older && <a href={`/dashboard/audit?${older}`}>Older events</a>}
        </nav>
      </main>
    </>
  );
}

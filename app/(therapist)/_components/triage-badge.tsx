import type { Triage } from "@/lib/assessment";
import { TRIAGE_SHORT } from "@/lib/review-wording";

export function TriageBadge({ triage }: { triage: Triage | null }) {
  if (!triage) return <span className="badge">Not assessed</span>;
  return <span className={`badge badge-${triage}`}>{TRIAGE_SHORT[triage]}</span>;
}

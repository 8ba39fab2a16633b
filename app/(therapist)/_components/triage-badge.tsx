import type { Triage } from "@/lib/assessment";

const SHORT: Record<Triage, string> = {
  urgent: "Urgent",
  not_suitable_now: "Likely not suitable now",
  needs_clearance: "Needs medical clearance",
  proceed_with_cautions: "Cautions to discuss",
  proceed: "Proceed",
};

export function TriageBadge({ triage }: { triage: Triage | null }) {
  if (!triage) return <span className="badge">Not assessed</span>;
  return <span className={`badge badge-${triage}`}>{SHORT[triage]}</span>;
}

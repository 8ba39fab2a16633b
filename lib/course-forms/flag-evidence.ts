import { CHECKIN_ITEMS, COURSE_FIELDS, SESSION_FIELDS, type Evidence } from "@/lib/course";
import { formatAnswer } from "@/lib/questionnaire/format-answer";
import type { ItemDef } from "@/lib/questionnaire/types";

/**
 * A flag's evidence in words, as the intake page shows a consideration's: each field's question
 * (from the session, check-in or course definition) and the answer formatted as the client or
 * clinician chose it. Fields outside the record (the baseline, the previous check-in) say so.
 */

const ITEMS = new Map<string, ItemDef>([...(SESSION_FIELDS as readonly ItemDef[]), ...(CHECKIN_ITEMS as readonly ItemDef[])].map((i) => [i.id, i]));
const course = (id: string) => (COURSE_FIELDS as readonly ItemDef[]).find((f) => f.id === id)!;

/** Course-level facts and fields from outside the record, by the names the rules cite them with. */
const OUTSIDE: Record<string, { label: string; item?: ItemDef }> = {
  baselinePhq9: { label: course("baseline_phq9").label },
  plannedAcuteSessions: { label: course("planned_acute_sessions").label },
  sessionsRecorded: { label: "Sessions recorded" },
  checkinsRecorded: { label: "Check-ins received" },
  latestPhq9: { label: "Latest PHQ-9 total" },
};
const PREVIOUS = "previous_checkin.";

export interface EvidenceLine {
  item: string;
  label: string;
  lines: string[];
}

export function evidenceLines(evidence: readonly Evidence[]): EvidenceLine[] {
  return evidence.map(({ item, answer }) => {
    const known = ITEMS.get(item);
    if (known) return { item, label: known.label, lines: formatAnswer(known, answer) };
    if (item.startsWith(PREVIOUS)) {
      const of = ITEMS.get(item.slice(PREVIOUS.length));
      if (of) return { item, label: `The previous check-in: ${of.label}`, lines: formatAnswer(of, answer) };
    }
    const outside = OUTSIDE[item];
    return { item, label: outside?.label ?? item, lines: [Array.isArray(answer) ? answer.join(", ") : String(answer)] };
  });
}

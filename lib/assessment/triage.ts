import type { Severity } from "./rules";

/**
 * The triage levels, most pressing first: the one list that the engine, the queue's sort key and
 * filter, the dashboard's badges, the intake page, the PDF and the rules page all derive from.
 * `from` is the most severe consideration that gives the level (none: nothing above information).
 */
export const TRIAGE_LEVELS = [
  { id: "urgent", from: "urgent_safety", wording: "Urgent — safety considerations to act on first", short: "Urgent" },
  { id: "not_suitable_now", from: "likely_contraindication", wording: "Likely not suitable at this time — discuss alternatives", short: "Likely not suitable now" },
  { id: "needs_clearance", from: "needs_medical_clearance", wording: "Needs medical clearance before proceeding", short: "Needs medical clearance" },
  { id: "proceed_with_cautions", from: "caution", wording: "Proceed to consultation — cautions to discuss", short: "Cautions to discuss" },
  { id: "proceed", from: null, wording: "Nothing above information level — proceed to consultation", short: "Proceed" },
] as const satisfies readonly { id: string; from: Exclude<Severity, "info"> | null; wording: string; short: string }[];

export type Triage = (typeof TRIAGE_LEVELS)[number]["id"];

export const TRIAGES: readonly [Triage, ...Triage[]] = [TRIAGE_LEVELS[0].id, ...TRIAGE_LEVELS.slice(1).map((l) => l.id)];

const byLevel = <V>(pick: (level: (typeof TRIAGE_LEVELS)[number], index: number) => V) =>
  Object.fromEntries(TRIAGE_LEVELS.map((l, i) => [l.id, pick(l, i)])) as Record<Triage, V>;

/** The headline on the intake page and the PDF. */
export const TRIAGE_WORDING = byLevel((l) => l.wording);
/** The dashboard's badge and filter. */
export const TRIAGE_SHORT = byLevel((l) => l.short);
/** Stored sort key: the higher, the sooner the therapist should look (4 urgent … 0 proceed). */
export const TRIAGE_RANK = byLevel((_, i) => TRIAGE_LEVELS.length - 1 - i);

/** The level a consideration's severity gives ("proceed" for information only). */
export function triageFor(severity: Severity | undefined): Triage {
  return TRIAGE_LEVELS.find((l) => l.from !== null && l.from === severity)?.id ?? "proceed";
}

import { clinicClock } from "./scales";
import type { ChartCheckinEntry, ChartSessionEntry, CourseChartInput } from "./types";

/** The timeline's entries oldest first, check-ins with their clinic date. */

export interface DatedCheckin {
  readonly entry: ChartCheckinEntry;
  readonly date: string;
  readonly ms: number;
}

export function checkinsInOrder(input: CourseChartInput, timeZone: string): DatedCheckin[] {
  return input.entries
    .filter((e): e is ChartCheckinEntry => e.kind === "checkin")
    .map((entry) => ({ entry, ...clinicClock(entry.submittedAt, timeZone) }))
    .sort((a, b) => Date.parse(a.entry.submittedAt) - Date.parse(b.entry.submittedAt) || a.entry.id.localeCompare(b.entry.id));
}

/** Sessions by date; the same date keeps the timeline's order reversed (it lists newest first). */
export function sessionsInOrder(input: CourseChartInput): ChartSessionEntry[] {
  return input.entries
    .filter((e): e is ChartSessionEntry => e.kind === "session")
    .reverse()
    .sort((a, b) => a.date.localeCompare(b.date));
}

import type { EndReason } from "@/lib/course";

/**
 * Who the demo clinic's fictional clients are and what their courses look like: one line each,
 * so the mix (bipolar types, phases, end reasons, outcomes, flags) is read at a glance. Everything
 * else (answers, blood pressures, doses, dates) is drawn from these with a seeded PRNG (plan.ts).
 */

export type Trajectory = "remission" | "response" | "partial" | "none";
export type DemoBipolarType = "bipolar_1" | "bipolar_2" | "other_specified" | "unsure";

export interface DemoCourseSpec {
  sessions: number;
  /** Planned acute sessions; the sessions after them are maintenance. */
  planned: number;
  phase: "acute" | "maintenance" | "ended";
  endReason?: EndReason;
  trajectory: Trajectory;
  /** Days between the last event and today. */
  lastDaysAgo: number;
  /** Session (0-based) with a pre-dose blood pressure over 140/90. */
  bpElevatedAt?: number;
  /** Session (0-based) with a 40-minute systolic rise of 40+ and hypertension needing treatment (an adverse event). */
  adverseAt?: number;
  /** Check-in (0-based) with switch signs (elevated mood and three other symptoms). */
  switchAt?: number;
  /** Check-in (0-based) with PHQ-9 item 9 = 2 (an urgent safety flag); acknowledged unless `unacknowledged`. */
  urgentAt?: number;
  unacknowledged?: boolean;
  /** Check-in (0-based) with an elevated home blood pressure. */
  homeBpAt?: number;
  /** A check-in link sent today and not yet answered. */
  openLink?: boolean;
}

export interface DemoClientSpec {
  bipolarType: DemoBipolarType;
  /** The intake's PHQ-9 total (the course's baseline). */
  phq9: number;
  /** Intake only: where the review stands. */
  status?: "new" | "in_review";
  course?: DemoCourseSpec;
}

export const DEMO_CLIENTS: readonly DemoClientSpec[] = [
  { bipolarType: "bipolar_2", phq9: 19, course: { sessions: 8, planned: 6, phase: "maintenance", trajectory: "remission", lastDaysAgo: 4 } },
  { bipolarType: "bipolar_2", phq9: 17, course: { sessions: 8, planned: 6, phase: "ended", endReason: "completed", trajectory: "remission", lastDaysAgo: 40 } },
  { bipolarType: "bipolar_2", phq9: 21, course: { sessions: 7, planned: 6, phase: "ended", endReason: "completed", trajectory: "response", lastDaysAgo: 75 } },
  { bipolarType: "bipolar_2", phq9: 16, course: { sessions: 7, planned: 6, phase: "maintenance", trajectory: "response", lastDaysAgo: 6, homeBpAt: 5 } },
  { bipolarType: "bipolar_2", phq9: 20, course: { sessions: 4, planned: 6, phase: "acute", trajectory: "partial", lastDaysAgo: 1 } },
  { bipolarType: "bipolar_2", phq9: 18, course: { sessions: 3, planned: 6, phase: "acute", trajectory: "response", lastDaysAgo: 2, openLink: true } },
  { bipolarType: "bipolar_2", phq9: 22, course: { sessions: 6, planned: 6, phase: "ended", endReason: "stopped_no_benefit", trajectory: "none", lastDaysAgo: 25 } },
  { bipolarType: "bipolar_2", phq9: 15, course: { sessions: 9, planned: 6, phase: "maintenance", trajectory: "response", lastDaysAgo: 8, bpElevatedAt: 3 } },
  { bipolarType: "bipolar_2", phq9: 23, course: { sessions: 5, planned: 6, phase: "acute", trajectory: "partial", lastDaysAgo: 0, urgentAt: 4, unacknowledged: true } },
  { bipolarType: "bipolar_2", phq9: 14, course: { sessions: 3, planned: 6, phase: "ended", endReason: "stopped_client_choice", trajectory: "partial", lastDaysAgo: 60 } },
  { bipolarType: "bipolar_1", phq9: 18, course: { sessions: 8, planned: 6, phase: "maintenance", trajectory: "remission", lastDaysAgo: 5 } },
  { bipolarType: "bipolar_1", phq9: 20, course: { sessions: 7, planned: 6, phase: "ended", endReason: "completed", trajectory: "response", lastDaysAgo: 90 } },
  { bipolarType: "bipolar_1", phq9: 17, course: { sessions: 5, planned: 6, phase: "acute", trajectory: "response", lastDaysAgo: 2, switchAt: 2 } },
  { bipolarType: "bipolar_1", phq9: 19, course: { sessions: 2, planned: 6, phase: "ended", endReason: "stopped_adverse_event", trajectory: "none", lastDaysAgo: 30, adverseAt: 1 } },
  { bipolarType: "bipolar_1", phq9: 21, course: { sessions: 6, planned: 6, phase: "ended", endReason: "stopped_no_benefit", trajectory: "none", lastDaysAgo: 50 } },
  { bipolarType: "bipolar_1", phq9: 16, course: { sessions: 4, planned: 6, phase: "acute", trajectory: "partial", lastDaysAgo: 1, switchAt: 3 } },
  { bipolarType: "bipolar_1", phq9: 22, course: { sessions: 10, planned: 6, phase: "maintenance", trajectory: "response", lastDaysAgo: 10, bpElevatedAt: 7 } },
  { bipolarType: "bipolar_1", phq9: 15, course: { sessions: 2, planned: 6, phase: "acute", trajectory: "partial", lastDaysAgo: 3 } },
  { bipolarType: "other_specified", phq9: 18, course: { sessions: 7, planned: 6, phase: "maintenance", trajectory: "response", lastDaysAgo: 7 } },
  { bipolarType: "other_specified", phq9: 16, course: { sessions: 6, planned: 6, phase: "ended", endReason: "completed", trajectory: "remission", lastDaysAgo: 35 } },
  { bipolarType: "other_specified", phq9: 20, course: { sessions: 4, planned: 6, phase: "acute", trajectory: "none", lastDaysAgo: 2, urgentAt: 1 } },
  { bipolarType: "other_specified", phq9: 9, course: { sessions: 5, planned: 6, phase: "ended", endReason: "transferred", trajectory: "partial", lastDaysAgo: 20 } },
  { bipolarType: "bipolar_2", phq9: 17, status: "new" },
  { bipolarType: "unsure", phq9: 13, status: "in_review" },
];

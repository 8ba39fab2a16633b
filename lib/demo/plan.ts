import type { EndReason } from "@/lib/course";
import { DEMO_CLIENTS, type DemoClientSpec, type DemoCourseSpec, type Trajectory } from "./clients";
import { seededRandom, type Random } from "./random";

/**
 * The demo data as a plan of dated steps (pure): intakes in version 2, review steps, courses with
 * sessions, check-ins, phase changes and links, all placed relative to `now` so charts look
 * current. seed.ts carries the plan out through the real features, in order.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The demo's own e-mail domain (.invalid is reserved, RFC 2606): how its intakes are told apart. */
export const DEMO_EMAIL_DOMAIN = "example.invalid";
const pad = (n: number) => String(n).padStart(2, "0");
/** Run 1 has the plain address; each later run (`--again`) its own, so each run's clients are new clients. */
export const demoEmail = (run: number, client: number) => `demo-client-${pad(client)}${run > 1 ? `.run${run}` : ""}@${DEMO_EMAIL_DOMAIN}`;
export const demoName = (run: number, client: number) => `Demo Client ${pad(client)}${run > 1 ? ` (run ${run})` : ""}`;

export type PlannedStep =
  | { kind: "session"; at: Date; record: Record<string, unknown> }
  | { kind: "checkin"; requestAt: Date; submitAt: Date; answers: Record<string, unknown>; acknowledgeAt?: Date }
  | { kind: "phase"; at: Date; to: "maintenance" | "ended"; endReason?: EndReason }
  | { kind: "link"; at: Date };

export interface PlannedCourse {
  startAt: Date;
  /** The intake's, which the check-in's first step asks for. */
  dateOfBirth: string;
  plannedAcuteSessions: number;
  steps: PlannedStep[];
}

export interface PlannedClient {
  number: number;
  receivedAt: Date;
  /** The intake as POST /api/intakes takes it. */
  body: { questionnaire: string; version: string; submittedAt: string; answers: Record<string, unknown> };
  /** Review steps after the intake, in order. */
  statuses: { to: "in_review" | "consult_booked"; at: Date }[];
  course?: PlannedCourse;
}

export interface PlanOptions {
  run: number;
  now: Date;
  /** The clinic's calendar date of an instant (dates are checked against it). */
  dateOf: (at: Date) => string;
}

/** PHQ-9 items summing to `total`, item 9 as given (items 1–8 take the rest, 0–3 each). */
export function phq9Items(random: Random, total: number, item9 = 0): Record<string, number> {
  const items = Array.from({ length: 8 }, () => 0);
  let left = Math.min(24, Math.max(0, total - item9));
  while (left > 0) {
    const i = random.int(0, 7);
    if (items[i]! < 3) {
      items[i]!++;
      left--;
    }
  }
  return { ...Object.fromEntries(items.map((v, i) => [`phq9_${i + 1}`, v])), phq9_9: item9 };
}

/** The latest PHQ-9 each trajectory ends at, exactly inside its outcome's band (lib/course/outcome.ts). */
export function finalPhq9(random: Random, baseline: number, trajectory: Trajectory): number {
  switch (trajectory) {
    case "remission":
      return random.int(1, 4);
    case "response":
      return Math.max(5, random.int(Math.ceil(baseline * 0.3), Math.floor(baseline / 2)));
    case "partial":
      return random.int(Math.floor(baseline / 2) + 1, Math.floor((3 * baseline) / 4));
    case "none":
      return random.int(Math.floor((3 * baseline) / 4) + 1, Math.min(27, baseline + 1));
  }
}

function intakeAnswers(random: Random, spec: DemoClientSpec, run: number, n: number, receivedAt: Date, dateOf: PlanOptions["dateOf"]): Record<string, unknown> {
  const female = n % 2 === 1;
  const hypertension = n % 5 === 0;
  const year = 1962 + random.int(0, 38);
  const hospitalised = spec.bipolarType === "bipolar_1" || n % 4 === 0;
  return {
    consent_privacy: true,
    consent_not_emergency: true,
    full_name: demoName(run, n),
    date_of_birth: `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
    sex_at_birth: female ? "female" : "male",
    email: demoEmail(run, n),
    // 555-01xx numbers are reserved for fiction in North America.
    phone: `416-555-01${pad(n)}`,
    ok_to_leave_message: random.pick(["yes", "no"]),
    country: n % 6 === 0 ? "US" : "CA",
    region: n % 6 === 0 ? "New York" : random.pick(["Ontario", "Quebec", "British Columbia"]),
    preferred_contact: random.pick(["email", "phone"]),
    emergency_contact_name: `Demo Contact ${pad(n)}`,
    emergency_contact_phone: `416-555-01${pad(99 - n)}`,
    family_doctor: "Dr. Demo Physician",
    prescriber: "Dr. Demo Prescriber",
    bipolar_type: spec.bipolarType,
    diagnosed_by: random.pick(["psychiatrist", "psychiatrist", "family_doctor"]),
    current_episode_weeks: random.int(10, 60),
    psychiatric_hospitalizations: hospitalised ? random.pick(["one", "two_or_more"]) : "none",
    ...(hospitalised ? { last_hospitalization: "more_than_12_months_ago" } : {}),
    psychosis_history: spec.bipolarType === "bipolar_1" && n % 3 === 0 ? "past_only" : "never",
    mania_last_12_months: "no",
    antidepressant_switch_history: random.pick(["no", "unsure", "yes"]),
    age_at_onset: random.int(16, 24), // born 2000 at the latest: never older than the client
    rapid_cycling: random.pick(["no", "no", "unsure"]),
    family_history: random.pick([["none"], ["bipolar"], ["unsure"]]),
    ...phq9Items(random, spec.phq9),
    phq9_difficulty: random.pick(["somewhat", "very", "extremely"]),
    ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`gad7_${i + 1}`, random.int(0, 3)])),
    mania_symptoms_past_week: ["none"],
    si_thoughts_past_month: "no",
    si_self_harm_past_month: "no",
    // A past attempt opens the v2 safety follow-ups (lethal means, safety plan).
    ...(n % 7 === 0 ? { si_attempt_history: "more_than_3_months_ago", lethal_means_access: ["none"], safety_plan: "yes" } : { si_attempt_history: "never" }),
    si_safe_now: "yes",
    on_mood_medication: "yes",
    current_mood_medications:
      spec.bipolarType === "bipolar_1"
        ? [{ name: "lithium", dose_mg_per_day: random.pick([600, 900, 1200]) }]
        : [{ name: "lamotrigine", dose_mg_per_day: random.pick([100, 150, 200, 300]) }],
    ...random.pick([{ other_medications: ["none"] }, { other_medications: ["thyroid"] }, { other_medications: ["benzodiazepine"], benzodiazepine_use: "as_needed" }]),
    had_past_treatments: "yes",
    past_treatment_trials: [
      { treatment: "quetiapine", weeks: random.int(6, 16), adequate_dose: "yes", outcome: random.pick(["partial", "no_benefit", "stopped_side_effects"]) },
      { treatment: "lurasidone", weeks: random.int(6, 12), adequate_dose: random.pick(["yes", "unsure"]), outcome: random.pick(["partial", "no_benefit"]) },
    ],
    in_psychotherapy_now: random.pick(["yes", "no"]),
    prior_ketamine: "never",
    ketamine_allergy: "no",
    dissociative_use_problem: "never",
    anaesthesia_problems: "no",
    height_cm: female ? random.int(155, 178) : random.int(165, 192),
    weight_kg: female ? random.int(52, 92) : random.int(64, 108),
    hypertension_diagnosed: hypertension ? "yes" : "no",
    ...(hypertension
      ? { bp_controlled: "yes", bp_recent_systolic: random.int(124, 138), bp_recent_diastolic: random.int(76, 86), bp_recent_date: dateOf(new Date(receivedAt.getTime() - 20 * DAY_MS)) }
      : {}),
    cardiovascular_history: ["none"],
    neuro_history: ["none"],
    other_conditions: ["none"],
    ...(female ? { pregnancy_status: "not_pregnant" } : {}),
    auditc_1: random.int(0, 2),
    auditc_2: 0,
    auditc_3: 0,
    cannabis_use: random.pick(["never", "past", "monthly_or_less"]),
    drugs_past_12_months: ["none"],
    substance_problems: "never",
    has_escort: "yes",
    support_person: "yes",
    referral_source: random.pick(["psychiatrist", "family_doctor", "self"]),
    questions_selected: [random.pick(["type_safety", "mood_stabilizer", "outcomes"])],
    goals: "Fictional demo data: to feel like myself again.",
  };
}

const SWITCH_SIGNS = ["elevated_mood", "less_need_for_sleep", "racing_thoughts", "increased_activity"];

function checkinAnswers(random: Random, phq9: number, index: number, spec: DemoCourseSpec, submitAt: Date, dateOf: PlanOptions["dateOf"], baseline: number) {
  const urgent = spec.urgentAt === index;
  const item9 = urgent ? 2 : 0;
  const ratio = phq9 / baseline;
  return {
    ...phq9Items(random, Math.max(phq9, item9), item9),
    mania_symptoms_past_week: spec.switchAt === index ? SWITCH_SIGNS : random.next() < 0.15 ? ["irritability"] : ["none"],
    si_thoughts_since_last: urgent ? "yes" : "no",
    ...(urgent ? { si_intent: "no", si_plan: "no" } : {}),
    si_safe_now: "yes",
    si_attempt_since_last: "no",
    self_harm_since_last: "no",
    side_effects: random.next() < 0.2 ? [random.pick(["headache", "nausea", "dissociation_next_day"])] : ["none"],
    ...(spec.homeBpAt === index ? { home_bp_systolic: random.int(146, 156), home_bp_diastolic: random.int(92, 98), home_bp_date: dateOf(submitAt) } : {}),
    global_change: ratio <= 0.3 ? "very_much_better" : ratio <= 0.5 ? "much_better" : ratio <= 0.8 ? "a_little_better" : "no_change",
  };
}

function sessionRecord(random: Random, index: number, spec: DemoCourseSpec, weightKg: number, at: Date, dateOf: PlanOptions["dateOf"]) {
  const systolic = spec.bpElevatedAt === index ? random.int(144, 152) : random.int(112, 134);
  const diastolic = spec.bpElevatedAt === index ? random.int(88, 94) : random.int(70, 84);
  const adverse = spec.adverseAt === index;
  const weight = Math.round((weightKg + (random.next() - 0.5)) * 10) / 10;
  // 0.5 mg/kg for the first sessions, some titrated to 0.75; to the nearest 0.5 mg.
  const mgPerKg = index >= 2 && random.next() < 0.4 ? 0.75 : 0.5;
  return {
    session_date: dateOf(at),
    route: "iv",
    weight_kg: weight,
    dose_mg: Math.round(weight * mgPerKg * 2) / 2,
    infusion_minutes: 40,
    bp_pre_systolic: systolic,
    bp_pre_diastolic: diastolic,
    bp_40min_systolic: adverse ? systolic + random.int(42, 48) : systolic + random.int(6, 22),
    bp_40min_diastolic: adverse ? diastolic + random.int(16, 20) : diastolic + random.int(2, 10),
    bp_discharge_systolic: systolic + random.int(0, 8),
    bp_discharge_diastolic: diastolic + random.int(0, 5),
    spo2_lowest: random.int(94, 99),
    dissociation: random.pick(["mild", "mild", "moderate"]),
    sedation: random.pick(["none", "mild"]),
    adverse_events: adverse ? ["hypertension_treated"] : random.next() < 0.15 ? [random.pick(["nausea_vomiting", "headache"])] : ["none"],
    discharged_with_escort: true,
  };
}

/** Session days from the first: twice a week while acute, then every two weeks. */
const sessionDay = (i: number, planned: number) => (i < planned ? Math.floor(i * 3.5) : Math.floor((planned - 1) * 3.5) + 14 * (i - planned + 1));

function planCourse(random: Random, spec: DemoCourseSpec, baseline: number, weightKg: number, dateOfBirth: string, opts: PlanOptions): PlannedCourse {
  const final = finalPhq9(random, baseline, spec.trajectory);
  // Relative days first (0 = first session), then moved so the last step is `lastDaysAgo` before now.
  type Rel = { day: number; make: (at: (day: number) => Date) => PlannedStep };
  const rel: Rel[] = [];
  for (let i = 0; i < spec.sessions; i++) {
    const day = sessionDay(i, spec.planned);
    rel.push({ day, make: (at) => ({ kind: "session", at: at(day), record: sessionRecord(random, i, spec, weightKg, at(day), opts.dateOf) }) });
    // A check-in the day after each session: the link sent three hours after it, answered next day.
    const progress = (i + 1) / spec.sessions;
    const phq9 = i === spec.sessions - 1 ? final : Math.max(0, Math.round(baseline - (baseline - final) * progress ** 0.7 + random.int(-1, 1)));
    rel.push({
      day: day + 1,
      make: (at) => {
        const submitAt = at(day + 1);
        return {
          kind: "checkin",
          requestAt: new Date(at(day).getTime() + 3 * HOUR_MS),
          submitAt,
          answers: checkinAnswers(random, phq9, i, spec, submitAt, opts.dateOf, baseline),
          ...(spec.urgentAt === i && !spec.unacknowledged ? { acknowledgeAt: new Date(submitAt.getTime() + 2 * HOUR_MS) } : {}),
        };
      },
    });
    if (i === spec.planned - 1 && spec.sessions > spec.planned) rel.push({ day: day + 2, make: (at) => ({ kind: "phase", at: at(day + 2), to: "maintenance" }) });
  }
  const lastDay = rel.at(-1)!.day;
  if (spec.phase === "maintenance" && spec.sessions <= spec.planned) rel.push({ day: lastDay + 1, make: (at) => ({ kind: "phase", at: at(lastDay + 1), to: "maintenance" }) });
  if (spec.phase === "ended") rel.push({ day: lastDay + 3, make: (at) => ({ kind: "phase", at: at(lastDay + 3), to: "ended", endReason: spec.endReason ?? "completed" }) });
  const endDay = rel.at(-1)!.day;
  // Two hours before now on the last day, so nothing lies in the future.
  const origin = opts.now.getTime() - (endDay + spec.lastDaysAgo) * DAY_MS - 2 * HOUR_MS;
  const at = (day: number) => new Date(origin + day * DAY_MS);
  const steps = rel.map((r) => r.make(at));
  if (spec.openLink) steps.push({ kind: "link", at: new Date(opts.now.getTime() - HOUR_MS) });
  return { startAt: at(-2), dateOfBirth, plannedAcuteSessions: spec.planned, steps };
}

/** The whole demo for one run: the same for the same run, seed and `now`. */
export function demoPlan(opts: PlanOptions, clients: readonly DemoClientSpec[] = DEMO_CLIENTS): PlannedClient[] {
  const random = seededRandom(0x5eed + opts.run);
  return clients.map((spec, i) => {
    const number = i + 1;
    const course = spec.course;
    // An intake two to three weeks before its course; intake-only clients wrote in the past week.
    const firstSessionAgo = course ? sessionDay(course.sessions - 1, course.planned) + 4 + course.lastDaysAgo : 0;
    const receivedAt = new Date(opts.now.getTime() - (course ? firstSessionAgo + random.int(14, 21) : random.int(1, 6)) * DAY_MS - 5 * HOUR_MS);
    const answers = intakeAnswers(random, spec, opts.run, number, receivedAt, opts.dateOf);
    const later = (days: number) => new Date(receivedAt.getTime() + days * DAY_MS);
    const statuses: PlannedClient["statuses"] =
      spec.status === "new" ? [] : spec.status === "in_review" ? [{ to: "in_review", at: later(0.5) }] : [{ to: "in_review", at: later(1) }, { to: "consult_booked", at: later(4) }];
    const planned = course ? planCourse(random, course, spec.phq9, answers.weight_kg as number, answers.date_of_birth as string, opts) : undefined;
    return {
      number,
      receivedAt,
      body: { questionnaire: "ketamine-trbd-intake", version: "2", submittedAt: receivedAt.toISOString(), answers },
      statuses,
      ...(planned ? { course: planned } : {}),
    };
  });
}

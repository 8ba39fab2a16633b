import type { Assessment, TrialReason } from "@/lib/assessment";
import { allItems, formatDate } from "@/lib/questionnaire";

/**
 * What the therapist's intake page and the PDF summary both say about an intake's scores and its
 * consent, worded once. Universal and pure; each surface lays the lines out and formats dates its own way.
 */

export interface SummaryLine {
  label: string;
  lines: string[];
}

const band = (b: string) => b.replace(/_/g, " ");

/**
 * `trialsNeeded`: the rule set's TRBD threshold (trbdAdequateTrials), for "1 of the 2 … needed";
 * without it the line gives the count alone.
 */
export function scoreLines(assessment: Assessment, trialsNeeded?: number): SummaryLine[] {
  const s = assessment.scores;
  const trials = s.adequate_failed_trials;
  const plural = (n: number) => `adequate failed trial${n === 1 ? "" : "s"}`;
  const trbd =
    trialsNeeded === undefined
      ? `${trials} ${plural(trials)} of recommended treatments`
      : assessment.trbd === "met"
        ? `${trials} ${plural(trials)} of recommended treatments (${trialsNeeded} needed)`
        : `${trials} of the ${trialsNeeded} ${plural(trialsNeeded)} needed`;
  return [
    { label: "PHQ-9 (depression)", lines: [`${s.phq9.total} of 27 — ${band(s.phq9.band)}; item 9 (thoughts of death or self-harm): ${s.phq9.item9}`] },
    { label: "GAD-7 (anxiety)", lines: [`${s.gad7.total} of 21 — ${band(s.gad7.band)}`] },
    { label: "AUDIT-C (alcohol)", lines: [`${s.auditc.total} of 12 — ${s.auditc.positive ? "positive screen" : "below the screening threshold"}`] },
    { label: "Mood-elevation symptoms, past week", lines: [String(s.mania_symptoms)] },
    {
      label: "Treatment-resistant bipolar depression",
      lines: [`${assessment.trbd === "met" ? "Met" : "Not met"} on self-report: ${trbd}`],
    },
    { label: "Age, BMI", lines: [`${s.age}, ${s.bmi}`] },
  ];
}

/** Why a past trial did not count toward TRBD, in words (`minWeeks`: what that treatment needed). */
export const TRIAL_REASON_WORDING: Readonly<Record<Exclude<TrialReason, "counted">, (minWeeks: number) => string>> = {
  not_recommended: () => "not a recommended treatment for bipolar depression",
  dose_not_adequate: () => "dose not adequate",
  too_short: (weeks) => `fewer than ${weeks} weeks`,
  stopped_side_effects: () => "stopped for side effects",
  remission: () => "remission",
  duplicate: () => "duplicate of a counted trial of the same treatment",
};

export interface ConsentRecord {
  privacyNoticeVersion: string;
  consentedAt: string;
}

/** The boxes a person must tick before starting (the consent step's must-be-true items). */
const CONSENT_ITEMS = allItems.filter((i) => i.type === "bool" && i.mustBeTrue).map((i) => i.id);

/**
 * How the intake's consent was given: recorded by the wizard, or vouched for by the system that
 * sent it through the API. `formatInstant` is the surface's own date style.
 */
export function consentSentence(consent: ConsentRecord | null | undefined, formatInstant: (iso: string) => string): string {
  if (consent)
    return `Agreed to the privacy notice (version ${/^\d{4}-\d{2}-\d{2}$/.test(consent.privacyNoticeVersion) ? formatDate(consent.privacyNoticeVersion) : consent.privacyNoticeVersion}) and confirmed that the form is not monitored in real time and not for emergencies, on ${formatInstant(consent.consentedAt)}.`;
  const boxes = CONSENT_ITEMS.length === 2 ? "both consent boxes were" : "the consent boxes were";
  return `Received through the intake API: ${boxes} ticked in the submitting system (${CONSENT_ITEMS.join(" and ")} ${CONSENT_ITEMS.length === 1 ? "is" : "are"} true).`;
}

import type { Answers } from "@/lib/questionnaire/answers";
import { AUDITC_ITEMS, GAD7_ITEMS, PHQ9_ITEMS } from "@/lib/questionnaire/scales";
import { ageOn } from "@/lib/questionnaire/dates";
import { threshold, type Thresholds } from "./thresholds";

export type Phq9Band = "none" | "mild" | "moderate" | "moderately_severe" | "severe";
export type Gad7Band = "minimal" | "mild" | "moderate" | "severe";

export interface Scores {
  phq9: { total: number; band: Phq9Band; item9: number };
  gad7: { total: number; band: Gad7Band };
  auditc: { total: number; positive: boolean };
  mania_symptoms: number;
  adequate_failed_trials: number;
  age: number;
  bmi: number;
}

/** Treatments recommended for bipolar depression, the only ones that count toward TRBD. */
export const RECOMMENDED_TREATMENTS = [
  "lithium",
  "valproate",
  "lamotrigine",
  "quetiapine",
  "lurasidone",
  "cariprazine",
  "lumateperone",
  "olanzapine_fluoxetine",
] as const;

const sum = (values: (number | undefined)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

function phq9Band(total: number): Phq9Band {
  if (total <= 4) return "none";
  if (total <= 9) return "mild";
  if (total <= 14) return "moderate";
  if (total <= 19) return "moderately_severe";
  return "severe";
}

function gad7Band(total: number): Gad7Band {
  if (total <= 4) return "minimal";
  if (total <= 9) return "mild";
  if (total <= 14) return "moderate";
  return "severe";
}

export { ageOn };

export type TrialReason = "counted" | "not_recommended" | "dose_not_adequate" | "too_short" | "stopped_side_effects" | "remission" | "duplicate";

export interface TrialJudgement {
  readonly reason: TrialReason;
  /** The weeks this treatment needed to count (rule set 2: longer for lamotrigine). */
  readonly minWeeks: number;
}

function minWeeksFor(treatment: string | undefined, thresholds: Thresholds): number {
  const lamotrigine = thresholds.adequateTrialMinWeeksLamotrigine;
  return treatment === "lamotrigine" && lamotrigine !== undefined ? lamotrigine : threshold(thresholds, "adequateTrialMinWeeks");
}

/**
 * Each past trial, in the order given: counted toward TRBD, or why not. A trial counts when it is
 * a recommended treatment, at the dose aimed for, for at least the minimum weeks, and did not help
 * or helped only partly; a second counted trial of the same treatment is a duplicate.
 */
export function judgeTrials(answers: Answers, thresholds: Thresholds): TrialJudgement[] {
  const counted = new Set<string>();
  return (answers.past_treatment_trials ?? []).map((trial) => {
    const minWeeks = minWeeksFor(trial.treatment, thresholds);
    const reason: TrialReason =
      trial.treatment === undefined || !(RECOMMENDED_TREATMENTS as readonly string[]).includes(trial.treatment)
        ? "not_recommended"
        : trial.adequate_dose !== "yes"
          ? "dose_not_adequate"
          : (trial.weeks ?? 0) < minWeeks
            ? "too_short"
            : trial.outcome === "stopped_side_effects"
              ? "stopped_side_effects"
              : trial.outcome === "remission"
                ? "remission"
                : counted.has(trial.treatment)
                  ? "duplicate"
                  : "counted";
    if (reason === "counted") counted.add(trial.treatment!);
    return { reason, minWeeks };
  });
}

export function adequateFailedTrials(answers: Answers, thresholds: Thresholds): number {
  return judgeTrials(answers, thresholds).filter((j) => j.reason === "counted").length;
}

export function computeScores(answers: Answers, referenceDate: string, thresholds: Thresholds): Scores {
  const a = answers;
  const phq9Total = sum(PHQ9_ITEMS.map((id) => a[id]));
  const gad7Total = sum(GAD7_ITEMS.map((id) => a[id]));
  const auditcTotal = sum(AUDITC_ITEMS.map((id) => a[id]));
  const auditcCutOff = threshold(thresholds, a.sex_at_birth === "male" ? "auditcPositiveMale" : "auditcPositiveOther");
  const w = a.weight_kg ?? 0;
  const h = a.height_cm ?? 0;
  return {
    phq9: { total: phq9Total, band: phq9Band(phq9Total), item9: a.phq9_9 ?? 0 },
    gad7: { total: gad7Total, band: gad7Band(gad7Total) },
    auditc: { total: auditcTotal, positive: auditcTotal >= auditcCutOff },
    mania_symptoms: (a.mania_symptoms_past_week ?? []).filter((s) => s !== "none").length,
    adequate_failed_trials: adequateFailedTrials(a, thresholds),
    age: a.date_of_birth ? ageOn(a.date_of_birth, referenceDate) : 0,
    bmi: h > 0 ? Math.round((w / (h / 100) ** 2) * 10) / 10 : 0,
  };
}

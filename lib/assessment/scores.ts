import type { Answers } from "@/lib/questionnaire/answers";
import { AUDITC_ITEMS, GAD7_ITEMS, PHQ9_ITEMS } from "@/lib/questionnaire/scales";
import type { Thresholds } from "./thresholds";

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

/** Whole years from a birth date to the reference date; a 29 February birthday counts on 1 March. */
export function ageOn(dateOfBirth: string, referenceDate: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split("-").map(Number) as [number, number, number];
  const reached = rm > bm || (rm === bm && rd >= bd);
  return ry - by - (reached ? 0 : 1);
}

export function adequateFailedTrials(answers: Answers, thresholds: Thresholds): number {
  const counted = new Set<string>();
  for (const trial of answers.past_treatment_trials ?? []) {
    if (
      trial.adequate_dose === "yes" &&
      (trial.weeks ?? 0) >= thresholds.adequateTrialMinWeeks &&
      (trial.outcome === "no_benefit" || trial.outcome === "partial") &&
      trial.treatment !== undefined &&
      (RECOMMENDED_TREATMENTS as readonly string[]).includes(trial.treatment)
    )
      counted.add(trial.treatment);
  }
  return counted.size;
}

export function computeScores(answers: Answers, referenceDate: string, thresholds: Thresholds): Scores {
  const a = answers;
  const phq9Total = sum(PHQ9_ITEMS.map((id) => a[id]));
  const gad7Total = sum(GAD7_ITEMS.map((id) => a[id]));
  const auditcTotal = sum(AUDITC_ITEMS.map((id) => a[id]));
  const auditcCutOff = a.sex_at_birth === "male" ? thresholds.auditcPositiveMale : thresholds.auditcPositiveOther;
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

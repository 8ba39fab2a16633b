import type { FlagRule, ScoreDef } from "./flag-language";
import type { SessionFieldId, SessionRecord } from "./session-record";
import type { CourseThresholdName } from "./thresholds";

/** Session flags of course rule set `course-1` (treatment-course.md, "Flags", `on` = session). */

export interface SessionFacts {
  readonly record: SessionRecord;
}

const rise = (after: number | undefined, before: number) => (after === undefined ? null : after - before);

export type SessionScore = "dose_mg_per_kg" | "systolic_rise_40min" | "systolic_rise_discharge";
export const SESSION_SCORES: Record<SessionScore, ScoreDef<SessionFacts>> = {
  dose_mg_per_kg: {
    fields: ["dose_mg", "weight_kg"],
    describe: "`dose_mg` ÷ `weight_kg`, exactly (not the 2-decimal figure the page shows)",
    compute: (f) => f.record.dose_mg / f.record.weight_kg,
  },
  systolic_rise_40min: {
    fields: ["bp_40min_systolic", "bp_pre_systolic"],
    describe: "`bp_40min_systolic` − `bp_pre_systolic` (none without a 40-minute reading)",
    compute: (f) => rise(f.record.bp_40min_systolic, f.record.bp_pre_systolic),
  },
  systolic_rise_discharge: {
    fields: ["bp_discharge_systolic", "bp_pre_systolic"],
    describe: "`bp_discharge_systolic` − `bp_pre_systolic`",
    compute: (f) => rise(f.record.bp_discharge_systolic, f.record.bp_pre_systolic),
  },
};

const threshold = (name: CourseThresholdName) => ({ threshold: name });
const PRE = ["bp_pre_systolic", "bp_pre_diastolic"] as const;
const pre = (r: SessionRecord) => `${r.bp_pre_systolic}/${r.bp_pre_diastolic}`;
const severe = (systolic: SessionFieldId, diastolic: SessionFieldId) =>
  [{ item: systolic, gte: threshold("bpSevereSystolic") }, { item: diastolic, gte: threshold("bpSevereDiastolic") }] as const;

/** The exact ratio with as many decimals as it takes to differ from the ceiling (2 at least, 6 at most). */
function ratioAboveCeiling(ratio: number, ceiling: number): string {
  for (let digits = 2; digits < 6; digits++) if (Number(ratio.toFixed(digits)) > ceiling) return ratio.toFixed(digits);
  return ratio.toFixed(6);
}

export const SESSION_RULES: readonly FlagRule<SessionFieldId, SessionScore, SessionFacts>[] = [
  {
    id: "PRE_DOSE_BP_SEVERE",
    severity: "likely_contraindication",
    title: "Pre-dose blood pressure at or above 180/110 — review before the next session",
    rationale: "Severely raised blood pressure before dosing. Review blood-pressure management before another session.",
    source: "SPR, SEED",
    when: { any: severe("bp_pre_systolic", "bp_pre_diastolic") },
    context: PRE,
    describe: (f, t) => `Pre-dose blood pressure ${pre(f.record)} at or above ${t.bpSevereSystolic}/${t.bpSevereDiastolic} — review before the next session`,
  },
  {
    id: "PRE_DOSE_BP_ELEVATED",
    severity: "caution",
    title: "Pre-dose blood pressure above 140/90",
    rationale: "Ketamine raises blood pressure further during the session; discuss blood-pressure control.",
    source: "SPR, SEED",
    when: {
      all: [
        { not: { fired: "PRE_DOSE_BP_SEVERE" } },
        { any: [{ item: "bp_pre_systolic", gt: threshold("bpElevatedSystolic") }, { item: "bp_pre_diastolic", gt: threshold("bpElevatedDiastolic") }] },
      ],
    },
    context: PRE,
    describe: (f, t) => `Pre-dose blood pressure ${pre(f.record)} above ${t.bpElevatedSystolic}/${t.bpElevatedDiastolic}`,
  },
  {
    id: "BP_RISE",
    severity: "caution",
    title: "Blood pressure at 40 minutes or discharge at or above 180/110, or systolic 40 or more above pre-dose",
    rationale: "A large rise during the session. Review monitoring and the dose for the next session.",
    source: "SPR, SEED",
    when: {
      any: [
        ...severe("bp_40min_systolic", "bp_40min_diastolic"),
        ...severe("bp_discharge_systolic", "bp_discharge_diastolic"),
        { score: "systolic_rise_40min", gte: threshold("bpRiseSystolic") },
        { score: "systolic_rise_discharge", gte: threshold("bpRiseSystolic") },
      ],
    },
  },
  {
    id: "SPO2_LOW",
    severity: "caution",
    title: "Lowest SpO2 below 92%",
    rationale: "Oxygen saturation fell during the session. Review airway monitoring and the dose.",
    source: "SPR",
    when: { item: "spo2_lowest", lt: threshold("spo2Low") },
    describe: (f, t) => `Lowest SpO2 ${f.record.spo2_lowest}%, below ${t.spo2Low}%`,
  },
  {
    id: "SEVERE_DISSOCIATION_OR_SEDATION",
    severity: "caution",
    title: "Severe dissociation or sedation during the session",
    rationale: "Discuss the dose and how the session felt before the next one.",
    source: "SPR",
    when: { any: [{ item: "dissociation", eq: "severe" }, { item: "sedation", eq: "severe" }] },
  },
  {
    id: "ELEVATED_MOOD_AT_SESSION",
    severity: "caution",
    title: "Signs of elevated mood at the session",
    rationale: "A possible early switch. Ask about mood-elevation symptoms and review before the next session.",
    source: "SEED",
    when: { item: "adverse_events", has: ["elevated_mood_signs"] },
  },
  {
    id: "NO_ESCORT_AT_DISCHARGE",
    severity: "caution",
    title: "Discharged without an escort",
    rationale: "Clients should leave with someone and not drive until the next day. Discuss arrangements for the next session.",
    source: "SPR",
    when: { item: "discharged_with_escort", eq: false },
  },
  {
    id: "RESPIRATORY_DEPRESSION",
    severity: "needs_medical_clearance",
    title: "Respiratory depression during the session",
    rationale: "Medical review of the event, the dose and other sedating medicines before another session.",
    source: "SPR",
    when: { item: "adverse_events", has: ["respiratory_depression"] },
  },
  {
    id: "HEMODYNAMIC_EVENT",
    severity: "caution",
    title: "Hypotension, or hypertension needing treatment, during the session",
    rationale: "Review blood-pressure monitoring and the dose for the next session.",
    source: "SPR",
    when: { item: "adverse_events", has: ["hypotension", "hypertension_treated"] },
  },
  {
    id: "DOSE_ABOVE_CEILING",
    severity: "needs_medical_clearance",
    title: "IV or IM dose above 1.0 mg/kg",
    rationale: "Above the clinic's usual ceiling for IV or IM ketamine. Confirm the dose was intended and prescribed.",
    source: null,
    when: { all: [{ item: "route", in: ["iv", "im"] }, { score: "dose_mg_per_kg", gt: threshold("doseCeilingMgPerKg") }] },
    describe: (f, t) =>
      `${f.record.route.toUpperCase()} dose ${f.record.dose_mg} mg for ${f.record.weight_kg} kg = ${ratioAboveCeiling(f.record.dose_mg / f.record.weight_kg, t.doseCeilingMgPerKg)} mg/kg, above ${t.doseCeilingMgPerKg} mg/kg`,
  },
];

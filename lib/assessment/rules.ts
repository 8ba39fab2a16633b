import type { ItemId } from "@/lib/questionnaire/definition";
import type { Answers } from "@/lib/questionnaire/answers";
import type { RuleCondition } from "./conditions";
import type { Thresholds } from "./thresholds";

export const SEVERITIES = ["urgent_safety", "likely_contraindication", "needs_medical_clearance", "caution", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** One line for the clinician. */
  readonly title: string;
  /** Why it matters and what to discuss. */
  readonly rationale: string;
  /** Sources as in assessment-rules.md, e.g. "SAN17, TKC"; null where none. */
  readonly source: string | null;
  readonly when: RuleCondition;
  /** Items shown as context when present, besides those that triggered the rule. */
  readonly context?: readonly ItemId[];
  /** Safety considerations are listed first within their severity. */
  readonly safety?: boolean;
  /** Wording from the answers that made the rule fire (rule set 2 on), in place of the fixed title and rationale. */
  readonly describe?: (answers: Answers, thresholds: Thresholds) => { readonly title: string; readonly rationale: string };
}

/** Antimanic medicines: NO_ANTIMANIC_BP1's list (and, in rule set 2, ANTIDEPRESSANT_NO_ANTIMANIC's). */
export const ANTIMANIC = [
  "lithium", "valproate", "carbamazepine", "quetiapine", "lurasidone", "cariprazine", "lumateperone", "olanzapine",
  "aripiprazole", "risperidone", "other_antipsychotic",
] as const;

/** Rule set 1 (shared/product/assessment-rules.md). Evaluated in this order; `fired` reads earlier rules. */
export const RULES_1: readonly Rule[] = [
  {
    id: "SAFETY_ACTIVE_RISK",
    severity: "urgent_safety",
    safety: true,
    title: "Active suicide risk reported — contact before the consultation",
    rationale: "Intent, a plan, a recent attempt, not feeling safe, or frequent thoughts of death were reported. Follow the clinic's safety protocol; ketamine planning waits on a safety assessment.",
    source: "SAN17",
    when: {
      any: [
        { item: "si_intent", in: ["yes", "unsure"] },
        { item: "si_plan", eq: "yes" },
        { item: "si_attempt_history", eq: "within_3_months" },
        { item: "si_safe_now", in: ["no", "unsure"] },
        { item: "phq9_9", gte: { threshold: "phq9SuicideItemUrgent" } },
      ],
    },
    context: ["si_thoughts_past_month"],
  },
  {
    id: "SAFETY_IDEATION",
    severity: "caution",
    safety: true,
    title: "Thoughts of suicide or death without reported intent or plan",
    rationale: "Passive ideation was reported. Assess suicide risk at the consultation and agree a safety plan.",
    source: "SAN17",
    when: { all: [{ not: { fired: "SAFETY_ACTIVE_RISK" } }, { any: [{ item: "si_thoughts_past_month", eq: "yes" }, { item: "phq9_9", gte: 1 }] }] },
  },
  {
    id: "SAFETY_PAST_ATTEMPT",
    severity: "caution",
    safety: true,
    title: "Suicide attempt more than 3 months ago",
    rationale: "A past attempt raises long-term risk. Discuss the circumstances and a safety plan.",
    source: "SAN17",
    when: { item: "si_attempt_history", eq: "more_than_3_months_ago" },
  },
  {
    id: "SAFETY_PREFER_DISCUSS",
    severity: "caution",
    safety: true,
    title: "Prefers to discuss suicidal thoughts or attempts in person",
    rationale: "The client chose not to answer a safety question in the form. Ask at the consultation.",
    source: null,
    when: { any: [{ item: "si_thoughts_past_month", eq: "prefer_to_discuss" }, { item: "si_attempt_history", eq: "prefer_to_discuss" }] },
  },
  {
    id: "MANIA_CURRENT",
    severity: "likely_contraindication",
    title: "Possible current mania or hypomania",
    rationale: "Elevated mood or irritability with several other symptoms this week. Ketamine is not started during mania; assess mood state first.",
    source: "SAN17, TKC",
    when: {
      all: [
        { item: "mania_symptoms_past_week", has: ["elevated_mood", "irritability"] },
        { score: "mania_symptoms", gte: { threshold: "maniaCurrentSymptoms" } },
      ],
    },
  },
  {
    id: "MIXED_FEATURES",
    severity: "caution",
    title: "Depression with some mood-elevation symptoms (possible mixed features)",
    rationale: "Moderate or worse depression with two or more elevation symptoms this week. Discuss switch risk and mood-stabilizer cover.",
    source: "SAN17",
    when: {
      all: [
        { not: { fired: "MANIA_CURRENT" } },
        { score: "phq9.total", gte: { threshold: "phq9MixedFeaturesTotal" } },
        { score: "mania_symptoms", gte: { threshold: "mixedFeaturesSymptoms" } },
      ],
    },
  },
  {
    id: "RECENT_MANIA",
    severity: "caution",
    title: "Manic or hypomanic episode in the past 12 months",
    rationale: "Recent mania raises the risk of a switch with ketamine, especially without a mood stabilizer. Review mood-stabilizer cover.",
    source: "SEED",
    when: { item: "mania_last_12_months", eq: "yes" },
  },
  {
    id: "ANTIDEPRESSANT_SWITCH",
    severity: "caution",
    title: "History of switching to a high after an antidepressant",
    rationale: "A past antidepressant-induced switch suggests vulnerability to treatment-emergent mania. Discuss monitoring for switch.",
    source: "SEED",
    when: { item: "antidepressant_switch_history", eq: "yes" },
  },
  {
    id: "HISTORY_UNSURE",
    severity: "info",
    title: "Unsure about recent mania or antidepressant switch",
    rationale: "Clarify mood history at the consultation, with records or a collateral history if possible.",
    source: null,
    when: { any: [{ item: "mania_last_12_months", eq: "unsure" }, { item: "antidepressant_switch_history", eq: "unsure" }] },
  },
  {
    id: "PSYCHOSIS_CURRENT",
    severity: "likely_contraindication",
    title: "Psychotic symptoms in the current episode",
    rationale: "Current psychosis is a usual exclusion for ketamine treatment. Discuss alternatives.",
    source: "SAN17, TKC",
    when: { item: "psychosis_history", eq: "current_episode" },
  },
  {
    id: "PSYCHOSIS_PAST",
    severity: "caution",
    title: "Past psychotic symptoms, or prefers to discuss",
    rationale: "A history of psychosis needs a careful risk–benefit discussion before ketamine.",
    source: "SPR",
    when: { item: "psychosis_history", in: ["past_only", "prefer_to_discuss"] },
  },
  {
    id: "NO_ANTIMANIC_BP1",
    severity: "needs_medical_clearance",
    title: "Bipolar I without a current antimanic medication",
    rationale: "The bipolar ketamine trials enrolled people on lithium or valproate; switch risk is higher without a mood stabilizer on board. Prescriber review needed.",
    source: "SEED, DIAZ10",
    when: { all: [{ item: "bipolar_type", eq: "bipolar_1" }, { item: "current_mood_medications", field: "name", hasNoneOf: ANTIMANIC }] },
    context: ["on_mood_medication", "current_mood_medications"],
  },
  {
    id: "NO_MOOD_STABILIZER",
    severity: "info",
    title: "Not taking a mood stabilizer or antipsychotic",
    rationale: "Discuss whether mood-stabilizer cover is advisable during treatment.",
    source: "SEED",
    when: { all: [{ not: { item: "bipolar_type", eq: "bipolar_1" } }, { item: "on_mood_medication", eq: "no" }] },
    context: ["bipolar_type"],
  },
  {
    id: "LAMOTRIGINE",
    severity: "info",
    title: "Takes lamotrigine",
    rationale: "Lamotrigine may blunt ketamine's effect; note it when planning doses.",
    source: null,
    when: { item: "current_mood_medications", field: "name", has: ["lamotrigine"] },
  },
  {
    id: "DIAGNOSIS_UNCONFIRMED",
    severity: "needs_medical_clearance",
    title: "Bipolar diagnosis unsure or not formally made",
    rationale: "Ketamine clinics require a confirmed diagnosis. A psychiatric assessment is needed first.",
    source: "TKC",
    when: { any: [{ item: "bipolar_type", eq: "unsure" }, { item: "diagnosed_by", eq: "not_formally_diagnosed" }] },
  },
  {
    id: "TRBD_NOT_MET",
    severity: "info",
    title: "Fewer than two adequate failed trials of recommended treatments reported",
    rationale: "Treatment-resistance criteria are not met on self-report. Review the treatment history with records.",
    source: "TRBD",
    when: { score: "adequate_failed_trials", lt: { threshold: "trbdAdequateTrials" } },
    context: ["had_past_treatments"],
  },
  {
    id: "LOW_CURRENT_DEPRESSION",
    severity: "info",
    title: "PHQ-9 below the mild range",
    rationale: "Few current depressive symptoms were reported. Discuss the current episode and the reason for referral.",
    source: null,
    when: { score: "phq9.total", lt: { threshold: "phq9LowTotal" } },
  },
  {
    id: "VASCULAR_ANEURYSM",
    severity: "likely_contraindication",
    title: "Aneurysm, arteriovenous malformation or brain bleed reported",
    rationale: "Ketamine raises blood pressure; vascular disease of this kind is a labelled contraindication for esketamine.",
    source: "SPR",
    when: { item: "cardiovascular_history", has: ["aneurysm", "av_malformation", "brain_bleed"] },
  },
  {
    id: "CARDIO_RECENT_EVENT",
    severity: "likely_contraindication",
    title: "Heart attack or stroke in the past 6 weeks",
    rationale: "A recent cardiovascular event is a labelled contraindication for esketamine.",
    source: "SPR",
    when: { item: "cardio_event_past_6_weeks", eq: "yes" },
    context: ["cardiovascular_history"],
  },
  {
    id: "CARDIAC_OTHER",
    severity: "needs_medical_clearance",
    title: "Heart disease or a past heart attack or stroke",
    rationale: "Blood-pressure rises during sessions need cardiac clearance first.",
    source: "SPR",
    when: {
      any: [
        { item: "cardiovascular_history", has: ["angina", "heart_failure", "valve_disease", "arrhythmia"] },
        { all: [{ item: "cardiovascular_history", has: ["stroke", "heart_attack"] }, { not: { item: "cardio_event_past_6_weeks", eq: "yes" } }] },
      ],
    },
  },
  {
    id: "RAISED_ICP",
    severity: "likely_contraindication",
    title: "Raised intracranial pressure reported",
    rationale: "Ketamine can raise intracranial pressure; a labelled contraindication concern.",
    source: "SPR",
    when: { item: "neuro_history", has: ["raised_intracranial_pressure"] },
  },
  {
    id: "NEURO_COGNITIVE",
    severity: "likely_contraindication",
    title: "Dementia or an ongoing brain injury reported",
    rationale: "Clinics usually exclude significant cognitive impairment; discuss alternatives.",
    source: "TKC",
    when: { item: "neuro_history", has: ["dementia", "brain_injury_ongoing"] },
  },
  {
    id: "SEIZURES",
    severity: "info",
    title: "Seizures or epilepsy reported",
    rationale: "Note seizure history and anticonvulsants when planning treatment.",
    source: null,
    when: { item: "neuro_history", has: ["seizures"] },
  },
  {
    id: "BP_SEVERE",
    severity: "likely_contraindication",
    title: "Recent blood pressure at or above 180/110",
    rationale: "Severely raised blood pressure must be treated before ketamine; the client was told to see a doctor soon.",
    source: "SPR",
    when: {
      any: [
        { item: "bp_recent_systolic", gte: { threshold: "bpSevereSystolic" } },
        { item: "bp_recent_diastolic", gte: { threshold: "bpSevereDiastolic" } },
      ],
    },
    context: ["bp_recent_date"],
  },
  {
    id: "BP_ELEVATED",
    severity: "needs_medical_clearance",
    title: "Blood pressure above 140/90 or not controlled",
    rationale: "Ketamine raises blood pressure during sessions; medical review of blood pressure is needed first.",
    source: "SPR, SEED",
    when: {
      all: [
        { not: { fired: "BP_SEVERE" } },
        {
          any: [
            { item: "bp_recent_systolic", gt: { threshold: "bpElevatedSystolic" } },
            { item: "bp_recent_diastolic", gt: { threshold: "bpElevatedDiastolic" } },
            { item: "bp_controlled", in: ["no", "unsure"] },
          ],
        },
      ],
    },
    context: ["bp_recent_date"],
  },
  {
    id: "BP_READING_NEEDED",
    severity: "info",
    title: "No recent blood-pressure reading with a history of hypertension",
    rationale: "Ask for a current reading before the first session.",
    source: "SEED",
    when: {
      all: [
        { item: "hypertension_diagnosed", in: ["yes", "unsure"] },
        { any: [{ absent: "bp_recent_systolic" }, { item: "bp_recent_date", olderThanDays: { threshold: "bpReadingMaxAgeDays" } }] },
      ],
    },
  },
  {
    id: "MAOI_OR_STIMULANT",
    severity: "needs_medical_clearance",
    title: "Takes an MAOI or a stimulant",
    rationale: "Both can add to ketamine's blood-pressure rise; prescriber review is needed.",
    source: "SPR",
    when: { item: "other_medications", has: ["maoi", "stimulant"] },
  },
  {
    id: "BENZO_DAILY",
    severity: "caution",
    title: "Takes a benzodiazepine daily",
    rationale: "Daily benzodiazepines may reduce ketamine's effect and add sedation; discuss timing.",
    source: null,
    when: { item: "benzodiazepine_use", eq: "daily" },
  },
  {
    id: "SEDATIVE_LOAD",
    severity: "caution",
    title: "Other sedating medicines or risky drinking",
    rationale: "Opioids, sleeping pills or a positive AUDIT-C add to sedation; discuss before sessions.",
    source: "SPR",
    when: { any: [{ item: "other_medications", has: ["opioid", "z_drug_sleep"] }, { score: "auditc.positive", isTrue: true }] },
  },
  {
    id: "ALCOHOL_HIGH",
    severity: "needs_medical_clearance",
    title: "AUDIT-C of 8 or more",
    rationale: "High-risk drinking needs medical review before ketamine.",
    source: null,
    when: { score: "auditc.total", gte: { threshold: "auditcHigh" } },
  },
  {
    id: "MEDICAL_CLEARANCE_OTHER",
    severity: "needs_medical_clearance",
    title: "Liver, thyroid, lung disease, sleep apnea or glaucoma",
    rationale: "These conditions need medical clearance before ketamine.",
    source: "SPR",
    when: { item: "other_conditions", has: ["liver_disease", "overactive_thyroid_untreated", "lung_disease", "sleep_apnea", "glaucoma"] },
  },
  {
    id: "BLADDER",
    severity: "caution",
    title: "Bladder or urinary problems",
    rationale: "Ketamine can cause urinary problems; note a baseline and ask about symptoms during treatment.",
    source: "SEED",
    when: { any: [{ item: "other_conditions", has: ["bladder_urinary"] }, { item: "prior_ketamine_adverse", has: ["bladder_problems"] }] },
  },
  {
    id: "PREGNANCY",
    severity: "likely_contraindication",
    title: "Pregnant or breastfeeding",
    rationale: "Ketamine is not recommended in pregnancy or breastfeeding; discuss alternatives.",
    source: "SPR",
    when: { item: "pregnancy_status", in: ["pregnant", "breastfeeding"] },
  },
  {
    id: "PREGNANCY_POSSIBLE",
    severity: "needs_medical_clearance",
    title: "Might be pregnant",
    rationale: "Confirm pregnancy status before any session.",
    source: "SPR",
    when: { item: "pregnancy_status", eq: "possibly_pregnant" },
  },
  {
    id: "PREGNANCY_PLANNING",
    severity: "caution",
    title: "Planning a pregnancy",
    rationale: "Discuss timing of treatment and contraception.",
    source: "SPR",
    when: { item: "pregnancy_status", eq: "planning" },
  },
  {
    id: "PREGNANCY_PREFER_DISCUSS",
    severity: "caution",
    title: "Prefers to discuss pregnancy in person",
    rationale: "Ask about pregnancy at the consultation.",
    source: null,
    when: { item: "pregnancy_status", eq: "prefer_to_discuss" },
  },
  {
    id: "SUBSTANCE_RECENT",
    severity: "likely_contraindication",
    title: "Recent substance problems or non-medical dissociative use",
    rationale: "Active substance problems or non-medical ketamine, PCP or DXM use are usual exclusions; discuss alternatives.",
    source: "SAN17, TKC",
    when: { any: [{ item: "substance_problems", eq: "past_3_months" }, { item: "drugs_past_12_months", has: ["dissociatives"] }] },
  },
  {
    id: "SUBSTANCE_HISTORY",
    severity: "caution",
    title: "Past substance problems or current non-prescribed drug use",
    rationale: "Ketamine has misuse potential; discuss substance history and safeguards.",
    source: "SAN17",
    when: {
      all: [
        { not: { fired: "SUBSTANCE_RECENT" } },
        {
          any: [
            { item: "substance_problems", eq: "past_resolved" },
            { item: "prior_ketamine", in: ["non_medical", "both"] },
            { item: "cannabis_use", eq: "daily" },
            { item: "drugs_past_12_months", has: ["stimulants", "opioids", "sedatives", "hallucinogens"] },
          ],
        },
      ],
    },
  },
  {
    id: "SUBSTANCE_PREFER_DISCUSS",
    severity: "caution",
    title: "Prefers to discuss substance use in person",
    rationale: "Ask about alcohol and drug use at the consultation.",
    source: null,
    when: {
      any: [
        { item: "substance_problems", eq: "prefer_to_discuss" },
        { item: "cannabis_use", eq: "prefer_to_discuss" },
        { item: "drugs_past_12_months", has: ["prefer_to_discuss"] },
      ],
    },
  },
  {
    id: "KETAMINE_ALLERGY",
    severity: "likely_contraindication",
    title: "Allergic reaction to ketamine reported",
    rationale: "A known ketamine allergy is a contraindication.",
    source: "SPR",
    when: { item: "ketamine_allergy", eq: "yes" },
  },
  {
    id: "KETAMINE_ALLERGY_UNSURE",
    severity: "needs_medical_clearance",
    title: "Unsure about a ketamine allergy",
    rationale: "Clarify any past reaction with records before the first session.",
    source: "SPR",
    when: { item: "ketamine_allergy", eq: "unsure" },
  },
  {
    id: "PRIOR_KETAMINE_ADVERSE",
    severity: "caution",
    title: "Serious effects after past ketamine",
    rationale: "Severe dissociation, a switch to mania or high blood pressure after ketamine: discuss dose and monitoring.",
    source: "SEED",
    when: { item: "prior_ketamine_adverse", has: ["severe_dissociation", "mania_or_hypomania", "high_blood_pressure"] },
  },
  {
    id: "AGE_UNDER_18",
    severity: "likely_contraindication",
    title: "Under 18 on the reference date",
    rationale: "Clinics treat adults only; refer to youth services.",
    source: "TKC",
    when: { score: "age", lt: { threshold: "minimumAge" } },
  },
  {
    id: "AGE_65_PLUS",
    severity: "caution",
    title: "65 or older on the reference date",
    rationale: "Older adults may be more sensitive to blood-pressure and cognitive effects; discuss dosing.",
    source: "SPR",
    when: { score: "age", gte: { threshold: "olderAdultAge" } },
  },
  {
    id: "NO_ESCORT",
    severity: "info",
    title: "No one confirmed to take them home after sessions",
    rationale: "An escort is needed after each session, with no driving until the next day. Discuss arrangements.",
    source: "SPR",
    when: { item: "has_escort", in: ["no", "unsure"] },
  },
];

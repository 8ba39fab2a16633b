import type { Answers } from "@/lib/questionnaire/answers";
import { ANTIMANIC, RULES_1, type Rule } from "./rules";
import { threshold, type Thresholds } from "./thresholds";

/**
 * Rule set 2 = every rule of rule set 1 with the changes below (shared/product/intake-v2.md), for
 * questionnaire version 2. `changed` replaces a rule of the same id; `added` places a new rule
 * after an existing one (order matters only where a rule reads `fired`).
 */

/** The mania screen's mood symptoms, the seven others, and the DSM-5 mixed-features (non-overlapping) ones. */
const OTHER_ELEVATION = [
  "less_need_for_sleep", "racing_thoughts", "pressured_speech", "distractibility", "increased_activity", "risky_behaviour", "grandiosity",
] as const;
const NON_OVERLAPPING = [
  "elevated_mood", "grandiosity", "pressured_speech", "racing_thoughts", "increased_activity", "risky_behaviour", "less_need_for_sleep",
] as const;

/** What each active-risk answer says, for the title and rationale (v1 listed every possible trigger). */
function activeRiskTriggers(a: Answers, t: Thresholds): string[] {
  const said: string[] = [];
  if (a.si_intent === "yes") said.push("intent to act on thoughts of suicide");
  if (a.si_intent === "unsure") said.push("unsure whether they intend to act on thoughts of suicide");
  if (a.si_plan === "yes") said.push("a plan or method thought about");
  if (a.si_attempt_history === "within_3_months") said.push("a suicide attempt in the past 3 months");
  if (a.si_safe_now === "no") said.push("not feeling safe right now");
  if (a.si_safe_now === "unsure") said.push("unsure whether they feel safe right now");
  if ((a.phq9_9 ?? 0) >= threshold(t, "phq9SuicideItemUrgent")) said.push(`thoughts of death or self-harm on more than half the days (PHQ-9 item 9 = ${a.phq9_9})`);
  return said;
}

const changed: readonly Rule[] = [
  {
    ...RULES_1.find((r) => r.id === "SAFETY_ACTIVE_RISK")!,
    describe: (a, t) => {
      const said = activeRiskTriggers(a, t);
      return {
        title: `Active suicide risk reported (${said.join("; ")}) — contact before the consultation`,
        rationale: `Reported: ${said.join("; ")}. Follow the clinic's safety protocol; ketamine planning waits on a safety assessment.`,
      };
    },
  },
  {
    id: "SAFETY_PREFER_DISCUSS",
    severity: "caution",
    safety: true,
    title: "Prefers to discuss suicidal thoughts, attempts, self-harm or means in person",
    rationale: "The client chose not to answer a safety question in the form. Ask at the consultation.",
    source: null,
    when: {
      any: [
        { item: "si_thoughts_past_month", eq: "prefer_to_discuss" },
        { item: "si_attempt_history", eq: "prefer_to_discuss" },
        { item: "si_self_harm_past_month", eq: "prefer_to_discuss" },
        { item: "lethal_means_access", has: ["prefer_to_discuss"] },
      ],
    },
  },
  {
    id: "MANIA_CURRENT",
    severity: "likely_contraindication",
    title: "Possible current mania or hypomania",
    rationale:
      "Elevated mood with three or more other symptoms, or irritability alone with four or more, this week. Ketamine is not started during mania; assess mood state first.",
    source: "SAN17, TKC",
    when: {
      any: [
        {
          all: [
            { item: "mania_symptoms_past_week", has: ["elevated_mood"] },
            { item: "mania_symptoms_past_week", countOf: OTHER_ELEVATION, gte: { threshold: "maniaOtherSymptomsWithElevatedMood" } },
          ],
        },
        {
          all: [
            { item: "mania_symptoms_past_week", has: ["irritability"] },
            { not: { item: "mania_symptoms_past_week", has: ["elevated_mood"] } },
            { item: "mania_symptoms_past_week", countOf: OTHER_ELEVATION, gte: { threshold: "maniaOtherSymptomsWithIrritability" } },
          ],
        },
      ],
    },
  },
  {
    id: "MIXED_FEATURES",
    severity: "caution",
    title: "Depression with some mood-elevation symptoms (possible mixed features)",
    rationale:
      "Moderate or worse depression with three or more elevation symptoms that do not overlap with depression (DSM-5 mixed-features specifier). Discuss switch risk and mood-stabilizer cover.",
    source: "SAN17",
    when: {
      all: [
        { not: { fired: "MANIA_CURRENT" } },
        { score: "phq9.total", gte: { threshold: "phq9MixedFeaturesTotal" } },
        { item: "mania_symptoms_past_week", countOf: NON_OVERLAPPING, gte: { threshold: "mixedFeaturesNonOverlappingSymptoms" } },
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
        { item: "dissociative_use_problem", eq: "prefer_to_discuss" },
      ],
    },
  },
];

const added: readonly { readonly after: string; readonly rule: Rule }[] = [
  {
    after: "SAFETY_PAST_ATTEMPT",
    rule: {
      id: "SELF_HARM",
      severity: "caution",
      safety: true,
      title: "Self-harm in the past month",
      rationale: "Self-harm without suicidal intent still raises suicide risk. Ask about it and include it in the safety plan.",
      source: "SAN17",
      when: { item: "si_self_harm_past_month", eq: "yes" },
    },
  },
  {
    after: "SELF_HARM",
    rule: {
      id: "LETHAL_MEANS",
      severity: "caution",
      safety: true,
      title: "Access to a firearm or saved-up medicines at home",
      rationale: "Access to lethal means raises the risk that a crisis ends in death. Discuss means safety (storage away from home, a trusted person holding medicines).",
      source: "SAN17",
      when: { item: "lethal_means_access", has: ["firearm", "stockpiled_medication"] },
      // The title names what was reported, not both possibilities.
      describe: (a) => {
        const means = a.lethal_means_access ?? [];
        const said = [means.includes("firearm") ? "a firearm" : "", means.includes("stockpiled_medication") ? "saved-up medicines" : ""].filter(Boolean);
        return {
          title: `Access to ${said.join(" and ")} at home`,
          rationale: "Access to lethal means raises the risk that a crisis ends in death. Discuss means safety (storage away from home, a trusted person holding medicines).",
        };
      },
    },
  },
  {
    after: "LETHAL_MEANS",
    rule: {
      id: "NO_SAFETY_PLAN",
      severity: "info",
      safety: true,
      title: "No written safety plan, or unsure",
      rationale: "Make a safety plan with the client at the consultation.",
      source: null,
      when: { item: "safety_plan", in: ["no", "unsure"] },
    },
  },
  {
    after: "HISTORY_UNSURE",
    rule: {
      id: "RAPID_CYCLING",
      severity: "caution",
      title: "Four or more mood episodes in a year (rapid cycling)",
      rationale: "Rapid cycling raises switch risk and changes mood-stabilizer planning. Review the course of illness.",
      source: "SAN17",
      when: { item: "rapid_cycling", eq: "yes" },
    },
  },
  {
    after: "RAPID_CYCLING",
    rule: {
      id: "RECENT_HOSPITALIZATION",
      severity: "caution",
      title: "Psychiatric hospital stay in the past 12 months",
      rationale: "A recent admission marks a more severe course. Ask about the reason and get the discharge summary.",
      source: null,
      when: { item: "last_hospitalization", eq: "within_12_months" },
      context: ["psychiatric_hospitalizations"],
    },
  },
  {
    after: "RECENT_HOSPITALIZATION",
    rule: {
      id: "FAMILY_SUICIDE",
      severity: "info",
      title: "A blood relative died by suicide",
      rationale: "Family history of suicide adds to long-term risk. Note it in the safety assessment.",
      source: null,
      when: { item: "family_history", has: ["suicide"] },
    },
  },
  {
    after: "NO_ANTIMANIC_BP1",
    rule: {
      id: "ANTIDEPRESSANT_NO_ANTIMANIC",
      severity: "caution",
      title: "Takes an antidepressant without an antimanic medication",
      rationale: "An antidepressant without mood-stabilizer or antipsychotic cover raises the risk of a switch to mania; ketamine adds to it. Discuss cover with the prescriber.",
      source: "SEED",
      when: {
        all: [
          { item: "other_medications", has: ["antidepressant"] },
          { item: "current_mood_medications", field: "name", hasNoneOf: ANTIMANIC },
          { not: { fired: "NO_ANTIMANIC_BP1" } },
        ],
      },
      context: ["on_mood_medication", "current_mood_medications", "bipolar_type"],
    },
  },
  {
    after: "BENZO_DAILY",
    rule: {
      id: "BENZO_AS_NEEDED",
      severity: "info",
      title: "Takes a benzodiazepine when needed",
      rationale: "Ask the client not to take it before a session without discussing it first.",
      source: null,
      when: { item: "benzodiazepine_use", eq: "as_needed" },
    },
  },
  {
    after: "MAOI_OR_STIMULANT",
    rule: {
      id: "INTERACTING_MEDICATION",
      severity: "caution",
      title: "Takes naltrexone, memantine or dextromethorphan, or theophylline",
      rationale: "These can change ketamine's effect (naltrexone may blunt it; memantine and DXM act on the same receptor; theophylline lowers the seizure threshold). Review with the prescriber.",
      source: null,
      when: { item: "other_medications", has: ["naltrexone", "memantine_or_dxm", "theophylline"] },
    },
  },
  {
    after: "SUBSTANCE_HISTORY",
    rule: {
      id: "DISSOCIATIVE_USE_CURRENT",
      severity: "likely_contraindication",
      title: "A current problem with ketamine, PCP, DXM or similar drugs",
      rationale: "A current dissociative-use problem is a usual exclusion: ketamine treatment risks feeding it. Discuss alternatives.",
      source: "SAN17, TKC",
      when: { item: "dissociative_use_problem", eq: "current" },
    },
  },
  {
    after: "DISSOCIATIVE_USE_CURRENT",
    rule: {
      id: "DISSOCIATIVE_USE_PAST",
      severity: "needs_medical_clearance",
      title: "A past problem with ketamine, PCP, DXM or similar drugs",
      rationale: "Misuse risk needs assessment and safeguards before ketamine treatment.",
      source: "SAN17",
      when: { item: "dissociative_use_problem", eq: "past" },
    },
  },
  {
    after: "KETAMINE_ALLERGY_UNSURE",
    rule: {
      id: "ANAESTHESIA_PROBLEMS",
      severity: "needs_medical_clearance",
      title: "A serious problem with an anaesthetic (the client or a blood relative)",
      rationale: "Ask what happened; anaesthetic history bears on sedation and monitoring during sessions.",
      source: null,
      when: { item: "anaesthesia_problems", eq: "yes" },
    },
  },
];

function amend(base: readonly Rule[]): Rule[] {
  const rules = base.map((rule) => changed.find((c) => c.id === rule.id) ?? rule);
  for (const c of changed) if (!base.some((r) => r.id === c.id)) throw new Error(`Rule set 2 changes ${c.id}, which rule set 1 lacks`);
  for (const { after, rule } of added) {
    const at = rules.findIndex((r) => r.id === after);
    if (at < 0) throw new Error(`Rule set 2 places ${rule.id} after ${after}, which is not there`);
    rules.splice(at + 1, 0, rule);
  }
  return rules;
}

export const RULES_2: readonly Rule[] = amend(RULES_1);
/** What the generated rules page lists as the differences from rule set 1. */
export const RULE_SET_2_CHANGES = { changed: changed.map((r) => r.id), added: added.map((a) => a.rule.id) };

import type { QuestionnaireDelta } from "./delta";
import { SUICIDE_FOLLOW_UP } from "./gates";

/**
 * Questionnaire version 2 = version 1 with these changes (shared/product/intake-v2.md). The one
 * place a newcomer reads to see what version 2 asks that version 1 did not.
 */

/** Lethal means and the safety plan are asked when the suicide follow-ups are, after any attempt, or after self-harm. */
const SAFETY_FOLLOW_UP = {
  any: [
    SUICIDE_FOLLOW_UP,
    { item: "si_attempt_history", in: ["more_than_3_months_ago", "within_3_months", "prefer_to_discuss"] },
    { item: "si_self_harm_past_month", in: ["yes", "prefer_to_discuss"] },
  ],
} as const;

export const VERSION_2 = {
  version: "2",
  why: "A clinical review of version 1 found the suicide and bipolar-course history too shallow (no lethal means, self-harm or safety plan; no rapid cycling, recent hospitalisation or family history) and no question on dissociative-drug problems or anaesthetic problems.",
  items: [
    {
      section: "diagnosis",
      after: "diagnosed_by",
      item: {
        id: "age_at_onset",
        type: "int",
        min: 5,
        max: 90,
        unit: "years",
        required: false,
        label: "How old were you when mood problems started?",
        help: "Your best guess is fine.",
      },
    },
    {
      section: "diagnosis",
      after: "current_episode_weeks",
      item: {
        id: "rapid_cycling",
        type: "enum",
        required: true,
        label: "Have you had four or more separate mood episodes (low, high or mixed) in a single year?",
        help: "Any 12 months, not only the last year. This is sometimes called rapid cycling.",
        options: [
          { value: "no", label: "No", risk: 0 },
          { value: "unsure", label: "I'm not sure", risk: 1 },
          { value: "yes", label: "Yes", risk: 2 },
        ],
      },
    },
    {
      section: "diagnosis",
      after: "psychiatric_hospitalizations",
      item: {
        id: "last_hospitalization",
        type: "enum",
        required: true,
        shownIf: { item: "psychiatric_hospitalizations", in: ["one", "two_or_more"] },
        label: "When did your most recent hospital stay for your mental health end?",
        options: [
          { value: "more_than_12_months_ago", label: "More than 12 months ago", risk: 0 },
          { value: "within_12_months", label: "In the past 12 months", risk: 1 },
        ],
      },
    },
    {
      section: "diagnosis",
      after: "antidepressant_switch_history",
      item: {
        id: "family_history",
        type: "multi",
        required: true,
        label: "Have any of your blood relatives had any of these?",
        help: "Parents, brothers and sisters, children, grandparents, aunts and uncles. Choose all that apply.",
        options: [
          { value: "bipolar", label: "Bipolar disorder", risk: 1 },
          { value: "psychosis", label: "Psychosis or schizophrenia", risk: 1 },
          { value: "suicide", label: "Death by suicide", risk: 1 },
          { value: "substance_use", label: "Alcohol or drug problems", risk: 1 },
          { value: "none", label: "None of these", risk: 0 },
          { value: "unsure", label: "I'm not sure", risk: 0 },
        ],
      },
    },
    {
      section: "safety",
      after: "si_attempt_history",
      item: {
        id: "si_self_harm_past_month",
        type: "enum",
        required: true,
        label: "In the past month, have you hurt yourself on purpose without wanting to die?",
        options: [
          { value: "no", label: "No", risk: 0 },
          { value: "yes", label: "Yes", risk: 2 },
          { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
        ],
      },
    },
    {
      section: "safety",
      after: "si_self_harm_past_month",
      item: {
        id: "lethal_means_access",
        type: "multi",
        required: true,
        shownIf: SAFETY_FOLLOW_UP,
        label: "Do you have access to any of these at home?",
        help: "We ask everyone who has had these thoughts. Putting distance between you and these things is one of the surest ways to stay safe. Choose all that apply.",
        options: [
          { value: "firearm", label: "A firearm (gun)", risk: 2 },
          { value: "stockpiled_medication", label: "A supply of medicines saved up, beyond what you take", risk: 2 },
          { value: "other", label: "Something else you have thought of using", risk: 1 },
          { value: "none", label: "None of these", risk: 0 },
          { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
        ],
      },
    },
    {
      section: "safety",
      after: "lethal_means_access",
      item: {
        id: "safety_plan",
        type: "enum",
        required: true,
        shownIf: SAFETY_FOLLOW_UP,
        label: "Do you have a written safety plan for when things get hard?",
        help: "A safety plan lists your warning signs, what helps, and who to call. If you don't have one, the therapist can make one with you.",
        options: [
          { value: "yes", label: "Yes", risk: 0 },
          { value: "unsure", label: "I'm not sure", risk: 1 },
          { value: "no", label: "No", risk: 1 },
        ],
      },
    },
    {
      section: "substances",
      after: "drugs_past_12_months",
      item: {
        id: "dissociative_use_problem",
        type: "enum",
        required: true,
        label:
          "Have you ever had a problem with ketamine, PCP, DXM or similar drugs — for example using more than you meant to, or not being able to cut down?",
        options: [
          { value: "never", label: "Never", risk: 0 },
          { value: "past", label: "Yes, in the past", risk: 2 },
          { value: "current", label: "Yes, now", risk: 3 },
          { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
        ],
      },
    },
    {
      section: "health",
      after: "other_conditions",
      item: {
        id: "anaesthesia_problems",
        type: "enum",
        required: true,
        label: "Have you or a blood relative ever had a serious problem with an anaesthetic?",
        help: "For example a dangerously high temperature during surgery (malignant hyperthermia), or waking very slowly.",
        options: [
          { value: "no", label: "No", risk: 0 },
          { value: "unsure", label: "I'm not sure", risk: 1 },
          { value: "yes", label: "Yes", risk: 2 },
        ],
      },
    },
  ],
  options: [
    {
      item: "other_medications",
      before: "other",
      options: [
        { value: "naltrexone", label: "Naltrexone", hint: "e.g. Revia, or in Contrave", risk: 1 },
        { value: "memantine_or_dxm", label: "Memantine or dextromethorphan (DXM)", hint: "e.g. Ebixa/Namenda, Auvelity, cough syrups with DM", risk: 1 },
        { value: "theophylline", label: "Theophylline", hint: "e.g. Theo ER, Uniphyl, aminophylline", risk: 1 },
      ],
    },
  ],
  changes: [
    { item: "si_safe_now", why: "asks about safety from acting on suicidal thoughts, not safety in general", set: { label: "Right now, do you feel safe from acting on thoughts of suicide?" } },
    { item: "bp_recent_date", why: "many people remember only the month of a reading", set: { acceptMonth: true } },
    {
      item: "emergency_contact_name",
      why: "a person is more willing to name someone when the form says why it asks",
      set: { help: "Someone the clinic can call if it is worried about your safety and cannot reach you, or if you become unwell at a treatment session. Let them know you have named them." },
    },
  ],
  fieldChanges: [
    {
      item: "past_treatment_trials",
      field: "adequate_dose",
      why: "a target dose means nothing for talk therapy, ECT or rTMS",
      set: { optionalWhen: { field: "treatment", in: ["psychotherapy", "ect", "rtms"] } },
    },
  ],
} as const satisfies QuestionnaireDelta;

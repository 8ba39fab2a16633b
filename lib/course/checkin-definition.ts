import { questionnaireFor } from "@/lib/questionnaire/definition";
import type { ValueOf } from "@/lib/questionnaire/answers";
import type { Condition, QuestionnaireDef } from "@/lib/questionnaire/types";
import { SUICIDE_FOLLOW_UP } from "@/lib/questionnaire/gates";
import { intakeItem, renameItems } from "./intake-parts";

/**
 * The client's check-in (treatment-course.md, "Check-in"), in the intake's definition shapes. Items
 * the spec says are "as in the intake" are the intake's own (version 2 wording); the items new to
 * the check-in are written here, once. Universal code: the check-in form ships it to the browser.
 */

export const CHECKIN_ID = "ketamine-course-checkin";
export const CHECKIN_VERSION = "1";

/** The check-in's counterpart of an intake item that branching or the crisis panel reads. */
export const CHECKIN_COUNTERPARTS = { si_thoughts_past_month: "si_thoughts_since_last" } as const;

/** The PHQ-9's own stem, as the intake's definition holds it. */
export const PHQ9_STEM: string = questionnaireFor("2").stems!.phq9!;

const SINCE_LAST = [
  { value: "no", label: "No", risk: 0 },
  { value: "yes", label: "Yes", risk: 2 },
  { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
] as const;

/** The suicide follow-ups are asked on the intake's gate, with "since your last session" for "in the past month". */
const FOLLOW_UP: Condition = renameItems(SUICIDE_FOLLOW_UP, CHECKIN_COUNTERPARTS);

/** The home-BP trio and the intake items whose cross-item rules they follow. */
export const HOME_BP_AS_INTAKE = {
  home_bp_systolic: "bp_recent_systolic",
  home_bp_diastolic: "bp_recent_diastolic",
  home_bp_date: "bp_recent_date",
} as const;

const withGate = <I extends object>(item: I) => ({ ...item, shownIf: FOLLOW_UP });
const renamed = <I extends object, Id extends string>(item: I, id: Id) => ({ ...item, id }) as Omit<I, "id"> & { readonly id: Id };

const PHQ9 = [
  intakeItem("phq9_1"), intakeItem("phq9_2"), intakeItem("phq9_3"), intakeItem("phq9_4"), intakeItem("phq9_5"),
  intakeItem("phq9_6"), intakeItem("phq9_7"), intakeItem("phq9_8"), intakeItem("phq9_9"),
] as const;

const SIDE_EFFECTS = {
  id: "side_effects",
  type: "multi",
  required: true,
  label: "Since your last session, have you noticed any of these?",
  help: "Choose all that apply.",
  options: [
    { value: "urinary_pain_or_urgency", label: "Pain when passing urine, or needing to go much more often or urgently", risk: 2 },
    { value: "blood_in_urine", label: "Blood in your urine", risk: 2 },
    { value: "dissociation_next_day", label: "Feeling detached or unreal the day after a session, or later", risk: 1 },
    { value: "memory_or_concentration_worse", label: "Memory or concentration worse than before", risk: 1 },
    { value: "craving_or_use_outside_treatment", label: "Craving ketamine, or using ketamine or similar drugs outside treatment", risk: 2 },
    { value: "headache", label: "Headaches", risk: 0 },
    { value: "nausea", label: "Feeling sick", risk: 0 },
    { value: "none", label: "None of these", risk: 0 },
  ],
} as const;

export const CHECKIN = {
  id: CHECKIN_ID,
  version: CHECKIN_VERSION,
  sections: [
    {
      id: "mood",
      title: "How you have been feeling",
      intro: PHQ9_STEM,
      minutes: 2,
      items: [...PHQ9, intakeItem("mania_symptoms_past_week")],
    },
    {
      id: "safety",
      title: "Thoughts of suicide",
      intro: "These questions are hard, and we ask everyone at each check-in. Your honest answers help keep your treatment safe.",
      minutes: 1,
      items: [
        { id: "si_thoughts_since_last", type: "enum", required: true, label: "Since your last session, have you had thoughts of ending your life?", options: SINCE_LAST },
        withGate(intakeItem("si_intent")),
        withGate(intakeItem("si_plan")),
        intakeItem("si_safe_now"),
        { id: "si_attempt_since_last", type: "enum", required: true, label: "Since your last session, have you tried to end your life?", options: SINCE_LAST },
        { id: "self_harm_since_last", type: "enum", required: true, label: "Since your last session, have you hurt yourself on purpose?", options: SINCE_LAST },
      ],
    },
    {
      id: "side_effects",
      title: "Since your last session",
      minutes: 1,
      items: [SIDE_EFFECTS],
    },
    {
      id: "blood_pressure",
      title: "Blood pressure at home",
      intro: "If you have measured your blood pressure at home since your last session, enter your most recent reading. You can leave this empty.",
      minutes: 1,
      items: [
        renamed(intakeItem(HOME_BP_AS_INTAKE.home_bp_systolic), "home_bp_systolic"),
        renamed(intakeItem(HOME_BP_AS_INTAKE.home_bp_diastolic), "home_bp_diastolic"),
        renamed(intakeItem(HOME_BP_AS_INTAKE.home_bp_date), "home_bp_date"),
      ],
    },
    {
      id: "change",
      title: "Overall",
      minutes: 1,
      items: [
        {
          id: "global_change",
          type: "enum",
          required: true,
          label: "Compared with before you started treatment, how are you now?",
          options: [
            { value: "very_much_better", label: "Very much better", risk: 0 },
            { value: "much_better", label: "Much better", risk: 0 },
            { value: "a_little_better", label: "A little better", risk: 0 },
            { value: "no_change", label: "No change", risk: 1 },
            { value: "a_little_worse", label: "A little worse", risk: 2 },
            { value: "much_worse", label: "Much worse", risk: 2 },
            { value: "very_much_worse", label: "Very much worse", risk: 2 },
          ],
        },
        { id: "message_for_clinic", type: "text", maxLength: 2000, required: false, label: "Anything you would like the clinic to know before your next session?" },
      ],
    },
  ],
} as const satisfies QuestionnaireDef;

export type CheckinItem = (typeof CHECKIN)["sections"][number]["items"][number];
export type CheckinItemId = CheckinItem["id"];

/** Validated check-in answers: hidden and unanswered items are absent. */
export type CheckinAnswers = { [I in CheckinItem as I["id"]]?: ValueOf<I> };

export const CHECKIN_ITEMS: readonly CheckinItem[] = CHECKIN.sections.flatMap((s) => s.items as readonly CheckinItem[]);
export const CHECKIN_ITEM_IDS: readonly CheckinItemId[] = CHECKIN_ITEMS.map((i) => i.id);

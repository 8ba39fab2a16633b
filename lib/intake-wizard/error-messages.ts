import type { FieldDef, ItemDef } from "@/lib/questionnaire/types";

/**
 * The form's error messages for an unanswered question, said about that question ("Enter your
 * emergency contact's name"), as the GOV.UK error-message pattern asks: the error summary shows only
 * the message, so it must say which question and what to do. A wizard-side layer: the API and the
 * parser keep their generic messages (the error contract, and version 1's frozen corpus). Universal.
 */

/** The parser's messages for a missing answer (parse-intake.ts missingMessage, item-schemas.ts rows). */
const GENERIC_MISSING = new Set([
  "Choose an answer",
  "Answer yes or no",
  "Choose at least one option",
  "Answer this question",
  "Answer this question (an empty list means none chosen)",
  "Enter a date",
  "Choose one of the options",
]);

/** Where the label is a noun phrase or a question the rules below would word badly. */
const MISSING: Readonly<Record<string, string>> = {
  full_name: "Enter your full name",
  date_of_birth: "Enter your date of birth",
  sex_at_birth: "Select the sex you were assigned at birth",
  email: "Enter your email address",
  phone: "Enter your phone number",
  ok_to_leave_message: "Select whether it is OK to leave a voicemail or send an email that mentions the clinic",
  country: "Select where you live",
  preferred_contact: "Select how we should contact you",
  emergency_contact_name: "Enter your emergency contact's name",
  emergency_contact_phone: "Enter your emergency contact's phone number",
  bipolar_type: "Select the type of bipolar disorder you were told you have, or \"I'm not sure\"",
  diagnosed_by: "Select who diagnosed it",
  current_episode_weeks: "Enter how many weeks your current low mood has lasted",
  psychiatric_hospitalizations: "Select how many times you have stayed in hospital for your mental health",
  last_hospitalization: "Select when your most recent hospital stay ended",
  benzodiazepine_use: "Select how often you take the benzodiazepine",
  prior_ketamine_routes: "Select how the ketamine was given",
  prior_ketamine_response: "Select whether the ketamine treatment helped",
  height_cm: "Enter your height",
  weight_kg: "Enter your weight",
  bp_controlled: "Select whether your blood pressure is under control now",
  cardio_event_past_6_weeks: "Select whether the heart attack or stroke was in the past 6 weeks",
  pregnancy_status: "Select whether you are pregnant, breastfeeding or planning a pregnancy, or none of these",
  auditc_1: "Select how often you have a drink containing alcohol",
  auditc_2: "Select how many drinks you have on a typical day when you are drinking",
  auditc_3: "Select how often you have six or more drinks on one occasion",
  cannabis_use: "Select how often you use cannabis",
  substance_problems: "Select whether alcohol or drug use has caused problems for you",
  has_escort: "Select whether someone can take you home after each session",
  support_person: "Select whether there is someone you can reach out to between sessions",
  referral_source: "Select how you heard about us",
  phq9_difficulty: "Select how difficult these problems have made things for you",
  phq9_8: "Select how often you have been bothered by moving or speaking slowly, or by being fidgety or restless",
  si_safe_now: "Select whether you feel safe right now from acting on thoughts of suicide",
  hypertension_diagnosed: "Select whether a doctor has ever told you that you have high blood pressure",
  anaesthesia_problems: "Select whether you or a blood relative have ever had a serious problem with an anaesthetic",
};

/** Checkbox questions: what to choose; the message adds the option that says none apply. */
const CHOOSE: Readonly<Record<string, string>> = {
  family_history: "Select which of these your blood relatives have had",
  mania_symptoms_past_week: "Select which of these you have noticed in the past week",
  lethal_means_access: "Select which of these you have access to at home",
  other_medications: "Select which of these other medicines you take",
  prior_ketamine_adverse: "Select which of these you had after ketamine",
  cardiovascular_history: "Select which of these heart and circulation problems you have ever had",
  neuro_history: "Select which of these you have",
  other_conditions: "Select which of these health conditions you have",
  drugs_past_12_months: "Select which of these you have used in the past 12 months",
  questions_selected: "Select which of these you would like to discuss",
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "Have you ever tried to end your life?" → "whether you have ever tried to end your life". */
function whether(question: string): string | undefined {
  const q = question.replace(/\?$/, "");
  const lead = /^(In the past [a-z0-9 ]+, )?(have|do|are) you (.*)$/i.exec(q);
  if (!lead) return undefined;
  const [, when, verb, rest] = lead;
  const subject = verb!.toLowerCase() === "do" ? "you" : `you ${verb!.toLowerCase() === "have" ? "have" : "are"}`;
  return `whether${when ? `, ${lowerFirst(when).replace(/, $/, ",")}` : ""} ${subject} ${rest}`;
}

function missingFor(item: ItemDef): string {
  const own = MISSING[item.id];
  if (own) return own;
  if (item.type === "bool") return item.mustBeTrue ? (item.mustBeTrueMessage ?? "Tick the box to agree") : `Select yes or no: ${item.label}`;
  // PHQ-9 and GAD-7: the label is the problem, under the instrument's stem.
  if (item.type === "int" && item.scale && item.choices) return `Select how often you have been bothered by ${lowerFirst(item.label).replace(/\?/g, ",")}`;
  if (item.type === "rows") return `Add at least ${item.minRows} ${item.rowLabel.toLowerCase()}`;
  if (item.type === "multi") {
    const none = item.options.find((o) => o.value === "none");
    return `${CHOOSE[item.id] ?? `Select at least one answer to "${item.label}"`}${none ? `, or "${none.label}"` : ""}`;
  }
  const said = whether(item.label);
  if (said) return `Select ${said}`;
  return `Answer the question "${item.label}"`;
}

function rowFieldMissing(item: ItemDef & { type: "rows" }, field: FieldDef, index: number): string {
  const row = `${item.rowLabel.toLowerCase()} ${index + 1}`;
  if (field.type === "enum") return field.label.endsWith("?") ? `Select an answer for ${row}: ${lowerFirst(field.label)}` : `Select the ${field.label.toLowerCase()} for ${row}`;
  if (/^Name of the /.test(field.label)) return `Enter the name of ${row}`;
  return `Enter the ${field.label.toLowerCase()} for ${row}`;
}

/**
 * The message the form shows for `field` (an item id, or "item.index.field" inside a list). Only
 * missing answers are reworded; the other messages already say what to do.
 */
export function formErrorMessage(items: readonly ItemDef[], field: string, message: string): string {
  const [id, index, fieldId] = field.split(".");
  const item = items.find((i) => i.id === id);
  if (!item) return message;
  if (item.type === "rows" && fieldId !== undefined) {
    const def = item.fields.find((f) => f.id === fieldId);
    const missing = GENERIC_MISSING.has(message) || message === `Enter the ${def?.label.toLowerCase()}`;
    return def && missing ? rowFieldMissing(item, def, Number(index)) : message;
  }
  if (field !== id) return message;
  return GENERIC_MISSING.has(message) ? missingFor(item) : message;
}

/** For a test: every item's missing-answer message, so none is left generic. */
export const missingMessageOf = missingFor;

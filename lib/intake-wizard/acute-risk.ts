import type { CrisisNumbers } from "@/lib/config";
import type { CountryCode } from "@/lib/questionnaire/countries";
import { definedItem } from "@/lib/questionnaire/definition";
import { SUICIDE_FOLLOW_UP } from "@/lib/questionnaire/gates";

/**
 * Answers that say the person may be in danger now (issue 16, "answer risk where the person is"):
 * each is answered next to the question as soon as it is chosen and, on Continue, by an interruption
 * page before the next step. Each is also a crisis trigger (crisis-trigger.ts; a unit test holds
 * them together). Universal: the form renders these in the browser.
 */
export const ACUTE_RISK: readonly { item: string; said: Readonly<Record<string, string>> }[] = [
  {
    item: "si_safe_now",
    said: { no: "You said you don't feel safe right now", unsure: "You said you're not sure you feel safe right now" },
  },
  {
    item: "si_intent",
    said: {
      yes: "You said you have had some intention of acting on thoughts of suicide",
      unsure: "You said you're not sure whether you might act on thoughts of suicide",
    },
  },
  { item: "si_plan", said: { yes: "You said you have thought about how you would do it, or made a plan" } },
];

export const ACUTE_RISK_ITEMS: readonly string[] = ACUTE_RISK.map((a) => a.item);

/** "You said …" for one answer, when that answer is an acute risk. */
export function acuteRiskSaid(item: string, value: unknown): string | undefined {
  return typeof value === "string" ? ACUTE_RISK.find((a) => a.item === item)?.said[value] : undefined;
}

/** Every "You said …" that the answers hold, most urgent first (feeling unsafe now leads). */
export function acuteRisksIn(answers: Readonly<Record<string, unknown>>): string[] {
  return ACUTE_RISK.map((a) => acuteRiskSaid(a.item, answers[a.item])).filter((s): s is string => s !== undefined);
}

/**
 * What to do now, in the configured numbers of the person's country: "call or text 9-8-8 now" for
 * a country with a crisis line, its emergency sentence otherwise. `line` is the number to link.
 */
export function callNow(numbers: CrisisNumbers, country: CountryCode | undefined): { text: string; line?: CrisisNumbers[CountryCode]["lines"][number] } {
  const { lines, emergencyText } = numbers[country ?? "other"];
  const line = lines[0];
  if (!line) return { text: emergencyText };
  return { text: `${line.sms ? "call or text" : "call"} ${line.display} now`, line };
}

/**
 * The sentence above the suicide follow-ups, saying back what opened them (one per condition of
 * SUICIDE_FOLLOW_UP), so "passive" thoughts from PHQ-9 item 9 are not answered "No" by mistake.
 * Wording only: the stored answers are the same with or without it.
 */
const PHQ9_9 = definedItem("phq9_9");
const LEAD_INS: readonly { item: string; when: (value: unknown) => boolean; text: string }[] = [
  { item: "si_thoughts_past_month", when: (v) => v === "yes", text: "You said you have had thoughts of ending your life in the past month." },
  {
    item: "si_thoughts_past_month",
    when: (v) => v === "prefer_to_discuss",
    text: "You said you would rather talk about thoughts of ending your life in person. If you can, please answer these questions too: they help the therapist prepare.",
  },
  {
    item: PHQ9_9.id,
    when: (v) => typeof v === "number" && v >= 1,
    text: `You said that over the last 2 weeks you have had ${PHQ9_9.label.charAt(0).toLowerCase()}${PHQ9_9.label.slice(1)}.`,
  },
];

/** The items of SUICIDE_FOLLOW_UP's conditions (a unit test checks every one has a lead-in). */
export const FOLLOW_UP_OPENERS: readonly string[] = SUICIDE_FOLLOW_UP.any.map((c) => c.item);

export function followUpLeadIn(answers: Readonly<Record<string, unknown>>): string | undefined {
  return LEAD_INS.find((l) => l.when(answers[l.item]))?.text;
}

/** The follow-ups the lead-in stands above: the items asked exactly when SUICIDE_FOLLOW_UP holds. */
export function isSuicideFollowUp(item: { shownIf?: unknown }): boolean {
  return item.shownIf !== undefined && JSON.stringify(item.shownIf) === JSON.stringify(SUICIDE_FOLLOW_UP);
}

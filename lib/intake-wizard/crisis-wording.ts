import type { CrisisNumbers } from "@/lib/config";
import { COUNTRY_CODES, type CountryCode } from "@/lib/questionnaire/countries";

/**
 * Sentences of the form that quote the configured crisis numbers (CRISIS_NUMBERS), so a clinic
 * that changes them changes every place they are said. Universal: the form renders these in the browser.
 */

/** Before the person has said where they live, every country's lines are shown under these headings. */
export const COUNTRY_HEADINGS: Record<CountryCode, string> = { CA: "In Canada", US: "In the United States", other: "Elsewhere" };

type Line = CrisisNumbers[CountryCode]["lines"][number];

const howToReach = (line: Line) => `${line.sms ? "call or text" : "call"} ${line.display}`;

function listed(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} or ${parts[parts.length - 1]}`;
}

/**
 * The consent step's help under "not for emergencies": what to call, for every country, before the
 * person has said where they live. Countries with the same numbers share one sentence.
 */
export function consentCrisisHelp(numbers: CrisisNumbers): string {
  const groups: { countries: CountryCode[]; key: string }[] = [];
  for (const code of COUNTRY_CODES) {
    const { lines, emergencyText } = numbers[code];
    const key = JSON.stringify(lines.length > 0 ? lines.map((l) => [l.display, l.sms]) : emergencyText);
    const group = groups.find((g) => g.key === key);
    if (group) group.countries.push(code);
    else groups.push({ countries: [code], key });
  }
  const sentences = groups.map(({ countries }) => {
    const where = listed(countries.map((c, i) => (i === 0 ? COUNTRY_HEADINGS[c] : COUNTRY_HEADINGS[c].replace(/^In /, "").replace(/^Elsewhere$/, "elsewhere"))));
    const { lines, emergencyText } = numbers[countries[0]!];
    return lines.length > 0 ? `${where}: ${listed(lines.map(howToReach))}.` : `${where}: ${emergencyText}`;
  });
  return `If you are in crisis now, do not wait for this form. ${sentences.join(" ")}`;
}

/**
 * The note shown as soon as a blood-pressure reading at or above the configured severe thresholds
 * (BP_SEVERE's) is typed, ending with the emergency sentence of the country the person lives in.
 */
export function bloodPressureNote(
  answers: Readonly<Record<string, unknown>>,
  severe: { readonly systolic: number; readonly diastolic: number },
  numbers: CrisisNumbers,
  country: CountryCode | undefined,
): { heading: string; text: string } | undefined {
  const systolic = answers.bp_recent_systolic;
  const diastolic = answers.bp_recent_diastolic;
  const high = (typeof systolic === "number" && systolic >= severe.systolic) || (typeof diastolic === "number" && diastolic >= severe.diastolic);
  if (!high) return undefined;
  // The country is asked two steps earlier; without it, the sentence that fits everywhere.
  const emergency = numbers[country ?? "other"].emergencyText;
  return {
    heading: `A reading of ${severe.systolic}/${severe.diastolic} or higher is high.`,
    text: `Please see a doctor soon. Get help at once if you have symptoms such as chest pain, a severe headache, shortness of breath or weakness. ${emergency}`,
  };
}

import { DEFINED_ITEMS } from "@/lib/questionnaire/definition";
import type { IntItem, NumItem } from "@/lib/questionnaire/types";

/**
 * Imperial entry for height and weight (intake-spec, "units"): converted to cm and kg rounded to
 * one decimal; the range applies after conversion and the error names the units the person used.
 */

/** The measurement the definition marks as also accepting this imperial entry. */
function imperialItem(entry: NonNullable<NumItem["imperial"]>): NumItem {
  const item = DEFINED_ITEMS.find((i) => i.type === "num" && "imperial" in i && i.imperial === entry);
  if (!item) throw new Error(`No questionnaire item accepts imperial entry "${entry}"`);
  return item as NumItem;
}

/** Height: centimetres, or feet and inches. */
export const HEIGHT_ITEM = imperialItem("ftin");
/** Weight: kilograms, or pounds. */
export const WEIGHT_ITEM = imperialItem("lb");

export type HeightUnit = "cm" | "ftin";
export type WeightUnit = "kg" | "lb";

const CM_PER_INCH = 2.54;
const KG_PER_POUND = 0.45359237;

export const roundToTenth = (value: number) => Math.round(value * 10) / 10;

export function feetInchesToCm(feet: number, inches: number): number {
  return roundToTenth((feet * 12 + inches) * CM_PER_INCH);
}

/**
 * Imperial values for a stored metric one, for showing back to the person who typed imperial:
 * the simplest value that converts back to the same metric value (whole inches or pounds when one does).
 */
export function cmToFeetInches(cm: number): { feet: number; inches: number } {
  const whole = Math.round(cm / CM_PER_INCH);
  const totalInches = feetInchesToCm(0, whole) === cm ? whole : roundToTenth(cm / CM_PER_INCH);
  let feet = Math.floor(totalInches / 12);
  let inches = roundToTenth(totalInches - feet * 12);
  if (inches >= 12) {
    feet += 1;
    inches = roundToTenth(inches - 12);
  }
  return { feet, inches };
}

export function poundsToKg(pounds: number): number {
  return roundToTenth(pounds * KG_PER_POUND);
}

export function kgToPounds(kg: number): number {
  const whole = Math.round(kg / KG_PER_POUND);
  return poundsToKg(whole) === kg ? whole : roundToTenth(kg / KG_PER_POUND);
}

/** "Enter a height between 3 ft 4 in and 8 ft 2 in": whole inches that convert inside the cm range. */
export function heightRangeMessage(minCm: number, maxCm: number): string {
  const lo = Math.ceil(minCm / CM_PER_INCH);
  const hi = Math.floor(maxCm / CM_PER_INCH);
  return `Enter a height between ${Math.floor(lo / 12)} ft ${lo % 12} in and ${Math.floor(hi / 12)} ft ${hi % 12} in`;
}

export function weightRangeMessage(minKg: number, maxKg: number): string {
  return `Enter a weight between ${Math.ceil(minKg / KG_PER_POUND)} and ${Math.floor(maxKg / KG_PER_POUND)} lb`;
}

/**
 * The current episode's length may be typed in months (issue 16): stored in weeks, as the
 * definition asks, with 52 weeks in 12 months; the range and its errors are given in months then.
 */
export const EPISODE_ITEM = DEFINED_ITEMS.find((i) => i.id === "current_episode_weeks") as IntItem;
export type EpisodeUnit = "weeks" | "months";
export const WEEKS_PER_MONTH = 52 / 12;

export function monthsToWeeks(months: number): number {
  return Math.round(months * WEEKS_PER_MONTH);
}

/** Months for stored weeks, for the person who typed months: whole months when one converts back to the same weeks. */
export function weeksToMonths(weeks: number): number {
  const whole = Math.round(weeks / WEEKS_PER_MONTH);
  return monthsToWeeks(whole) === weeks ? whole : roundToTenth(weeks / WEEKS_PER_MONTH);
}

/** "Enter a number of months between 0 and 240": months that convert inside the weeks range. */
export function episodeMonthsRangeMessage(minWeeks: number, maxWeeks: number): string {
  return `Enter a number of months between ${Math.ceil(minWeeks / WEEKS_PER_MONTH)} and ${Math.floor(maxWeeks / WEEKS_PER_MONTH)}`;
}

/** What the form says about the conversion (one wording, on the page and under the answer). */
export const MONTHS_CONVERSION_HINT = "If you answer in months, we count 52 weeks in 12 months (about 4.3 weeks in a month).";
export const weeksInWords = (weeks: number) => `That is about ${weeks} ${weeks === 1 ? "week" : "weeks"}.`;

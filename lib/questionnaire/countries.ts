import { definedItem } from "./definition";
import type { OptionOf } from "./answers";

/** The countries a person can say they live in (the `country` item's options): they choose the crisis numbers shown. */

export type CountryCode = OptionOf<"country">;

export const COUNTRY_CODES: readonly CountryCode[] = definedItem("country").options.map((o) => o.value);

/** The country answered, if it is one of the codes (answers from a draft are not trusted to be). */
export function countryOf(answers: Readonly<Record<string, unknown>>): CountryCode | undefined {
  const c = answers.country;
  return (COUNTRY_CODES as readonly unknown[]).includes(c) ? (c as CountryCode) : undefined;
}

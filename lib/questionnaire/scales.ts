import { DEFINED_ITEMS, type Item } from "./definition";

/** The items of each standard scale (PHQ-9, GAD-7, AUDIT-C), in questionnaire order, as the definition tags them. */

export type Scale = "phq9" | "gad7" | "auditc";
export type ScaleItemId<S extends Scale> = Extract<Item, { readonly scale: S }>["id"];

function itemsOfScale<S extends Scale>(scale: S): readonly ScaleItemId<S>[] {
  return DEFINED_ITEMS.filter((i) => "scale" in i && i.scale === scale).map((i) => i.id as ScaleItemId<S>);
}

export const PHQ9_ITEMS = itemsOfScale("phq9");
export const GAD7_ITEMS = itemsOfScale("gad7");
export const AUDITC_ITEMS = itemsOfScale("auditc");

import type { ItemDef, QuestionnaireDef, ScaleId } from "./types";

/**
 * Items in the order they are shown, cut into runs so an instrument's stem can stand above its
 * items (the wizard, the review page, the therapist's page). Universal code.
 */
export interface ItemRun<T extends ItemDef = ItemDef> {
  /** Set when the run is the consecutive items of an instrument that has a stem. */
  readonly stem?: { readonly scale: ScaleId; readonly text: string };
  readonly items: readonly T[];
}

export function runsWithStems<T extends ItemDef>(stems: QuestionnaireDef["stems"], items: readonly T[]): ItemRun<T>[] {
  const runs: { stem?: ItemRun["stem"]; items: T[] }[] = [];
  for (const item of items) {
    const scale = item.type === "int" ? item.scale : undefined;
    const text = scale ? stems?.[scale] : undefined;
    const last = runs[runs.length - 1];
    const stem = scale && text ? { scale, text } : undefined;
    if (last && last.stem?.scale === stem?.scale) last.items.push(item);
    else runs.push({ ...(stem ? { stem } : {}), items: [item] });
  }
  return runs;
}

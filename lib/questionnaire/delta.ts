import type { ItemDef, OptionDef, QuestionnaireDef, SectionDef } from "./types";

/**
 * A later questionnaire version written as what changes from the one before it (intake-v2.md:
 * "a delta over v1, not a second copy"). Each added item appears once, here, with its branching,
 * options, risk order and labels; everything not named is the earlier version's, unchanged.
 */
export interface QuestionnaireDelta {
  readonly version: string;
  /** Why the version exists, for the generated docs. */
  readonly why: string;
  /** New items, each placed after an existing (or earlier-added) item of its section. */
  readonly items: readonly { readonly section: string; readonly after: string; readonly item: ItemDef }[];
  /** New options of an existing enum or multi item, placed before one of its options (or at the end). */
  readonly options: readonly { readonly item: string; readonly before?: string; readonly options: readonly OptionDef[] }[];
  /** Changes to an existing item's wording or tolerance (same id and options; never narrower than before). */
  readonly changes: readonly { readonly item: string; readonly why: string; readonly set: Partial<Pick<ItemDef, "label" | "help">> & { readonly acceptMonth?: boolean } }[];
  /** Changes to a field of an existing repeatable item. */
  readonly fieldChanges: readonly {
    readonly item: string;
    readonly field: string;
    readonly why: string;
    readonly set: { readonly optionalWhen: { readonly field: string; readonly in: readonly string[] } };
  }[];
}

export function applyDelta(base: QuestionnaireDef, delta: QuestionnaireDelta): QuestionnaireDef {
  const sections: SectionDef[] = base.sections.map((s) => ({ ...s, items: [...s.items] }));
  const find = (id: string) => {
    for (const section of sections) {
      const index = section.items.findIndex((i) => i.id === id);
      if (index >= 0) return { section, index };
    }
    throw new Error(`Questionnaire delta ${delta.version}: no item ${id}`);
  };
  for (const { section: sectionId, after, item } of delta.items) {
    const at = find(after);
    if (at.section.id !== sectionId) throw new Error(`Questionnaire delta ${delta.version}: ${after} is not in section ${sectionId}`);
    if (sections.some((s) => s.items.some((i) => i.id === item.id))) throw new Error(`Questionnaire delta ${delta.version}: ${item.id} exists already`);
    (at.section.items as ItemDef[]).splice(at.index + 1, 0, item);
  }
  for (const change of delta.options) {
    const at = find(change.item);
    const item = at.section.items[at.index]!;
    if (item.type !== "enum" && item.type !== "multi") throw new Error(`Questionnaire delta ${delta.version}: ${change.item} has no options`);
    const options = [...item.options];
    const before = change.before === undefined ? options.length : options.findIndex((o) => o.value === change.before);
    if (before < 0) throw new Error(`Questionnaire delta ${delta.version}: ${change.item} has no option ${change.before}`);
    options.splice(before, 0, ...change.options);
    (at.section.items as ItemDef[])[at.index] = { ...item, options };
  }
  for (const change of delta.changes) {
    const at = find(change.item);
    const item = at.section.items[at.index]!;
    if (change.set.acceptMonth && item.type !== "date") throw new Error(`Questionnaire delta ${delta.version}: ${change.item} is not a date`);
    (at.section.items as ItemDef[])[at.index] = { ...item, ...change.set } as ItemDef;
  }
  for (const change of delta.fieldChanges) {
    const at = find(change.item);
    const item = at.section.items[at.index]!;
    if (item.type !== "rows" || !item.fields.some((f) => f.id === change.field)) throw new Error(`Questionnaire delta ${delta.version}: ${change.item} has no field ${change.field}`);
    const fields = item.fields.map((f) => (f.id === change.field ? { ...f, ...change.set } : f));
    (at.section.items as ItemDef[])[at.index] = { ...item, fields };
  }
  return { ...base, version: delta.version, sections };
}

import type { Item, ItemId } from "./definition";

/** The static type of one item's stored value, derived from its definition. */
type OptionValues<O> = O extends readonly { readonly value: infer V }[] ? V : never;

type FieldValue<F> = F extends { readonly type: "enum"; readonly options: infer O }
  ? OptionValues<O>
  : F extends { readonly type: "int" | "num" }
    ? number
    : F extends { readonly type: "text" | "month" | "date" }
      ? string
      : never;

type RowOf<Fields> = Fields extends readonly (infer F)[]
  ? { [K in F extends { readonly id: infer Id extends string } ? Id : never]?: FieldValue<Extract<F, { readonly id: K }>> }
  : never;

export type ValueOf<I> = I extends { readonly type: "bool" }
  ? boolean
  : I extends { readonly type: "int" | "num" }
    ? number
    : I extends { readonly type: "enum"; readonly options: infer O }
      ? OptionValues<O>
      : I extends { readonly type: "multi"; readonly options: infer O }
        ? OptionValues<O>[]
        : I extends { readonly type: "text" | "date" | "month" }
          ? string
          : I extends { readonly type: "rows"; readonly fields: infer F }
            ? RowOf<F>[]
            : never;

export type ItemById<Id extends ItemId> = Extract<Item, { readonly id: Id }>;

/** Validated answers: every key is optional because hidden and unanswered items are absent. */
export type Answers = { [Id in ItemId]?: ValueOf<ItemById<Id>> };

/** The ids of the items of one type ("enum", "multi", …). */
export type ItemIdOfType<T extends Item["type"]> = Extract<Item, { readonly type: T }>["id"];

/** The option values of an enum or multi item, as literal types (never for other items). */
export type OptionOf<Id extends ItemId> = ItemById<Id> extends { readonly options: infer O } ? OptionValues<O> : never;

/** The ids of the fields of a rows item. */
export type RowFieldId<Id extends ItemId> = ItemById<Id> extends { readonly fields: readonly (infer F)[] } ? (F extends { readonly id: infer K extends string } ? K : never) : never;

/** The option values of one enum field of a rows item. */
export type RowFieldOptionOf<Id extends ItemId, K extends string> = ItemById<Id> extends { readonly fields: readonly (infer F)[] }
  ? F extends { readonly id: K; readonly options: infer O }
    ? OptionValues<O>
    : never
  : never;

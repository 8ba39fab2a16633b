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

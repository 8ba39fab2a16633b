/**
 * The shapes a questionnaire definition is written in. Universal code: it ships to the browser,
 * so it imports nothing server-side.
 *
 * Options are listed in display order; each carries a `risk` rank (0 = least concern, higher =
 * more concern for the clinician). Property tests of the assessment rely on these ranks.
 */

export type Condition =
  | { readonly item: string; readonly eq: string | number | boolean }
  | { readonly item: string; readonly in: readonly string[] }
  | { readonly item: string; readonly has: readonly string[] }
  | { readonly item: string; readonly gte: number }
  | { readonly item: string; readonly gt: number }
  | { readonly any: readonly Condition[] }
  | { readonly all: readonly Condition[] }
  | { readonly not: Condition };

export interface OptionDef {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
  readonly risk: number;
  /** Items whose answers bear on this option (the consultation questions: shown with each question chosen). */
  readonly relatedItems?: readonly string[];
}

export interface ChoiceDef {
  readonly value: number;
  readonly label: string;
}

interface ItemBase {
  readonly id: string;
  readonly label: string;
  readonly help?: string;
  readonly required: boolean;
  readonly shownIf?: Condition;
}

export interface BoolItem extends ItemBase {
  readonly type: "bool";
  readonly mustBeTrue?: boolean;
  /** What to say when a box that must be ticked is not (each consent says what it is for). */
  readonly mustBeTrueMessage?: string;
}
export interface IntItem extends ItemBase {
  readonly type: "int";
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
  /** Labelled answers (questionnaire scales); rendered as radios. */
  readonly choices?: readonly ChoiceDef[];
  /** The standard scale whose total this item counts toward. */
  readonly scale?: ScaleId;
}
export interface NumItem extends ItemBase {
  readonly type: "num";
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
  /** The form also accepts this imperial entry (feet and inches, or pounds), converted to `unit`. */
  readonly imperial?: "ftin" | "lb";
}
export interface EnumItem extends ItemBase {
  readonly type: "enum";
  readonly options: readonly OptionDef[];
}
export interface MultiItem extends ItemBase {
  readonly type: "multi";
  readonly options: readonly OptionDef[];
  readonly mayBeEmpty?: boolean;
}
export interface TextItem extends ItemBase {
  readonly type: "text";
  readonly maxLength: number;
  readonly format?: "email" | "phone";
  /** The HTML autocomplete token of the form's input ("off" where a browser's guess would be wrong). */
  readonly autocomplete?: string;
}
export interface DateItem extends ItemBase {
  readonly type: "date";
  /** "before": strictly before the reference date; "notAfter": on or before it. */
  readonly relativeToReference?: "before" | "notAfter";
  readonly minYear?: number;
  /** A birth date: the form's day, month and year inputs use the bday-* autocomplete tokens. */
  readonly autocomplete?: "bday";
  /** A month alone (YYYY-MM) is accepted too, for a person who remembers only the month. */
  readonly acceptMonth?: boolean;
}
export interface MonthItem extends ItemBase {
  readonly type: "month";
}

/**
 * A field inside a repeatable row. `onlyWhen` makes it required when true and forbidden otherwise;
 * `optionalWhen` makes a required field optional (and not asked) when true.
 */
export type FieldDef = (
  | Omit<EnumItem, "shownIf">
  | Omit<TextItem, "shownIf">
  | Omit<NumItem, "shownIf">
  | Omit<IntItem, "shownIf">
  | Omit<MonthItem, "shownIf">
) & {
  readonly onlyWhen?: { readonly field: string; readonly in: readonly string[] };
  readonly optionalWhen?: { readonly field: string; readonly in: readonly string[] };
};

export interface RowsItem extends ItemBase {
  readonly type: "rows";
  readonly minRows: number;
  readonly maxRows: number;
  readonly rowLabel: string;
  readonly fields: readonly FieldDef[];
}

export type ItemDef =
  | BoolItem
  | IntItem
  | NumItem
  | EnumItem
  | MultiItem
  | TextItem
  | DateItem
  | MonthItem
  | RowsItem;

export interface SectionDef {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly minutes: number;
  readonly items: readonly ItemDef[];
}

/** The standard instruments the questionnaire includes (items carry `scale`). */
export type ScaleId = "phq9" | "gad7" | "auditc";

export interface QuestionnaireDef {
  readonly id: string;
  readonly version: string;
  /** An instrument's own stem, shown verbatim above its items wherever they are asked or listed. */
  readonly stems?: Readonly<Partial<Record<ScaleId, string>>>;
  readonly sections: readonly SectionDef[];
}

/** A text item long enough to be asked in a text area (and exported as FHIR `text`, not `string`). */
export const isMultilineText = (item: { readonly maxLength: number }): boolean => item.maxLength >= 500;

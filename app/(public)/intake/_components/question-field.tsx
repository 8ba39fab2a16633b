"use client";

import type { ReactNode } from "react";
import type { ItemDef } from "@/lib/questionnaire/types";
import { labelText, type ErrorFor, type Form } from "./fields/field-helpers";
import { CheckboxField } from "./fields/checkbox-field";
import { ChoiceField } from "./fields/choice-field";
import { NumberInput } from "./fields/number-input";
import { TextInput } from "./fields/text-input";
import { MultiChoiceField } from "./fields/multi-choice-field";
import { DatePartsField } from "./fields/date-parts-field";
import { MeasureField } from "./fields/measure-field";
import { RowsField } from "./fields/rows-field";
import { DurationField } from "./fields/duration-field";
import { EPISODE_ITEM } from "@/lib/intake-wizard/units";

export type { ErrorFor } from "./fields/field-helpers";

/**
 * One question of the intake, rendered from its definition: a visible label or legend, hint text
 * under it, the error by the field, and inputs wired to them for screen readers.
 */

interface FieldProps {
  item: ItemDef;
  form: Form;
  errorFor: ErrorFor;
  /** Extra content under the field (e.g. the blood-pressure note). */
  after?: ReactNode;
  /** Which entry of a list is open for typing, as the server left it after a post without scripts. */
  openRows?: Readonly<Record<string, number | null>>;
}

export function QuestionField({ item, form, errorFor, after, openRows }: FieldProps) {
  switch (item.type) {
    case "bool":
      return <CheckboxField item={item} form={form} errorFor={errorFor} after={after} />;
    case "enum":
      return <ChoiceField item={item} form={form} errorFor={errorFor} after={after} />;
    case "int":
      if (item.id === EPISODE_ITEM.id) return <DurationField item={item} form={form} errorFor={errorFor} />;
      if (item.choices) return <ChoiceField item={{ ...item, choices: item.choices }} form={form} errorFor={errorFor} after={after} />;
      return <NumberInput path={item.id} def={item} form={form} error={errorFor(item.id)} after={after} />;
    case "num":
      if (item.imperial) return <MeasureField item={item} form={form} errorFor={errorFor} />;
      return <NumberInput path={item.id} def={item} form={form} error={errorFor(item.id)} after={after} />;
    case "text":
      return <TextInput path={item.id} def={item} form={form} error={errorFor(item.id)} />;
    case "multi":
      return <MultiChoiceField item={item} form={form} errorFor={errorFor} />;
    case "date":
    case "month":
      return (
        <DatePartsField
          path={item.id}
          label={labelText(item)}
          help={item.help}
          withDay={item.type === "date"}
          acceptMonth={item.type === "date" && item.acceptMonth === true}
          autocomplete={item.type === "date" ? item.autocomplete : undefined}
          form={form}
          error={errorFor(item.id)}
          legendClass=""
        />
      );
    case "rows":
      return <RowsField item={item} form={form} errorFor={errorFor} initialOpen={openRows?.[item.id]} />;
  }
}

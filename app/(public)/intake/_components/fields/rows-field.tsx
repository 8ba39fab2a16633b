"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import type { RowsItem } from "@/lib/questionnaire/types";
import { emptyRow, fieldDomId } from "@/lib/intake-wizard/form-values";
import { rowFieldShown } from "@/lib/intake-wizard/form-data";
import { describedBy, type ErrorFor, type Form } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";
import { RowInput } from "./row-input";

/** A repeatable list (medications, past treatments): one fieldset per row, add and remove, one spare row without scripts. */
export function RowsField({ item, form, errorFor }: { item: RowsItem; form: Form; errorFor: ErrorFor }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: item.id as never });
  const rows = (useWatch({ control: form.control, name: item.id }) as Record<string, unknown>[] | undefined) ?? [];
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const noun = item.rowLabel.toLowerCase();
  // After a removal, focus goes to the first field of the row that took its place (or the one before).
  const removeRow = (index: number) => {
    remove(index);
    const next = fieldDomId(`${item.id}.${Math.min(index, fields.length - 2)}.${item.fields[0]!.id}`);
    requestAnimationFrame(() => document.getElementById(next)?.focus());
  };
  return (
    <fieldset className={`form-group${error ? " form-group-error" : ""}`} aria-describedby={describedBy(base, !!item.help, !!error)}>
      <legend>{item.label}</legend>
      <Hint id={base} text={item.help} />
      <ErrorMessage id={base} text={error} />
      {fields.map((row, index) => (
        <fieldset className="row-entry" key={row.id}>
          <legend className="row-legend">
            {item.rowLabel} {index + 1}
          </legend>
          {item.fields
            .filter((f) => rowFieldShown(f, rows[index]))
            .map((f) => (
              <RowInput key={f.id} path={`${item.id}.${index}.${f.id}`} field={f} form={form} error={errorFor(`${item.id}.${index}.${f.id}`)} />
            ))}
          {fields.length > 1 && (
            <button type="button" className="button-secondary needs-js" onClick={() => removeRow(index)}>
              Remove {noun} {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      {fields.length < item.maxRows && (
        // Without scripts "Add" cannot add a row: one more blank row is there to fill instead.
        <noscript>
          <fieldset className="row-entry">
            <legend className="row-legend">
              {item.rowLabel} {fields.length + 1} (leave empty if there is no other)
            </legend>
            {item.fields
              .filter((f) => !f.onlyWhen)
              .map((f) => (
                <RowInput key={f.id} path={`${item.id}.${fields.length}.${f.id}`} field={f} form={form} />
              ))}
          </fieldset>
        </noscript>
      )}
      {fields.length < item.maxRows && (
        <button
          type="button"
          className="button-secondary needs-js"
          id={fields.length === 0 ? base : undefined}
          onClick={() => append(emptyRow(item.fields) as never)}
        >
          Add {fields.length === 0 ? "a" : "another"} {noun}
        </button>
      )}
    </fieldset>
  );
}

"use client";

import { useEffect, useState } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import type { FieldDef, RowsItem } from "@/lib/questionnaire/types";
import { fieldDomId, rowFieldShown } from "@/lib/intake-wizard/form-values";
import { applyRowAction, initialOpenRow, rowActionValue, rowSummary, type RowAction } from "@/lib/intake-wizard/rows";
import { describedBy, labelText, type ErrorFor, type Form } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";
import { RowInput } from "./row-input";

type Row = Record<string, unknown>;

/**
 * A list (medicines, past treatments) as an "add another" loop: one entry open for typing, the
 * entries added so far listed with Change and Remove, then "Add another" or Continue. Every button
 * posts `_rows` when scripts are off, and the server runs the same action (lib/intake-wizard/rows.ts).
 */
export function RowsField({ item, form, errorFor, initialOpen }: { item: RowsItem; form: Form; errorFor: ErrorFor; initialOpen?: number | null }) {
  const { fields, replace } = useFieldArray({ control: form.control, name: item.id as never });
  const rows = (useWatch({ control: form.control, name: item.id }) as Row[] | undefined) ?? [];
  const [open, setOpen] = useState<number | null>(() => (initialOpen !== undefined ? initialOpen : initialOpenRow((form.getValues(item.id) as Row[] | undefined) ?? [])));
  const [focusId, setFocusId] = useState<string | undefined>();
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const noun = item.rowLabel.toLowerCase();
  const countId = `${base}-count`;

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(undefined);
  }, [focusId]);

  const act = (action: RowAction) => {
    const current = ((form.getValues(item.id) as Row[] | undefined) ?? []).map((r) => ({ ...r }));
    const next = applyRowAction(item, current, open, action);
    replace(next.rows as never);
    setOpen(next.open);
    // Focus goes to the entry being typed, or after a save or a removal to the list's count.
    setFocusId(next.open !== null ? fieldDomId(`${item.id}.${next.open}.${item.fields[0]!.id}`) : countId);
  };
  const button = (action: RowAction, text: string, hidden: string, className = "button-secondary") => (
    <button
      type="submit"
      name="_rows"
      value={rowActionValue(item, action)}
      className={className}
      onClick={(e) => {
        e.preventDefault();
        act(action);
      }}
    >
      {text}
      {hidden && <span className="visually-hidden"> {hidden}</span>}
    </button>
  );

  const hasErrors = (i: number) => errorFor(`${item.id}.${i}`) !== undefined || item.fields.some((f) => errorFor(`${item.id}.${i}.${f.id}`) !== undefined);
  const isOpen = (i: number) => i === open || hasErrors(i);
  const added = fields.filter((_, i) => !isOpen(i)).length;

  return (
    <fieldset className={`form-group${error ? " form-group-error" : ""}`} aria-describedby={describedBy(base, !!item.help, !!error)}>
      <legend>{labelText(item)}</legend>
      <Hint id={base} text={item.help} />
      <ErrorMessage id={base} text={error} />
      <input type="hidden" name={`_open.${item.id}`} value={open ?? ""} />
      {added > 0 && (
        <p className="added-count" id={countId} tabIndex={-1}>
          You have added {added} {added === 1 ? noun : `${noun}s`}
        </p>
      )}
      {fields.map((key, index) => {
        const row = rows[index] ?? {};
        const title = `${item.rowLabel} ${index + 1}`;
        if (!isOpen(index)) {
          const { title: what, details } = rowSummary(item, row);
          const titleId = `${base}-${index}-title`;
          return (
            <div className="added-entry" role="group" aria-labelledby={titleId} key={key.id}>
              <p className="added-title" id={titleId}>
                <span className="visually-hidden">{title}: </span>
                <strong>{what}</strong>
              </p>
              {details.length > 0 && (
                <ul className="added-details">
                  {details.map((d) => (
                    <li key={d.label}>
                      {d.label}: {d.text}
                    </li>
                  ))}
                </ul>
              )}
              <div className="added-actions">
                {button({ kind: "change", index }, "Change", `${noun} ${index + 1}`, "link-button")}
                {button({ kind: "remove", index }, "Remove", `${noun} ${index + 1}`, "link-button")}
              </div>
              {/* Without scripts the entry's answers travel in the post as they are. */}
              <HiddenRow path={`${item.id}.${index}`} fields={item.fields} row={row} />
            </div>
          );
        }
        return (
          <fieldset className="row-entry" key={key.id}>
            <legend className="row-legend">{title}</legend>
            {item.fields
              .filter((f) => rowFieldShown(f, row))
              .map((f) => (
                <RowInput key={f.id} path={`${item.id}.${index}.${f.id}`} field={f} form={form} error={errorFor(`${item.id}.${index}.${f.id}`)} />
              ))}
            <div className="button-group">
              {button({ kind: "save" }, `Save ${noun} ${index + 1}`, "")}
              {fields.length > 1 && button({ kind: "remove", index }, `Remove ${noun} ${index + 1}`, "")}
            </div>
          </fieldset>
        );
      })}
      {fields.length < item.maxRows && button({ kind: "add" }, `Add ${fields.length === 0 ? "a" : "another"} ${noun}`, "")}
    </fieldset>
  );
}

function HiddenRow({ path, fields, row }: { path: string; fields: readonly FieldDef[]; row: Row }) {
  return (
    <>
      {fields
        .filter((f) => rowFieldShown(f, row))
        .flatMap((f) => {
          const v = row[f.id];
          if (f.type === "month") {
            const p = (v ?? {}) as Record<string, string>;
            return ["month", "year"].map((part) => <input key={`${f.id}.${part}`} type="hidden" name={`${path}.${f.id}.${part}`} value={p[part] ?? ""} />);
          }
          return [<input key={f.id} type="hidden" name={`${path}.${f.id}`} value={typeof v === "string" || typeof v === "number" ? String(v) : ""} />];
        })}
    </>
  );
}

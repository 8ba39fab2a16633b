"use client";

import type { ReactNode } from "react";
import { Controller, useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import type { FieldDef, ItemDef, OptionDef, RowsItem } from "@/lib/questionnaire/types";
import { emptyRow, fieldDomId, type FormValues } from "@/lib/intake-wizard/form-values";
import { rowFieldShown } from "@/lib/intake-wizard/form-data";

/**
 * One question of the intake, rendered from its definition: a visible label or legend, hint text
 * under it, the error by the field, and inputs wired to them for screen readers.
 */

type Form = UseFormReturn<FormValues>;
export type ErrorFor = (path: string) => string | undefined;

const EXCLUSIVE = ["none", "prefer_to_discuss"];

const AUTOCOMPLETE: Record<string, string> = {
  full_name: "name",
  preferred_name: "nickname",
  email: "email",
  phone: "tel",
  region: "address-level1",
  emergency_contact_phone: "off",
  emergency_contact_name: "off",
};

/**
 * The value a field starts with, written into the HTML as well: react-hook-form fills inputs only
 * once scripts run, and without JavaScript the page must show what was saved or just posted.
 */
function initial(form: Form, path: string): unknown {
  let value: unknown = form.formState.defaultValues;
  for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
const initialText = (form: Form, path: string) => {
  const v = initial(form, path);
  return typeof v === "string" ? v : undefined;
};
const initiallyChosen = (form: Form, path: string, value: string) => {
  const v = initial(form, path);
  return v !== null && v !== undefined && String(v) === value;
};

function describedBy(base: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint && `${base}-hint`, error && `${base}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <div className="hint" id={`${id}-hint`}>
      {text}
    </div>
  ) : null;
}

function ErrorMessage({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {text}
    </p>
  ) : null;
}

function widthClass(maxLength: number): string {
  if (maxLength <= 32) return "width-20";
  if (maxLength <= 60) return "width-30";
  return "width-full";
}

interface FieldProps {
  item: ItemDef;
  form: Form;
  errorFor: ErrorFor;
  /** Extra content under the field (e.g. the blood-pressure note). */
  after?: ReactNode;
}

export function QuestionField({ item, form, errorFor, after }: FieldProps) {
  if (item.id === "height_cm" || item.id === "weight_kg") return <MeasureField item={item} form={form} errorFor={errorFor} />;
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const groupClass = `form-group${error ? " form-group-error" : ""}`;
  switch (item.type) {
    case "bool":
      return (
        <div className={groupClass}>
          <ErrorMessage id={base} text={error} />
          <div className="checkbox">
            <input
              type="checkbox"
              id={base}
              aria-describedby={describedBy(base, !!item.help, !!error)}
              defaultChecked={initial(form, item.id) === true}
              {...form.register(item.id)}
            />
            <label htmlFor={base}>{item.label}</label>
          </div>
          <Hint id={base} text={item.help} />
          {after}
        </div>
      );
    case "enum":
    case "int":
      if (item.type === "enum" || item.choices) {
        const options = item.type === "enum" ? item.options : item.choices!.map((c) => ({ value: String(c.value), label: c.label }));
        return (
          <fieldset className={groupClass} aria-describedby={describedBy(base, !!item.help, !!error)}>
            <legend>{item.label}</legend>
            <Hint id={base} text={item.help} />
            <ErrorMessage id={base} text={error} />
            <div className={options.length <= 3 && options.every((o) => o.label.length < 16) ? "radios radios-inline" : "radios"}>
              {options.map((o, i) => {
                const id = i === 0 ? base : `${base}-${i}`;
                return (
                  <div className="radio" key={o.value}>
                    <input type="radio" id={id} value={String(o.value)} defaultChecked={initiallyChosen(form, item.id, String(o.value))} {...form.register(item.id)} />
                    <label htmlFor={id}>
                      {o.label}
                      {"hint" in o && o.hint && <span className="option-hint">{o.hint}</span>}
                    </label>
                  </div>
                );
              })}
            </div>
            {after}
          </fieldset>
        );
      }
      return <NumberInput path={item.id} def={item} form={form} error={error} after={after} />;
    case "num":
      return <NumberInput path={item.id} def={item} form={form} error={error} after={after} />;
    case "text":
      return <TextInput path={item.id} def={item} form={form} error={error} />;
    case "multi":
      return (
        <fieldset className={groupClass} aria-describedby={describedBy(base, !!item.help, !!error)}>
          <legend>{item.label}</legend>
          <Hint id={base} text={item.help ?? (item.mayBeEmpty ? "Choose any that apply, or none." : "Choose all that apply.")} />
          <ErrorMessage id={base} text={error} />
          <Controller
            name={item.id}
            control={form.control}
            render={({ field }) => {
              const chosen = (field.value as string[] | undefined) ?? [];
              const toggle = (value: string, checked: boolean) => {
                if (!checked) return field.onChange(chosen.filter((v) => v !== value));
                if (EXCLUSIVE.includes(value)) return field.onChange([value]);
                field.onChange([...chosen.filter((v) => !EXCLUSIVE.includes(v)), value]);
              };
              return (
                <div className="checkboxes">
                  {item.options.map((o: OptionDef, i) => {
                    const id = i === 0 ? base : `${base}-${i}`;
                    const firstExclusive = EXCLUSIVE.includes(o.value) && !EXCLUSIVE.includes(item.options[i - 1]?.value ?? "");
                    return (
                      <div key={o.value}>
                        {firstExclusive && i > 0 && <p className="checkbox-divider">or</p>}
                        <div className="checkbox">
                          <input
                            type="checkbox"
                            id={id}
                            name={item.id}
                            value={o.value}
                            checked={chosen.includes(o.value)}
                            onChange={(e) => toggle(o.value, e.target.checked)}
                            onBlur={field.onBlur}
                            ref={i === 0 ? field.ref : undefined}
                          />
                          <label htmlFor={id}>
                            {o.label}
                            {o.hint && <span className="option-hint">{o.hint}</span>}
                          </label>
                        </div>
                      </div>
                    );
                  })}
                </div>
              );
            }}
          />
        </fieldset>
      );
    case "date":
    case "month":
      return <DatePartsField path={item.id} label={item.label} help={item.help} withDay={item.type === "date"} form={form} error={error} legendClass="" />;
    case "rows":
      return <RowsField item={item} form={form} errorFor={errorFor} />;
  }
}

function TextInput({ path, def, form, error }: { path: string; def: { label: string; help?: string; maxLength: number; format?: string }; form: Form; error?: string }) {
  const base = fieldDomId(path);
  const multiline = def.maxLength >= 500;
  const common = {
    id: base,
    "aria-describedby": describedBy(base, !!def.help, !!error),
    "aria-invalid": error ? true : undefined,
    autoComplete: AUTOCOMPLETE[path],
    defaultValue: initialText(form, path),
    ...form.register(path),
  };
  return (
    <div className={`form-group${error ? " form-group-error" : ""}`}>
      <label className="label" htmlFor={base}>
        {def.label}
      </label>
      <Hint id={base} text={def.help} />
      <ErrorMessage id={base} text={error} />
      {multiline ? (
        <textarea rows={5} className="input width-full" {...common} />
      ) : (
        <input
          type={def.format === "email" ? "email" : def.format === "phone" ? "tel" : "text"}
          spellCheck={def.format ? false : undefined}
          className={`input ${widthClass(def.maxLength)}`}
          {...common}
        />
      )}
    </div>
  );
}

function NumberInput({
  path,
  def,
  form,
  error,
  after,
}: {
  path: string;
  def: { label: string; help?: string; unit?: string; type: string };
  form: Form;
  error?: string;
  after?: ReactNode;
}) {
  const base = fieldDomId(path);
  return (
    <div className={`form-group${error ? " form-group-error" : ""}`}>
      <label className="label" htmlFor={base}>
        {def.label}
      </label>
      <Hint id={base} text={def.help} />
      <ErrorMessage id={base} text={error} />
      <div className="input-with-unit">
        <input
          type="text"
          inputMode={def.type === "int" ? "numeric" : "decimal"}
          className="input width-5"
          id={base}
          aria-describedby={describedBy(base, !!def.help, !!error)}
          aria-invalid={error ? true : undefined}
          defaultValue={initialText(form, path)}
          {...form.register(path)}
        />
        {def.unit && <span className="unit">{def.unit}</span>}
      </div>
      {after}
    </div>
  );
}

function DatePartsField({
  path,
  label,
  help,
  withDay,
  form,
  error,
  legendClass,
}: {
  path: string;
  label: string;
  help?: string;
  withDay: boolean;
  form: Form;
  error?: string;
  legendClass: string;
}) {
  const base = fieldDomId(path);
  const parts = withDay ? (["day", "month", "year"] as const) : (["month", "year"] as const);
  const bday = path === "date_of_birth";
  const hint = help ?? (withDay ? "For example, 27 3 1985" : "For example, 3 2024");
  return (
    <fieldset className={`form-group${error ? " form-group-error" : ""}`} aria-describedby={describedBy(base, true, !!error)}>
      <legend className={legendClass}>{label}</legend>
      <Hint id={base} text={hint} />
      <ErrorMessage id={base} text={error} />
      <div className="date-input">
        {parts.map((part, i) => {
          const id = i === 0 ? base : `${base}-${part}`;
          return (
            <div className="date-input-item" key={part}>
              <label htmlFor={id}>{part[0]!.toUpperCase() + part.slice(1)}</label>
              <input
                id={id}
                className={`input ${part === "year" ? "width-4" : "width-2"}`}
                inputMode="numeric"
                aria-invalid={error ? true : undefined}
                autoComplete={bday ? `bday-${part}` : "off"}
                defaultValue={initialText(form, `${path}.${part}`)}
                {...form.register(`${path}.${part}`)}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function MeasureField({ item, form, errorFor }: { item: ItemDef; form: Form; errorFor: ErrorFor }) {
  const height = item.id === "height_cm";
  const unitPath = height ? "height_unit" : "weight_unit";
  const unit = useWatch({ control: form.control, name: unitPath }) as string;
  const metric = unit === (height ? "cm" : "kg");
  const base = fieldDomId(item.id);
  const errorPath = metric ? item.id : height ? "height_ft" : "weight_lb";
  const error = errorFor(errorPath);
  const unitIds = [`${base}-unit-metric`, `${base}-unit-imperial`];
  return (
    <fieldset className={`form-group${error ? " form-group-error" : ""}`}>
      <legend>{item.label}</legend>
      <fieldset className="units">
        <legend className="visually-hidden">Units for {item.label.toLowerCase()}</legend>
        <div className="radios radios-inline">
          {(height ? [["cm", "Centimetres"], ["ftin", "Feet and inches"]] : [["kg", "Kilograms"], ["lb", "Pounds"]]).map(([value, label], i) => (
            <div className="radio" key={value}>
              <input type="radio" id={unitIds[i]} value={value} defaultChecked={initiallyChosen(form, unitPath, value!)} {...form.register(unitPath)} />
              <label htmlFor={unitIds[i]}>{label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <ErrorMessage id={fieldDomId(errorPath)} text={error} />
      {metric ? (
        <div className="input-with-unit">
          <label className="visually-hidden" htmlFor={base}>
            {item.label} in {height ? "centimetres" : "kilograms"}
          </label>
          <input
            id={base}
            type="text"
            inputMode="decimal"
            className="input width-5"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${base}-error` : undefined}
            defaultValue={initialText(form, item.id)}
            {...form.register(item.id)}
          />
          <span className="unit" aria-hidden="true">
            {height ? "cm" : "kg"}
          </span>
        </div>
      ) : height ? (
        <div className="date-input">
          {(["ft", "in"] as const).map((part) => (
            <div className="date-input-item" key={part}>
              <label htmlFor={fieldDomId(`height_${part}`)}>{part === "ft" ? "Feet" : "Inches"}</label>
              <input
                id={fieldDomId(`height_${part}`)}
                type="text"
                inputMode="decimal"
                className="input width-3"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${fieldDomId("height_ft")}-error` : undefined}
                defaultValue={initialText(form, `height_${part}`)}
                {...form.register(`height_${part}`)}
              />
            </div>
          ))}
        </div>
      ) : (
        <div className="input-with-unit">
          <label className="visually-hidden" htmlFor={fieldDomId("weight_lb")}>
            Weight in pounds
          </label>
          <input
            id={fieldDomId("weight_lb")}
            type="text"
            inputMode="decimal"
            className="input width-5"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldDomId("weight_lb")}-error` : undefined}
            defaultValue={initialText(form, "weight_lb")}
            {...form.register("weight_lb")}
          />
          <span className="unit" aria-hidden="true">
            lb
          </span>
        </div>
      )}
    </fieldset>
  );
}

function RowsField({ item, form, errorFor }: { item: RowsItem; form: Form; errorFor: ErrorFor }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: item.id as never });
  const rows = (useWatch({ control: form.control, name: item.id }) as Record<string, unknown>[] | undefined) ?? [];
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const noun = item.rowLabel.toLowerCase();
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
            <button type="button" className="button-secondary needs-js" onClick={() => remove(index)}>
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

function RowInput({ path, field, form, error }: { path: string; field: FieldDef; form: Form; error?: string }) {
  const base = fieldDomId(path);
  switch (field.type) {
    case "enum":
      if (field.options.length <= 4)
        return (
          <fieldset className={`form-group${error ? " form-group-error" : ""}`} aria-describedby={describedBy(base, !!field.help, !!error)}>
            <legend>{field.label}</legend>
            <Hint id={base} text={field.help} />
            <ErrorMessage id={base} text={error} />
            <div className="radios">
              {field.options.map((o, i) => {
                const id = i === 0 ? base : `${base}-${i}`;
                return (
                  <div className="radio" key={o.value}>
                    <input type="radio" id={id} value={o.value} defaultChecked={initiallyChosen(form, path, o.value)} {...form.register(path)} />
                    <label htmlFor={id}>{o.label}</label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        );
      return (
        <div className={`form-group${error ? " form-group-error" : ""}`}>
          <label className="label" htmlFor={base}>
            {field.label}
          </label>
          <Hint id={base} text={field.help} />
          <ErrorMessage id={base} text={error} />
          <select className="select" id={base} aria-describedby={describedBy(base, !!field.help, !!error)} aria-invalid={error ? true : undefined} defaultValue={initialText(form, path) ?? ""} {...form.register(path)}>
            <option value="">Choose…</option>
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      );
    case "text":
      return <TextInput path={path} def={field} form={form} error={error} />;
    case "int":
    case "num":
      return <NumberInput path={path} def={field} form={form} error={error} />;
    case "month":
      return <DatePartsField path={path} label={field.label} help={field.help ? `${field.help}, for example 3 2024` : undefined} withDay={false} form={form} error={error} legendClass="" />;
  }
}

import type { FieldDef } from "@/lib/questionnaire/types";
import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { describedBy, initialText, initiallyChosen, type Form, labelText } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";
import { TextInput } from "./text-input";
import { NumberInput } from "./number-input";
import { DatePartsField } from "./date-parts-field";

/** One field of one row of a repeatable list. */
export function RowInput({ path, field, form, error }: { path: string; field: FieldDef; form: Form; error?: string }) {
  const base = fieldDomId(path);
  switch (field.type) {
    case "enum":
      if (field.options.length <= 4)
        return (
          <fieldset className={`form-group${error ? " form-group-error" : ""}`} aria-describedby={describedBy(base, !!field.help, !!error)}>
            <legend>{labelText(field)}</legend>
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
            {labelText(field)}
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
      return <DatePartsField path={path} label={labelText(field)} help={field.help ? `${field.help}, for example 3 2024` : undefined} withDay={false} form={form} error={error} legendClass="" />;
  }
}

import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { describedBy, initialText, type Form } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

/** A date (day, month, year) or a month (month, year) typed in separate boxes. */
export function DatePartsField({
  path,
  label,
  help,
  withDay,
  autocomplete,
  form,
  error,
  legendClass,
}: {
  path: string;
  label: string;
  help?: string;
  withDay: boolean;
  /** "bday": the inputs use the bday-day, bday-month and bday-year tokens. */
  autocomplete?: "bday";
  form: Form;
  error?: string;
  legendClass: string;
}) {
  const base = fieldDomId(path);
  const parts = withDay ? (["day", "month", "year"] as const) : (["month", "year"] as const);
  const bday = autocomplete === "bday";
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

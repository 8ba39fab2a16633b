import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { describedBy, initial, initialText, type Form } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

/** A date (day, month, year) or a month (month, year) typed in separate boxes. */
export function DatePartsField({
  path,
  label,
  help,
  withDay,
  autocomplete,
  acceptMonth = false,
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
  /** A month alone is an answer too: "I only know the month" hides the day (by CSS, so also without scripts). */
  acceptMonth?: boolean;
  form: Form;
  error?: string;
  legendClass: string;
}) {
  const base = fieldDomId(path);
  const parts = withDay ? (["day", "month", "year"] as const) : (["month", "year"] as const);
  const bday = autocomplete === "bday";
  const hint = help ?? (withDay ? `For example, 27 3 1985${acceptMonth ? ". If you only know the month, tick the box below and leave the day empty" : ""}` : "For example, 3 2024");
  return (
    <fieldset className={`form-group${error ? " form-group-error" : ""}`} aria-describedby={describedBy(base, true, !!error)}>
      <legend className={legendClass}>{label}</legend>
      <Hint id={base} text={hint} />
      <ErrorMessage id={base} text={error} />
      <div className="date-input">
        {parts.map((part, i) => {
          const id = i === 0 ? base : `${base}-${part}`;
          return (
            <div className={`date-input-item${part === "day" && acceptMonth ? " date-input-day" : ""}`} key={part}>
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
      {acceptMonth && (
        <div className="checkbox month-only">
          <input type="checkbox" id={`${base}-month-only`} defaultChecked={initial(form, `${path}.monthOnly`) === true} {...form.register(`${path}.monthOnly`)} />
          <label htmlFor={`${base}-month-only`}>I only know the month</label>
        </div>
      )}
    </fieldset>
  );
}

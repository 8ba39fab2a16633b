"use client";

import { useWatch } from "react-hook-form";
import type { IntItem } from "@/lib/questionnaire/types";
import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { monthsToWeeks, MONTHS_CONVERSION_HINT, weeksInWords } from "@/lib/intake-wizard/units";
import { describedBy, initialText, initiallyChosen, labelText, type ErrorFor, type Form } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

const UNIT_PATH = "current_episode_unit";

/**
 * A length of time typed in weeks or in months (the current episode): one number and the unit it
 * is in, so it works the same without scripts. Months are stored as weeks, and the page says how.
 */
export function DurationField({ item, form, errorFor }: { item: IntItem; form: Form; errorFor: ErrorFor }) {
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const unit = useWatch({ control: form.control, name: UNIT_PATH }) as string | undefined;
  const typed = useWatch({ control: form.control, name: item.id }) as string | undefined;
  const months = unit === "months" && typed && /^\d+([.,]\d+)?$/.test(typed.trim()) ? Number(typed.trim().replace(",", ".")) : undefined;
  const hint = [item.help, `You can answer in weeks or in months. ${MONTHS_CONVERSION_HINT}`].filter(Boolean).join(" ");
  return (
    <div className={`form-group${error ? " form-group-error" : ""}`}>
      <label className="label" htmlFor={base}>
        {labelText(item)}
      </label>
      <Hint id={base} text={hint} />
      <ErrorMessage id={base} text={error} />
      <div className="input-with-unit">
        <input
          type="text"
          inputMode="decimal"
          className="input width-5"
          id={base}
          aria-describedby={[describedBy(base, true, !!error), `${base}-converted`].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          defaultValue={initialText(form, item.id)}
          {...form.register(item.id)}
        />
        <fieldset className="units units-inline">
          <legend className="visually-hidden">Unit of that number</legend>
          <div className="radios radios-inline">
            {(["weeks", "months"] as const).map((value, i) => {
              const id = `${base}-unit${i === 0 ? "" : "-months"}`;
              return (
                <div className="radio" key={value}>
                  <input type="radio" id={id} value={value} defaultChecked={initiallyChosen(form, UNIT_PATH, value)} {...form.register(UNIT_PATH)} />
                  <label htmlFor={id}>{value === "weeks" ? "Weeks" : "Months"}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <p id={`${base}-converted`} className="hint" aria-live="polite">
        {months !== undefined ? weeksInWords(monthsToWeeks(months)) : ""}
      </p>
    </div>
  );
}

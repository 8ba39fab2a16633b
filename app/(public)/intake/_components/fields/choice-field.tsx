import type { ReactNode } from "react";
import type { ChoiceDef, EnumItem, IntItem } from "@/lib/questionnaire/types";
import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { describedBy, initiallyChosen, type ErrorFor, type Form, labelText } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

/** Radios for one answer out of a few: an enum's options, or a scale's labelled numbers. */
export function ChoiceField({
  item,
  form,
  errorFor,
  after,
}: {
  item: EnumItem | (IntItem & { choices: readonly ChoiceDef[] });
  form: Form;
  errorFor: ErrorFor;
  after?: ReactNode;
}) {
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const groupClass = `form-group${error ? " form-group-error" : ""}`;
  const options = item.type === "enum" ? item.options : item.choices.map((c) => ({ value: String(c.value), label: c.label }));
  return (
    <fieldset className={groupClass} aria-describedby={describedBy(base, !!item.help, !!error)}>
      <legend>{labelText(item)}</legend>
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

"use client";

import { Controller } from "react-hook-form";
import type { MultiItem, OptionDef } from "@/lib/questionnaire/types";
import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { EXCLUSIVE_OPTIONS } from "@/lib/questionnaire/item-schemas";
import { describedBy, type ErrorFor, type Form, labelText } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

/** Answers that stand alone (the schema's list): choosing one clears the others, choosing another clears it. */
const EXCLUSIVE: readonly string[] = EXCLUSIVE_OPTIONS;

/** Checkboxes for "choose all that apply", with "None", "I'm not sure" and "I'd rather discuss it" exclusive. */
export function MultiChoiceField({ item, form, errorFor }: { item: MultiItem; form: Form; errorFor: ErrorFor }) {
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const groupClass = `form-group${error ? " form-group-error" : ""}`;
  return (
      <fieldset className={groupClass} aria-describedby={describedBy(base, !!item.help, !!error)}>
        <legend>{labelText(item)}</legend>
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
}

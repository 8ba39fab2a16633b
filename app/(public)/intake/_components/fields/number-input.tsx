import type { ReactNode } from "react";
import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { describedBy, initialText, type Form, labelText } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

/** A number typed as text (so "1,75" can be explained rather than dropped), with its unit beside it. */
export function NumberInput({
  path,
  def,
  form,
  error,
  after,
}: {
  path: string;
  def: { label: string; required: boolean; help?: string; unit?: string; type: string };
  form: Form;
  error?: string;
  after?: ReactNode;
}) {
  const base = fieldDomId(path);
  return (
    <div className={`form-group${error ? " form-group-error" : ""}`}>
      <label className="label" htmlFor={base}>
        {labelText(def)}
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

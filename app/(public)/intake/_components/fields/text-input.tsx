import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { isMultilineText } from "@/lib/questionnaire/types";
import { describedBy, initialText, widthClass, type Form, labelText } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

/** A text question: one line, or a text area for long answers; the autocomplete token comes from the definition. */
export function TextInput({ path, def, form, error }: { path: string; def: { label: string; required: boolean; help?: string; maxLength: number; format?: string; autocomplete?: string }; form: Form; error?: string }) {
  const base = fieldDomId(path);
  const multiline = isMultilineText(def);
  const common = {
    id: base,
    "aria-describedby": describedBy(base, !!def.help, !!error),
    "aria-invalid": error ? true : undefined,
    autoComplete: def.autocomplete,
    defaultValue: initialText(form, path),
    ...form.register(path),
  };
  return (
    <div className={`form-group${error ? " form-group-error" : ""}`}>
      <label className="label" htmlFor={base}>
        {labelText(def)}
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

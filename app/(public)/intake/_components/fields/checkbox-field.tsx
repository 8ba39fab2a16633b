import type { ReactNode } from "react";
import type { BoolItem } from "@/lib/questionnaire/types";
import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { describedBy, initial, type ErrorFor, type Form } from "./field-helpers";
import { ErrorMessage } from "./error-message";
import { Hint } from "./hint";

/** One box to tick (the consents). */
export function CheckboxField({ item, form, errorFor, after }: { item: BoolItem; form: Form; errorFor: ErrorFor; after?: ReactNode }) {
  const base = fieldDomId(item.id);
  const error = errorFor(item.id);
  const groupClass = `form-group${error ? " form-group-error" : ""}`;
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
}

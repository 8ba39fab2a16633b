"use client";

import { useWatch } from "react-hook-form";
import type { NumItem } from "@/lib/questionnaire/types";
import { fieldDomId } from "@/lib/intake-wizard/form-values";
import { initialText, initiallyChosen, type ErrorFor, type Form, labelText } from "./field-helpers";
import { ErrorMessage } from "./error-message";

/** A height or weight that the definition lets a person enter in imperial units: a unit choice, then the inputs for it. */
export function MeasureField({ item, form, errorFor }: { item: NumItem; form: Form; errorFor: ErrorFor }) {
  const height = item.imperial === "ftin";
  const unitPath = height ? "height_unit" : "weight_unit";
  const unit = useWatch({ control: form.control, name: unitPath }) as string;
  const metric = unit === (height ? "cm" : "kg");
  const base = fieldDomId(item.id);
  const errorPath = metric ? item.id : height ? "height_ft" : "weight_lb";
  const error = errorFor(errorPath);
  const unitIds = [`${base}-unit-metric`, `${base}-unit-imperial`];
  return (
    <fieldset className={`form-group${error ? " form-group-error" : ""}`}>
      <legend>{labelText(item)}</legend>
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

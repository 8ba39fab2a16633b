"use client";

import type { Ref } from "react";
import { fieldDomId, type FieldIssue } from "@/lib/intake-wizard/form-values";

/** GOV.UK-style error summary: takes focus, is announced, and links to each field. */
export function ErrorSummary({ errors, ref }: { errors: FieldIssue[]; ref: Ref<HTMLDivElement> }) {
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            {e.field === "$" ? (
              e.message
            ) : (
              <a
                href={`#${fieldDomId(e.field)}`}
                onClick={(event) => {
                  // A whole list of entries has no input of its own: go to its first field.
                  const id = fieldDomId(e.field);
                  const target = document.getElementById(id) ?? document.querySelector<HTMLElement>(["input", "select", "textarea", "button"].map((tag) => `${tag}[id^="${id}-"]`).join(","));
                  if (!target) return;
                  event.preventDefault();
                  // The question's label or legend, its hint and its error in view, not only the input.
                  target.focus({ preventScroll: true });
                  (target.closest(".row-entry, fieldset, .form-group") ?? target).scrollIntoView({ block: "start" });
                }}
              >
                {e.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

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
                  target.focus();
                  (target.closest("fieldset") ?? target).scrollIntoView({ block: "start" });
                }}
              >
                {e.question && <span className="error-question">{e.question}: </span>}
                {e.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

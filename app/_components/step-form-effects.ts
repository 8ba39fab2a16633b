"use client";

import { useEffect, type RefObject } from "react";
import type { UseFormReturn } from "react-hook-form";
import { isItemShown } from "@/lib/questionnaire/progress";
import type { SectionDef } from "@/lib/questionnaire/types";
import { toFormValues, type FieldIssue, type FormValues } from "@/lib/intake-wizard/form-values";

/**
 * What every one-step-at-a-time form (the intake's pages, the client's check-in) does the same way:
 * a follow-up that hides clears its answer, so nothing hidden is ever saved; the heading takes focus
 * when the step opens; errors move focus to the summary and say "Error:" in the tab's title.
 */
export function useStepFormEffects({
  section,
  merged,
  form,
  errors,
  headingRef,
  summaryRef,
}: {
  section: SectionDef;
  merged: Readonly<Record<string, unknown>>;
  form: UseFormReturn<FormValues>;
  errors: readonly FieldIssue[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  useEffect(() => {
    for (const item of section.items) {
      if (isItemShown(item, merged)) continue;
      const empty = toFormValues({ ...section, items: [item] }, {})[item.id];
      if (JSON.stringify(form.getValues(item.id)) !== JSON.stringify(empty)) form.setValue(item.id, empty);
    }
  }, [merged, section, form]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [headingRef]);

  useEffect(() => {
    if (errors.length > 0) {
      summaryRef.current?.focus();
      document.title = `Error: ${document.title.replace(/^Error: /, "")}`;
    } else document.title = document.title.replace(/^Error: /, "");
  }, [errors, summaryRef]);
}

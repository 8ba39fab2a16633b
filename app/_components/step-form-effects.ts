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

  // The title is only written when it changes: writing it before the page's own <title> has
  // streamed in would create an empty one that hides it.
  useEffect(() => {
    const title = document.title;
    if (errors.length > 0) {
      summaryRef.current?.focus();
      if (!title.startsWith("Error: ")) document.title = `Error: ${title}`;
    } else if (title.startsWith("Error: ")) document.title = title.slice("Error: ".length);
  }, [errors, summaryRef]);
}

"use client";

import { useForm } from "react-hook-form";
import type { FormValues } from "@/lib/intake-wizard/form-values";
import { DatePartsField } from "@/app/(public)/intake/_components/fields/date-parts-field";
import { ErrorSummary } from "@/app/(public)/intake/_components/error-summary";

export type DateOfBirthProblem = { kind: "wrong"; triesLeft: number } | { kind: "invalid" };

const DOB_FIELD = "date_of_birth";

function messageOf(problem: DateOfBirthProblem): string {
  if (problem.kind === "invalid") return "Enter your date of birth as a day, a month and a year, for example 27 3 1985";
  return `The date of birth does not match the one the clinic has. You have ${problem.triesLeft} ${problem.triesLeft === 1 ? "try" : "tries"} left before this link closes.`;
}

/**
 * The date of birth in the intake's day/month/year boxes (bday-* autocomplete). A plain form post,
 * with or without JavaScript; the error summary takes focus when the page comes back with a problem.
 */
export function DateOfBirthForm({ action, clinicName, problem }: { action: string; clinicName: string; problem?: DateOfBirthProblem }) {
  const form = useForm<FormValues>({ defaultValues: { [DOB_FIELD]: { day: "", month: "", year: "" } } });
  const message = problem && messageOf(problem);
  return (
    <main id="main">
      <h1>Confirm your date of birth</h1>
      <p className="lead">Before the questions, please confirm it is you: enter your date of birth as you gave it to {clinicName}.</p>
      {message && <ErrorSummary ref={(el) => el?.focus()} errors={[{ field: DOB_FIELD, message }]} />}
      <form method="post" action={action} noValidate>
        <DatePartsField path={DOB_FIELD} label="Date of birth" withDay autocomplete="bday" form={form} error={message} legendClass="" />
        <div className="button-group">
          <button type="submit" className="button">
            Continue
          </button>
        </div>
      </form>
    </main>
  );
}

import type { CrisisNumbers } from "@/lib/config";
import type { CountryCode } from "@/lib/questionnaire/countries";
import { acuteRisksIn, callNow } from "@/lib/intake-wizard/acute-risk";
import type { StepId } from "@/lib/intake-wizard/steps";
import { CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { continueAfterInterruptionAction } from "../actions";

/**
 * The interruption page (GOV.UK interruption card) shown before the step after the safety step
 * when the person said they may act on thoughts of suicide or do not feel safe now. It says back
 * what they said, what to do now in their country's numbers, that nothing is lost, and lets them go on.
 */
export function InterruptionPage({
  answers,
  numbers,
  country,
  reviewWindow,
  step,
  returnToReview,
}: {
  answers: Readonly<Record<string, unknown>>;
  numbers: CrisisNumbers;
  country?: CountryCode;
  reviewWindow: string;
  step: StepId;
  returnToReview: boolean;
}) {
  const [first, ...more] = acuteRisksIn(answers);
  const now = callNow(numbers, country);
  return (
    <main id="main">
      <div className="interruption">
        {/* With a crisis line: "… — call or text 9-8-8 now."; without one, the country's emergency sentence follows. */}
        <h1>{now.line ? `${first} — ${now.text}.` : `${first}.`}</h1>
        {!now.line && <p>{now.text}</p>}
        {more.map((said) => (
          <p key={said}>{said}.</p>
        ))}
        {now.line && (
          <p>
            <a href={`tel:${now.line.number}`}>Call {now.line.display}</a>
            {now.line.sms && (
              <>
                {" "}or <a href={`sms:${now.line.number}`}>text {now.line.display}</a>
              </>
            )}
            .
          </p>
        )}
        <p>Your answers are saved. You can come back to the form later, when you are ready.</p>
        <form action={continueAfterInterruptionAction}>
          <input type="hidden" name="_step" value={step} />
          {returnToReview && <input type="hidden" name="_return" value="review" />}
          <button type="submit" className="button">
            Continue with the form
          </button>
        </form>
      </div>
      <CrisisNumbersPanel numbers={numbers} country={country} reviewWindow={reviewWindow} inForm />
    </main>
  );
}

import { questionnaire, sections } from "@/lib/questionnaire";
import { SectionAnswers } from "@/app/_components/section-answers";
import { cmToFeetInches, EPISODE_ITEM, HEIGHT_ITEM, kgToPounds, weeksToMonths, WEIGHT_ITEM } from "@/lib/intake-wizard/units";
import type { DraftState } from "@/lib/intake-wizard/drafts";
import { CrisisBanner, CrisisNumbersPanel } from "@/app/_components/crisis-numbers";
import { pagesOfSection, stepPath } from "@/lib/intake-wizard/steps";
import { isItemShown } from "@/lib/questionnaire/progress";
import { StepHeader } from "./step-header";
import { SubmitIntakeForm } from "./submit-intake-form";
import type { CrisisProps } from "./step-form";
import { countryOf } from "@/lib/questionnaire/countries";

/** "Check your answers": every answer by section, a Change link per section, then send. */
export function ReviewAnswers({
  answers,
  units,
  crisis,
  previousPath,
}: {
  answers: Record<string, unknown>;
  units: DraftState["units"];
  crisis: CrisisProps;
  previousPath: string;
}) {
  const country = countryOf(answers);
  return (
    <main id="main">
      {crisis.alreadyShown && <CrisisBanner numbers={crisis.numbers} country={country} reviewWindow={crisis.reviewWindow} />}
      <StepHeader stepId="review" title="Check your answers before sending" />
      <p className="lead">Read through your answers. You can change any section before you send them.</p>
      {/* A summary card per section (GOV.UK summary list): headed by the section, a Change link for
          each of its pages, stacked rows on a phone. */}
      {sections.map((section) => (
        <section key={section.id} className="review-section" aria-labelledby={`review-${section.id}`}>
          {pagesOfSection(section.id).map((page, index) => {
            const shown = page.items.some((item) => isItemShown(item, answers));
            const heading = index === 0 ? section.title : page.title;
            return (
              <div key={page.id} className="review-page">
                <div className="review-heading">
                  {index === 0 ? <h2 id={`review-${section.id}`}>{heading}</h2> : <h3>{heading}</h3>}
                  <a href={stepPath(page.id, true)}>
                    Change<span className="visually-hidden"> answers in {heading}</span>
                  </a>
                </div>
                {shown && <SectionAnswers section={page} stems={questionnaire.stems} answers={answers} suffix={(id, value) => extraUnits(id, value, units)} />}
              </div>
            );
          })}
        </section>
      ))}
      <h2>Now send your answers</h2>
      <p>
        By sending, you confirm the answers are correct to the best of your knowledge. The therapist reads intakes {crisis.reviewWindow}; this
        form is not monitored in real time.
      </p>
      <SubmitIntakeForm crisisPanel={<CrisisNumbersPanel numbers={crisis.numbers} country={country} reviewWindow={crisis.reviewWindow} />} />
      <p className="back-link-row">
        <a href={previousPath} className="back-link">
          Back
        </a>
      </p>
    </main>
  );
}

/** Shows the units the person typed in, beside the stored metric value. */
function extraUnits(id: string, value: unknown, units: DraftState["units"]): string {
  if (typeof value !== "number") return "";
  if (id === HEIGHT_ITEM.id && units.height === "ftin") {
    const { feet, inches } = cmToFeetInches(value);
    return ` (${feet} ft ${inches} in)`;
  }
  if (id === WEIGHT_ITEM.id && units.weight === "lb") return ` (${kgToPounds(value)} lb)`;
  if (id === EPISODE_ITEM.id && units.episode === "months") return ` (${weeksToMonths(value)} months, as you entered it)`;
  return "";
}

import { getConfig } from "@/lib/config";
import { questionnaire } from "@/lib/questionnaire";
import { OFF_LABEL } from "@/lib/treatment-info";
import { CrisisNumbersPanel } from "./crisis-numbers";
import { fewestQuestions, intakeMinutes, mostQuestions } from "@/lib/intake-wizard/estimate";
import { pagesOfSection } from "@/lib/intake-wizard/steps";

function questionRange(sectionId: string): string {
  const pages = pagesOfSection(sectionId);
  const [fewest, most] = [fewestQuestions(pages), mostQuestions(pages)];
  return fewest === most ? `${most} ${most === 1 ? "question" : "questions"}` : `${fewest} to ${most} questions`;
}

/** Counted from the questions a person sees (lib/intake-wizard/estimate.ts), not typed by hand. */
const estimate = intakeMinutes();

export function LandingPage() {
  const config = getConfig();
  return (
    <main id="main">
      <h1>Intake for ketamine-assisted therapy</h1>
      <p className="lead">
        For adults living with bipolar depression who are thinking about ketamine-assisted therapy. It takes about{" "}
        {estimate.fewest} to {estimate.most} minutes, depending on your answers.
      </p>

      <h2>What this is</h2>
      <p>
        Before your first consultation, this intake asks about your diagnosis, how you have been feeling, your
        medicines, your physical health and what you want to ask. It helps the therapist prepare.{" "}
        <strong>It does not decide anything by itself</strong>: you and the clinic decide together at the consultation.
      </p>

      <h2>Who reads your answers, and when</h2>
      <p>
        Only the psychotherapist who works with {config.clinicName}, and the clinic team involved in your care, read your
        answers. They read intakes {config.reviewWindow}. Your answers are stored encrypted.
      </p>

      <h2>What you should know about ketamine for bipolar depression</h2>
      <ul>
        <li>
          {OFF_LABEL.lead.before}
          <strong>{OFF_LABEL.lead.emphasis}</strong>
          {OFF_LABEL.lead.after}
        </li>
        {OFF_LABEL.more.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>

      <h2>Before you start</h2>
      <p>It helps to have to hand:</p>
      <ul>
        <li>the names and doses of the medicines you take;</li>
        <li>a recent blood-pressure reading, if you have one;</li>
        <li>the name and phone number of someone we can contact in an emergency.</li>
      </ul>
      <p>The sections are:</p>
      <ol>
        {questionnaire.sections.map((s) => (
          <li key={s.id}>
            {s.title} ({questionRange(s.id)})
          </li>
        ))}
      </ol>

      {/* A real button in a GET form: Space and Enter both start, with or without JavaScript. */}
      <form action="/intake" method="get">
        <button type="submit" className="button button-start">
          Start the intake
        </button>
      </form>
      <p>
        Read the <a href="/privacy">privacy notice</a> to see how your answers are kept.
      </p>

      <CrisisNumbersPanel numbers={config.crisisNumbers} reviewWindow={config.reviewWindow} />
    </main>
  );
}

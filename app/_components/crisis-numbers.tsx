import type { CrisisNumbers } from "@/lib/config";
import { COUNTRY_CODES, type CountryCode } from "@/lib/questionnaire/countries";
import { COUNTRY_HEADINGS } from "@/lib/intake-wizard/crisis-wording";

/** Crisis lines for one country (or all of them when the country is not known yet). */
export function CrisisNumbersPanel({
  numbers,
  country,
  reviewWindow,
  inForm = false,
}: {
  numbers: CrisisNumbers;
  country?: CountryCode;
  reviewWindow: string;
  /** Shown inside the intake form: say that the form can still be carried on with. */
  inForm?: boolean;
}) {
  const countries = country ? [{ key: country, name: "" }] : COUNTRY_CODES.map((key) => ({ key, name: COUNTRY_HEADINGS[key] }));
  return (
    <aside className="crisis" aria-labelledby="crisis-heading">
      <h2 id="crisis-heading">If you need help now</h2>
      {countries.map(({ key, name }) => (
        <div key={key}>
          {name && <p><strong>{name}</strong></p>}
          {numbers[key].lines.length > 0 && (
            <ul>
              {numbers[key].lines.map((line) => (
                <li key={line.number}>
                  {line.label}: <a href={`tel:${line.number}`}>call {line.display}</a>
                  {line.sms && (
                    <>
                      {" "}or <a href={`sms:${line.number}`}>text {line.display}</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p>{numbers[key].emergencyText}</p>
        </div>
      ))}
      <p>
        This form is not monitored in real time. The clinic reads intakes {reviewWindow}.
      </p>
      {inForm && <p>You can carry on with the form whenever you are ready.</p>}
    </aside>
  );
}

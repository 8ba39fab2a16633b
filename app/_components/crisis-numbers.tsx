import type { CrisisNumbers } from "@/lib/config";
import { COUNTRY_CODES, type CountryCode } from "@/lib/questionnaire/countries";
import { COUNTRY_HEADINGS } from "@/lib/intake-wizard/crisis-wording";
import { callNow } from "@/lib/intake-wizard/acute-risk";
import "./crisis.css";

/** Crisis lines for one country (or all of them when the country is not known yet). */
export function CrisisNumbersPanel({
  numbers,
  country,
  reviewWindow,
  inForm = false,
  embedded = false,
  notMonitored,
}: {
  numbers: CrisisNumbers;
  country?: CountryCode;
  reviewWindow: string;
  /** Shown inside the intake form: say that the form can still be carried on with. */
  inForm?: boolean;
  /** Inside the crisis banner's "More help": not a landmark of its own (the banner is one). */
  embedded?: boolean;
  /** Who reads what, and when, if not the intake's sentence (the check-in's pages say theirs). */
  notMonitored?: string;
}) {
  const Tag = embedded ? "div" : "aside";
  const countries = country ? [{ key: country, name: "" }] : COUNTRY_CODES.map((key) => ({ key, name: COUNTRY_HEADINGS[key] }));
  return (
    <Tag className="crisis" {...(embedded ? {} : { "aria-labelledby": "crisis-heading" })}>
      <h2 id={embedded ? undefined : "crisis-heading"}>If you need help now</h2>
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
      <p>{notMonitored ?? `This form is not monitored in real time. The clinic reads intakes ${reviewWindow}.`}</p>
      {inForm && <p>You can carry on with the form whenever you are ready.</p>}
    </Tag>
  );
}

/**
 * One line at the top of the steps after the crisis numbers were shown: the number as a link, and
 * "More help" that opens the full panel (a <details>, so it works without JavaScript). Two Tab
 * stops instead of every line's call and text links.
 */
export function CrisisBanner({ numbers, country, reviewWindow }: { numbers: CrisisNumbers; country?: CountryCode; reviewWindow: string }) {
  const now = callNow(numbers, country);
  return (
    <section className="crisis-banner" aria-label="Help now">
      <p className="crisis-banner-line">
        {now.line ? (
          <>
            Need help now? {now.line.sms ? "Call or text" : "Call"} <a href={`tel:${now.line.number}`}>{now.line.display}</a>
          </>
        ) : (
          now.text
        )}
      </p>
      <details className="crisis-banner-more">
        <summary>More help</summary>
        <CrisisNumbersPanel numbers={numbers} country={country} reviewWindow={reviewWindow} inForm embedded />
      </details>
    </section>
  );
}

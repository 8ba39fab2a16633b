import { SEVERITY_WORDING } from "@/lib/assessment";
import { Sources } from "../../../_components/sources";
import type { Flag } from "@/lib/course";
import { evidenceLines } from "@/lib/course-forms/flag-evidence";

/** A record's flags as the intake page shows considerations: severity, title, the answers behind it, its sources. */
export function CourseFlags({ flags, headingLevel = 4 }: { flags: readonly Flag[]; headingLevel?: 3 | 4 | 5 }) {
  if (flags.length === 0) return <p>No flags were raised.</p>;
  const Heading = `h${headingLevel}` as "h4";
  return (
    <ol className="considerations">
      {flags.map((f) => (
        <li key={f.id} className={`consideration severity-${f.severity}`}>
          <Heading>
            <span className="severity">{SEVERITY_WORDING[f.severity]}:</span> {f.title}
          </Heading>
          {f.evidence.length > 0 && (
            <dl className="evidence">
              {evidenceLines(f.evidence).map((e) => (
                <div key={e.item}>
                  <dt>{e.label}</dt>
                  <dd>{e.lines.join("; ")}</dd>
                </div>
              ))}
            </dl>
          )}
          {f.source && <Sources source={f.source} />}
        </li>
      ))}
    </ol>
  );
}

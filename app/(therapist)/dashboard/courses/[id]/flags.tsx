import { SEVERITY_WORDING } from "@/lib/assessment";
import { sourceRefs, SOURCES } from "@/lib/assessment-sources";
import type { Flag } from "@/lib/course";
import { evidenceLines } from "@/lib/course-forms/flag-evidence";

/** "Source: SPR, SEED", each code an abbreviation with its meaning (the visible key is SourceKey). */
function Sources({ source }: { source: string }) {
  return (
    <p className="source">
      Source:{" "}
      {sourceRefs(source).map((ref, i) => (
        <span key={ref.code}>
          {i > 0 && ", "}
          {ref.meaning ? <abbr title={ref.meaning}>{ref.code}</abbr> : ref.code}
        </span>
      ))}
    </p>
  );
}

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

/** The meanings of the source codes cited on the page, visible (a title attribute alone is not keyboard reachable). */
export function SourceKey({ flags }: { flags: readonly Flag[] }) {
  const cited = new Set(flags.flatMap((f) => sourceRefs(f.source).map((r) => r.code)));
  const shown = Object.entries(SOURCES).filter(([code]) => cited.has(code));
  if (shown.length === 0) return null;
  return (
    <div className="source-key">
      <h2 id="sources">Sources cited</h2>
      <dl>
        {shown.map(([code, meaning]) => (
          <div key={code}>
            <dt>{code}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

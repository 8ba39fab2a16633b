import { sourceRefs, SOURCES } from "@/lib/assessment-sources";

/** "Source: SPR, SEED", each code an abbreviation with its meaning (the visible key is SourceKey). */
export function Sources({ source }: { source: string }) {
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

/**
 * The meanings of the source codes cited on a page (considerations or course flags), visible: a
 * title attribute alone is not keyboard reachable. Renders nothing when no source is cited.
 */
export function SourceKey({ sources, headingLevel = 2 }: { sources: readonly (string | null | undefined)[]; headingLevel?: 2 | 3 }) {
  const cited = new Set(sources.flatMap((s) => (s ? sourceRefs(s).map((r) => r.code) : [])));
  const shown = Object.entries(SOURCES).filter(([code]) => cited.has(code));
  if (shown.length === 0) return null;
  const Heading = `h${headingLevel}` as "h2";
  return (
    <div className="source-key">
      <Heading id="sources">Sources cited</Heading>
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

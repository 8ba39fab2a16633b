import { SESSION_FIELDS } from "@/lib/course";
import type { SessionVersionView } from "@/lib/course-records";
import { formatAnswer } from "@/lib/questionnaire/format-answer";
import type { ItemDef } from "@/lib/questionnaire/types";
import { formatInstant } from "../../../_components/format";

/** A session record's fields in words (a rows-free definition: every field formats to one line). The course page and the correction page. */
export function SessionRecordList({ version }: { version: SessionVersionView }) {
  const record = version.record as Record<string, unknown>;
  return (
    <dl className="summary-list">
      {(SESSION_FIELDS as readonly ItemDef[])
        .filter((f) => record[f.id] !== undefined)
        .map((f) => (
          <div className="summary-row" key={f.id}>
            <dt>{f.label}</dt>
            <dd>
              {formatAnswer(f, record[f.id]).join("; ")}
              {f.id === "dose_mg" && ` (${version.mgPerKg} mg/kg)`}
            </dd>
          </div>
        ))}
    </dl>
  );
}

/** Who recorded (or corrected) a version, when, under which rule set, and why. */
export function Recorded({ version, timeZone }: { version: SessionVersionView; timeZone: string }) {
  return (
    <p className="note-meta">
      {version.correctionReason ? "Corrected" : "Recorded"} by {version.recordedByName ?? "a former account"}, {formatInstant(version.recordedAt, timeZone)} (version {version.version}, rule set {version.ruleSetVersion})
      {version.correctionReason && <>. Why: {version.correctionReason}</>}
    </p>
  );
}

import "server-only";
import { appendAuditEvents } from "@/db/repositories/audit-events";
import { getIntakeById } from "@/lib/intake/intake-record";
import { questionnaireFor } from "@/lib/questionnaire";
import { actorOf, type Reviewer } from "@/lib/review/reviewer";
import { logServerError } from "@/lib/server/log";
import { ANSWER_COLUMNS, answerRows } from "./answer-rows";
import { csvStream } from "./writer";

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** One intake's answers as CSV (its own questionnaire version's wording), audited as a download; undefined when there is no such intake. */
export async function exportIntakeAnswersCsv(intakeId: string, reviewer: Reviewer): Promise<{ body: ReadableStream<Uint8Array>; filename: string } | undefined> {
  const intake = await getIntakeById(intakeId);
  if (!intake) return undefined;
  const rows = answerRows(questionnaireFor(intake.questionnaireVersion), intake.answers as Record<string, unknown>);
  await appendAuditEvents([{ action: "intake.download", ...actorOf(reviewer), intakeId, detail: { document: "answers_csv", rows: rows.length } }]);
  // The reference is not a name: safe in a filename (as the PDFs').
  const filename = `intake-answers-${intake.reference.replace(/[^A-Z0-9-]/gi, "")}.csv`;
  return { body: csvStream(ANSWER_COLUMNS, each(rows), (error) => logServerError("csv.answers_export_failed", error)), filename };
}

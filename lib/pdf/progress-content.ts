import { SEVERITY_WORDING } from "@/lib/assessment";
import { sourceRefs, type SourceRef } from "@/lib/assessment-sources";
import { CHECKIN_ITEMS, SESSION_FIELDS, type CheckinAnswers, type EndReason, type Flag, type Outcome, type Phase, type SessionRecord } from "@/lib/course";
import { courseCharts, type ChartSize, type CourseCharts } from "@/lib/course-charts";
import { evidenceLines } from "@/lib/course-forms/flag-evidence";
import { END_REASON_WORDING, OUTCOME_WORDING, PHASE_WORDING } from "@/lib/course-forms/wording";
import { formatAnswer, formatDate } from "@/lib/questionnaire/format-answer";
import type { ItemDef } from "@/lib/questionnaire/types";
import { datesInWords, formatInstant, type LabelledAnswer } from "./pdf-content";

/**
 * What the course's progress summary PDF says, apart from how it looks (treatment-course.md,
 * "Outcomes"): the course facts, phases, outcome so far, a table of every session and check-in,
 * every flag with its evidence and source. Every answer is worded by the definitions (the session
 * record, the check-in), the flags as the course page words them. Universal and pure: the bench's
 * floor draws the same lines.
 */

/** Everything the progress summary needs; plain data, so it can cross to a worker thread. */
export interface ProgressSummaryInput {
  reference: string;
  clientName: string;
  clinicName: string;
  timeZone: string;
  generatedAt: string;
  course: {
    startedOn: string;
    phase: Phase;
    endReason: EndReason | null;
    plannedAcuteSessions: number;
    baselinePhq9: number;
    /** Where the baseline came from, in words ("the intake's PHQ-9, submitted 20 November 2026"). */
    baselineSource: string;
  };
  phaseChanges: { from: Phase; to: Phase; reason: EndReason | null; at: string; byName: string | null }[];
  outcome: { latestPhq9: number | null; changeFromBaseline: number | null; percentChange: number | null; outcome: Outcome; flags: Flag[]; ruleSetVersion: string };
  /** Oldest first; the latest version of each, with the corrections that led to it. */
  sessions: {
    record: SessionRecord;
    mgPerKg: string;
    flags: Flag[];
    ruleSetVersion: string;
    corrections: { version: number; at: string; byName: string | null; reason: string }[];
  }[];
  /** Oldest first. */
  checkins: { submittedAt: string; answers: CheckinAnswers; phq9: { total: number; band: string; item9: number }; flags: Flag[]; ruleSetVersion: string }[];
  /** The covering letter to the referring physician, when the therapist wrote one: it opens the PDF. */
  letter?: { addressee: string; paragraph: string; from: string };
}

export interface TableContent {
  headers: string[];
  /** Relative column widths. */
  widths: number[];
  rows: string[][];
}

interface ShownFlag {
  key: string;
  /** Which record raised it ("Session of 2 October 2026"). */
  where: string;
  heading: string;
  evidence: LabelledAnswer[];
  source?: string;
}

interface ProgressContent {
  facts: LabelledAnswer[];
  phases: string[];
  outcome: LabelledAnswer[];
  outcomeNote: string;
  sessions: TableContent;
  corrections: string[];
  checkins: TableContent;
  flags: ShownFlag[];
  sourcesKey: SourceRef[];
  /** The course page's three charts, sized for the PDF. */
  charts: CourseCharts;
}

/** A chart's size in PDF points: the left part of the text width, its data table to the right. */
export const PDF_CHART_SIZE: ChartSize = { width: 300, height: 170, margin: { top: 18, right: 10, bottom: 28, left: 34 } };

/** The charts' input from the PDF's records (ids only need to be distinct within the course). */
function chartsOf(input: ProgressSummaryInput): CourseCharts {
  const entries = [
    ...input.sessions.map((s, i) => ({ kind: "session" as const, sessionId: `s${i}`, date: s.record.session_date, current: { record: s.record } })),
    ...input.checkins.map((c, i) => ({ kind: "checkin" as const, id: `c${i}`, submittedAt: c.submittedAt, answers: c.answers, phq9: c.phq9 })),
  ];
  return courseCharts({ course: { startedOn: input.course.startedOn, baselinePhq9: input.course.baselinePhq9 }, entries }, { timeZone: input.timeZone, size: PDF_CHART_SIZE });
}

const SESSION_ITEMS = new Map<string, ItemDef>((SESSION_FIELDS as readonly ItemDef[]).map((f) => [f.id, f]));
const CHECKIN_ITEM = new Map<string, ItemDef>((CHECKIN_ITEMS as readonly ItemDef[]).map((i) => [i.id, i]));

/** A field's answer in the definition's words, one line ("Not answered" when absent). */
const word = (items: ReadonlyMap<string, ItemDef>, id: string, value: unknown) => formatAnswer(items.get(id)!, value).join("; ");

const bp = (record: Readonly<Record<string, unknown>>, prefix: string) =>
  record[`${prefix}_systolic`] === undefined ? "—" : `${String(record[`${prefix}_systolic`])}/${String(record[`${prefix}_diastolic`])}`;

const signed = (n: number) => `${n > 0 ? "+" : ""}${n}`;
const who = (name: string | null) => name ?? "a former account";

const sessionWhere = (record: SessionRecord) => `Session of ${formatDate(record.session_date)}`;
export const checkinWhere = (submittedAt: string, timeZone: string) => `Check-in of ${formatInstant(submittedAt, timeZone)}`;

export function progressContent(input: ProgressSummaryInput): ProgressContent {
  const { course, outcome, timeZone } = input;
  const when = (iso: string) => formatInstant(iso, timeZone);
  const facts: LabelledAnswer[] = [
    { label: "Started", lines: [formatDate(course.startedOn)] },
    { label: "Phase", lines: [`${PHASE_WORDING[course.phase]}${course.endReason ? ` (${END_REASON_WORDING[course.endReason]})` : ""}`] },
    { label: "Acute sessions planned", lines: [`${course.plannedAcuteSessions}; ${input.sessions.length} session${input.sessions.length === 1 ? "" : "s"} recorded in all`] },
    { label: "Baseline PHQ-9", lines: [`${course.baselinePhq9} of 27, from ${course.baselineSource}`] },
  ];
  const phases = [
    `${PHASE_WORDING.acute}, from ${formatDate(course.startedOn)}`,
    ...input.phaseChanges.map((p) => `${PHASE_WORDING[p.from]} to ${PHASE_WORDING[p.to]}${p.reason ? ` (${END_REASON_WORDING[p.reason]})` : ""}, ${when(p.at)}, by ${who(p.byName)}`),
  ];
  const latest = input.checkins.at(-1);
  const outcomeLines: LabelledAnswer[] = [
    { label: "Latest PHQ-9", lines: [outcome.latestPhq9 === null || !latest ? "No check-in yet" : `${outcome.latestPhq9} of 27 (${latest.phq9.band}), check-in of ${when(latest.submittedAt)}`] },
    {
      label: `Change from baseline (${course.baselinePhq9})`,
      lines: [outcome.changeFromBaseline === null ? "—" : `${signed(outcome.changeFromBaseline)}${outcome.percentChange === null ? "" : ` (${signed(outcome.percentChange)}%)`}`],
    },
    { label: "Outcome", lines: [OUTCOME_WORDING[outcome.outcome]] },
  ];

  const sessions: TableContent = {
    headers: ["Date", "Route", "Dose", "BP before", "BP 40 min", "BP discharge", "Dissociation", "Sedation", "Adverse events"],
    widths: [62, 56, 56, 40, 40, 46, 50, 44, 122],
    rows: input.sessions.map(({ record, mgPerKg, corrections }) => [
      `${formatDate(record.session_date)}${corrections.length > 0 ? " (corrected)" : ""}`,
      word(SESSION_ITEMS, "route", record.route),
      `${record.dose_mg} mg (${mgPerKg} mg/kg)`,
      bp(record, "bp_pre"),
      bp(record, "bp_40min"),
      bp(record, "bp_discharge"),
      word(SESSION_ITEMS, "dissociation", record.dissociation),
      word(SESSION_ITEMS, "sedation", record.sedation),
      word(SESSION_ITEMS, "adverse_events", record.adverse_events),
    ]),
  };
  const corrections = input.sessions.flatMap((s) =>
    s.corrections.map((c) => `${sessionWhere(s.record)}: corrected to version ${c.version} on ${when(c.at)} by ${who(c.byName)}. Why: ${c.reason.replace(/\s+/g, " ")}`),
  );
  const checkins: TableContent = {
    headers: ["Check-in", "PHQ-9", "Elevation symptoms (past week)", "Thoughts of ending life since the last session", "Side effects since the last session"],
    widths: [72, 62, 136, 76, 170],
    rows: input.checkins.map((c) => [
      when(c.submittedAt),
      `${c.phq9.total} (${c.phq9.band})`,
      word(CHECKIN_ITEM, "mania_symptoms_past_week", c.answers.mania_symptoms_past_week),
      word(CHECKIN_ITEM, "si_thoughts_since_last", c.answers.si_thoughts_since_last),
      word(CHECKIN_ITEM, "side_effects", c.answers.side_effects),
    ]),
  };

  const shown = (where: string, key: string, ruleSetVersion: string) => (f: Flag): ShownFlag => ({
    key: `${key}-${f.id}`,
    where: `${where} (rule set ${ruleSetVersion})`,
    heading: `${SEVERITY_WORDING[f.severity]}: ${datesInWords(f.title)}`,
    evidence: evidenceLines(f.evidence).map((e) => ({ label: e.label, lines: e.lines })),
    source: f.source ?? undefined,
  });
  const flags = [
    ...outcome.flags.map(shown("The course, computed now", "course", outcome.ruleSetVersion)),
    ...input.sessions.flatMap((s, i) => s.flags.map(shown(sessionWhere(s.record), `s${i}`, s.ruleSetVersion))),
    ...input.checkins.flatMap((c, i) => c.flags.map(shown(checkinWhere(c.submittedAt, timeZone), `c${i}`, c.ruleSetVersion))),
  ];
  const sourcesKey = [...new Map(flags.flatMap((f) => sourceRefs(f.source)).map((r) => [r.code, r])).values()];
  return {
    facts,
    phases,
    outcome: outcomeLines,
    outcomeNote: `Computed with course rule set ${outcome.ruleSetVersion} from the PHQ-9 totals of the check-ins: something to discuss, not a decision.`,
    sessions,
    corrections,
    checkins,
    flags,
    sourcesKey,
    charts: chartsOf(input),
  };
}

/** The covering paragraph as typed, one paragraph per blank-line-separated block (tabs have no glyph). */
export const letterParagraphs = (text: string) =>
  text
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

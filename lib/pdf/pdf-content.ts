import { forDisplay, judgeTrials, type Assessment, type Consideration, type Thresholds } from "@/lib/assessment";
import { CURRENT_VERSION, formatAnswer, formatDate, isItemShown, questionnaireFor, type ItemDef, type SectionDef } from "@/lib/questionnaire";
import { TRIAL_REASON_WORDING } from "@/lib/intake-summary";
import { cmToFeetInches, kgToPounds } from "@/lib/intake-wizard/units";
import { callCard, type CallCardLine } from "@/lib/intake-summary-call-card";
import { sourceRefs, type SourceRef } from "@/lib/assessment-sources";

/**
 * What the PDFs (and the therapist's intake page) say, decided apart from how they look: labelled
 * answers, the consultation questions with the considerations that bear on each, and the therapist
 * summary as plain blocks. Every function takes the intake's questionnaire version: a stored v1
 * intake is worded with the v1 definition. Universal and pure.
 */

export interface LabelledAnswer {
  label: string;
  lines: string[];
}

interface VersionIndex {
  readonly sections: readonly SectionDef[];
  readonly items: ReadonlyMap<string, ItemDef>;
}
const indexes = new Map<string, VersionIndex>();
function indexOf(version: string): VersionIndex {
  let index = indexes.get(version);
  if (!index) {
    const sections = questionnaireFor(version).sections as readonly SectionDef[];
    index = { sections, items: new Map(sections.flatMap((s) => s.items).map((i) => [i.id, i])) };
    indexes.set(version, index);
  }
  return index;
}

/** "Label: answer", or "Label? answer" when the label already ends in punctuation: the one join of both PDFs. */
export const labelSeparator = (label: string) => (/[?!.:]$/.test(label.trim()) ? " " : ": ");
export const joinLabel = (label: string, value: string) => `${label}${value.startsWith("\n") ? labelSeparator(label).trimEnd() : labelSeparator(label)}${value}`;

// ——— Answers in the PDFs' words ———

/**
 * Items printed as one line: the blood-pressure reading is asked as three questions but read as one
 * ("152/88 mmHg, 2 September 2026"), under its first item; the other two are never printed apart.
 */
const BP_ITEMS = ["bp_recent_systolic", "bp_recent_diastolic", "bp_recent_date"] as const;
const MERGED_INTO = new Map<string, string>(BP_ITEMS.slice(1).map((id) => [id, BP_ITEMS[0]]));
/** The item whose line shows this answer (itself, or the merged line it is part of). */
export const shownUnder = (id: string) => MERGED_INTO.get(id) ?? id;

function bloodPressure(items: ReadonlyMap<string, ItemDef>, answers: Readonly<Record<string, unknown>>): LabelledAnswer | undefined {
  const [sys, dia, date] = BP_ITEMS.map((id) => answers[id]);
  if (sys === undefined && dia === undefined && date === undefined) return undefined;
  const reading = `${sys ?? "?"}/${dia ?? "?"} mmHg`;
  // "Your most recent blood pressure: top number (systolic)" → "Your most recent blood pressure".
  const label = (items.get(BP_ITEMS[0])?.label ?? "Most recent blood pressure").split(":")[0]!;
  return { label, lines: [typeof date === "string" ? `${reading}, ${formatDate(date)}` : `${reading}, date not given`] };
}

/** Trial outcomes as the clinic records them (the options are worded for the client: "I stopped because of side effects"). */
const TRIAL_OUTCOME: Readonly<Record<string, string>> = {
  no_benefit: "did not help",
  partial: "helped a little",
  remission: "felt well again",
  stopped_side_effects: "stopped for side effects",
};
const TRIAL_DOSE: Readonly<Record<string, string>> = { yes: "target dose reached", no: "target dose not reached", unsure: "not sure the target dose was reached" };

/** A past trial as one row: "Lithium, 12 weeks, target dose reached, helped a little" (`withOutcome: false` leaves the outcome out). */
function trialRow(item: ItemDef | undefined, row: Record<string, unknown>, withOutcome = true): string {
  const name = rowValue(item, "treatment", row) + (typeof row.other_name === "string" && row.other_name ? ` (${row.other_name})` : "");
  const outcome = TRIAL_OUTCOME[String(row.outcome)] ?? lowerFirst(rowValue(item, "outcome", row));
  return [name, `${row.weeks} weeks`, TRIAL_DOSE[String(row.adequate_dose)], withOutcome ? outcome : undefined].filter(Boolean).join(", ");
}

/** A current medicine as one row: "Lamotrigine (Lamictal) 200 mg per day, since June 2025". */
function medicineRow(item: ItemDef | undefined, row: Record<string, unknown>): string {
  const name = typeof row.other_name === "string" && row.other_name ? row.other_name : rowValue(item, "name", row);
  const doseField = item?.type === "rows" ? item.fields.find((f) => f.id === "dose_mg_per_day") : undefined;
  const unit = doseField && "unit" in doseField && doseField.unit ? doseField.unit : "mg per day";
  const dose = typeof row.dose_mg_per_day === "number" ? ` ${row.dose_mg_per_day} ${unit}` : ", dose not given";
  const since = typeof row.started === "string" ? `, since ${formatDate(row.started)}` : "";
  return `${name}${dose}${since}`;
}

/** Height and weight in the stored metric unit and in imperial (the unit typed is not stored). */
function measure(item: ItemDef, value: unknown): string | undefined {
  if (item.type !== "num" || typeof value !== "number" || !("imperial" in item) || !item.imperial) return undefined;
  if (item.imperial === "lb") return `${value} kg (${Math.round(kgToPounds(value))} lb)`;
  const { feet, inches } = cmToFeetInches(value);
  const whole = Math.round(feet * 12 + inches);
  return `${value} cm (${Math.floor(whole / 12)} ft ${whole % 12} in)`;
}

/** An answer's lines in the PDFs: each row of a repeatable item as a readable line, measures in both units. */
function answerLines(item: ItemDef, value: unknown): string[] {
  if (value !== undefined && item.type === "rows") {
    const rows = value as Record<string, unknown>[];
    if (item.id === "past_treatment_trials") return rows.map((r) => trialRow(item, r));
    if (item.id === "current_mood_medications") return rows.map((r) => medicineRow(item, r));
    return rows.map((r) => item.fields.filter((f) => r[f.id] !== undefined).map((f) => joinLabel(f.label, rowValue(item, f.id, r))).join(", "));
  }
  return [measure(item, value) ?? formatAnswer(item, value)[0]!];
}

/** An item's answer as the PDFs show it; undefined when not shown, or when it is printed under another item (`shownUnder`). */
export function labelled(id: string, answers: Readonly<Record<string, unknown>>, version: string = CURRENT_VERSION): LabelledAnswer | undefined {
  const items = indexOf(version).items;
  const item = items.get(id);
  if (!item || !isItemShown(item, answers) || shownUnder(id) !== id) return undefined;
  if (id === BP_ITEMS[0]) return bloodPressure(items, answers);
  return { label: item.label, lines: answerLines(item, answers[id]) };
}

const present = (a: LabelledAnswer | undefined): a is LabelledAnswer => !!a;
const labelledAll = (ids: readonly string[], answers: Readonly<Record<string, unknown>>, version: string) =>
  ids.map((id) => labelled(id, answers, version)).filter(present);

export function evidenceLines(c: Consideration, version: string = CURRENT_VERSION): LabelledAnswer[] {
  const items = indexOf(version).items;
  return c.evidence.map((e) => {
    const item = items.get(e.item);
    return { label: item?.label ?? e.item, lines: item ? formatAnswer(item, e.answer) : [String(e.answer)] };
  });
}

export interface ConsultationQuestion {
  question: string;
  /** The items that bear on the question (listed on its option in the definition). */
  topics: readonly string[];
  answers: LabelledAnswer[];
  considerations: Consideration[];
}

export function consultationQuestions(
  answers: Readonly<Record<string, unknown>>,
  assessment?: Assessment,
  version: string = assessment?.questionnaireVersion ?? CURRENT_VERSION,
): ConsultationQuestion[] {
  const selected = Array.isArray(answers.questions_selected) ? (answers.questions_selected as string[]) : [];
  const item = indexOf(version).items.get("questions_selected") as Extract<ItemDef, { type: "multi" }>;
  return selected.map((value) => {
    const option = item.options.find((o) => o.value === value);
    const topics = option?.relatedItems ?? [];
    return {
      question: option?.label ?? value,
      topics,
      answers: labelledAll(topics, answers, version),
      considerations: assessment ? forDisplay(assessment.considerations).filter((c) => c.evidence.some((e) => topics.includes(e.item))) : [],
    };
  });
}

export interface AnswerSection {
  id: string;
  title: string;
  answers: LabelledAnswer[];
}

/**
 * Every visible question of every section of the intake's version, with its answer in words ("Not
 * answered" when optional and left empty), leaving out the items in `omit` (shown elsewhere).
 */
export function answersBySection(answers: Readonly<Record<string, unknown>>, version: string = CURRENT_VERSION, omit: ReadonlySet<string> = new Set()): AnswerSection[] {
  return indexOf(version)
    .sections.map((s) => ({
      id: s.id,
      title: s.title,
      answers: labelledAll(
        s.items.map((i) => i.id).filter((id) => !omit.has(id)),
        answers,
        version,
      ),
    }))
    .filter((s) => s.answers.length > 0);
}

/** One date style in both PDFs, the answers' own ("21 November 2026"), with the clinic's time of day. */
export function formatInstant(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${formatDate(`${parts.year}-${parts.month}-${parts.day}`)}, ${parts.hour}:${parts.minute}`;
}

// ——— The therapist summary's content ———

/** A rows answer's field in words (the option label, or the typed name for "other"). */
function rowValue(item: ItemDef | undefined, field: string, row: Record<string, unknown>): string {
  if (item?.type !== "rows") return String(row[field] ?? "");
  const def = item.fields.find((f) => f.id === field);
  const value = row[field];
  if (def?.type === "enum") return def.options.find((o) => o.value === value)?.label ?? String(value);
  return String(value ?? "");
}


/** "A psychiatrist" → "a psychiatrist" inside a sentence; "I'm not sure" keeps its capital. */
const lowerFirst = (s: string) => (/^I\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** ISO dates in generated wording (a rule's title) in the answers' own style: one date format in the PDF. */
export const datesInWords = (text: string) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDate(iso));

/** The items the snapshot line stands for (shown there, not again among the answers). */
export const SNAPSHOT_ITEMS = ["current_episode_weeks", "psychiatric_hospitalizations", "last_hospitalization", "weight_kg"] as const;

/**
 * The answers the call card shows (callCard(), the same lines as the intake page): printed there,
 * not again among the answers. PHQ-9 item 9 moves to the urgent box when there is one.
 */
export const CARD_ITEMS = [
  "phone",
  "ok_to_leave_message",
  "preferred_contact",
  "emergency_contact_name",
  "emergency_contact_phone",
  "bipolar_type",
  "diagnosed_by",
  "on_mood_medication",
  "current_mood_medications",
  "phq9_9",
] as const;

/** A call card line as a labelled answer: a phone number follows its line ("Marc Bélanger, 416-555-0199"). */
export const cardAnswer = (c: CallCardLine): LabelledAnswer => ({ label: c.label, lines: c.phone ? [[...c.lines, c.phone].join(", ")] : c.lines });

/**
 * The one-line clinical snapshot under the name: episode, hospital, weight (dosing is per kg). Type,
 * medicines and age are on the call card just below, so they are not said twice.
 */
export function snapshotLine(answers: Readonly<Record<string, unknown>>, version: string): string {
  const weeks = Number(answers.current_episode_weeks ?? 0);
  const episode = weeks === 0 ? "not low now" : `current episode ${weeks} week${weeks === 1 ? "" : "s"}`;
  const stays = { none: "never in hospital for mental health", one: "in hospital once", two_or_more: "in hospital 2 or more times" }[String(answers.psychiatric_hospitalizations)] ?? "hospital stays not given";
  const last = labelled("last_hospitalization", answers, version);
  const hospital = last && answers.last_hospitalization !== undefined ? `${stays}, the last ${lowerFirst(last.lines[0]!)}` : stays;
  return [episode, hospital, `${answers.weight_kg} kg`].join(" · ");
}

export interface TrialLine {
  text: string;
  counted: boolean;
}

/** TRBD trial by trial: each past trial on one line, counted toward TRBD or why not. */
export function trialLines(answers: Readonly<Record<string, unknown>>, thresholds: Thresholds, version: string): TrialLine[] {
  const item = indexOf(version).items.get("past_treatment_trials");
  const rows = answers.had_past_treatments === "yes" ? ((answers.past_treatment_trials as Record<string, unknown>[] | undefined) ?? []) : [];
  const judged = judgeTrials({ ...answers, past_treatment_trials: rows } as Parameters<typeof judgeTrials>[0], thresholds);
  return rows.map((row, i) => {
    const j = judged[i]!;
    // "Stopped for side effects" is both the outcome and the reason: said once, as the reason.
    const verdict = j.reason === "counted" ? "Counted" : `Not counted: ${TRIAL_REASON_WORDING[j.reason](j.minWeeks)}`;
    return { text: `${trialRow(item, row, j.reason !== "stopped_side_effects")} — ${verdict}`, counted: j.reason === "counted" };
  });
}

/** Answers the summary shows in its own blocks, each in one place. */
const OTHER_CONTACT_ITEMS = ["email", "family_doctor", "prescriber"] as const;
const MEDICINE_ITEMS = ["other_medications", "benzodiazepine_use", "medication_list", "drug_allergies"] as const;
const TRIAL_ITEMS = ["had_past_treatments", "past_treatment_trials"] as const;
/** PHQ-9 item 9 (thoughts of death or self-harm): a safety answer, though asked in the mood section. */
const SUICIDE_ITEM = "phq9_9";

export interface UrgentBox {
  /** The answers that raised the urgent considerations. */
  triggers: LabelledAnswer[];
  /** Every other safety-section answer the person was shown, and PHQ-9 item 9 when it did not trigger (the pertinent negatives). */
  safety: LabelledAnswer[];
}

/** A consideration as the summary shows it: each evidence answer in full once, else where it is. */
export interface ShownConsideration {
  id: string;
  severity: Consideration["severity"];
  title: string;
  rationale: string;
  /** The source codes as written on the rule ("SAN17, TKC"), explained in the sources key. */
  source?: string;
  evidence: LabelledAnswer[];
}

export interface SummaryContent {
  name: string;
  snapshot: string;
  /** Phone, message permission, emergency contact, age, bipolar type, mood medicines, PHQ-9 with item 9: on page 1 of every summary. */
  card: LabelledAnswer[];
  urgent?: UrgentBox;
  considerations: ShownConsideration[];
  /** Each source code the considerations cite, once, in order of first use, with its meaning. */
  sourcesKey: SourceRef[];
  trials: TrialLine[];
  /** When the trials were judged under other thresholds than the stored count, say so. */
  trialsNote?: string;
  questions: (ConsultationQuestion & { see: string[] })[];
  contact: LabelledAnswer[];
  medicines: LabelledAnswer[];
  own: LabelledAnswer[];
  rest: AnswerSection[];
}

export function summaryContent(input: {
  answers: Readonly<Record<string, unknown>>;
  assessment: Assessment;
  questionnaireVersion: string;
  trialThresholds: Thresholds;
}): SummaryContent {
  const { answers, assessment, questionnaireVersion: version } = input;
  const considerations = forDisplay(assessment.considerations);
  const urgentOnes = considerations.filter((c) => c.severity === "urgent_safety");
  // Where each answer is shown in full: in its block, or under the first consideration citing it.
  const home = new Map<string, string>([
    ...SNAPSHOT_ITEMS.map((id) => [id, "in the snapshot under the name"] as const),
    ...CARD_ITEMS.map((id) => [id, "on the call card"] as const),
    ...OTHER_CONTACT_ITEMS.map((id) => [id, "under contact details"] as const),
    ...MEDICINE_ITEMS.map((id) => [id, "under other medicines and allergies"] as const),
    ...TRIAL_ITEMS.map((id) => [id, "under past treatments, trial by trial"] as const),
    ...["questions_selected", "questions_other", "goals"].map((id) => [id, "under the client's questions"] as const),
    ...["full_name", "preferred_name"].map((id) => [id, "in the title"] as const),
    // The consent boxes are what the consent line at the end says.
    ...[...indexOf(version).items.values()].filter((i) => i.type === "bool" && i.mustBeTrue).map((i) => [i.id, "under consent"] as const),
  ]);
  let urgent: UrgentBox | undefined;
  if (urgentOnes.length > 0) {
    // The evidence of the urgent considerations, whatever section it is in (PHQ-9 item 9 is in the mood section).
    const triggerIds = [...new Set(urgentOnes.flatMap((c) => c.evidence.map((e) => shownUnder(e.item))))];
    // Every other safety answer, and PHQ-9 item 9 when it did not trigger: the pertinent negatives.
    const safetyIds = [SUICIDE_ITEM, ...indexOf(version).sections.find((s) => s.id === "safety")!.items.map((i) => i.id)].filter((id) => !triggerIds.includes(id));
    urgent = {
      triggers: labelledAll(triggerIds, answers, version),
      safety: labelledAll(safetyIds, answers, version),
    };
    for (const id of [...triggerIds, ...safetyIds]) home.set(id, "in the urgent box");
  }
  const items = indexOf(version).items;
  const shownConsiderations = considerations.map((c) => ({
    id: c.id,
    severity: c.severity,
    title: datesInWords(c.title),
    rationale: datesInWords(c.rationale),
    source: c.source ?? undefined,
    evidence: [...new Map(c.evidence.map((e) => [shownUnder(e.item), e])).entries()].map(([id, e]): LabelledAnswer => {
      const full = labelled(id, answers, version) ?? { label: items.get(id)?.label ?? id, lines: items.has(id) ? formatAnswer(items.get(id)!, e.answer) : [String(e.answer)] };
      const where = home.get(id);
      if (where) return { label: full.label, lines: [`(${where})`] };
      home.set(id, "as above");
      return full;
    }),
  }));
  const trials = trialLines(answers, input.trialThresholds, version);
  const sourcesKey = [...new Map(considerations.flatMap((c) => sourceRefs(c.source)).map((r) => [r.code, r])).values()];
  const counted = trials.filter((t) => t.counted).length;
  return {
    name: String(answers.full_name ?? "") + (answers.preferred_name ? ` (${String(answers.preferred_name)})` : ""),
    snapshot: snapshotLine(answers, version),
    card: callCard(answers, version, assessment).map(cardAnswer),
    urgent,
    considerations: shownConsiderations,
    sourcesKey,
    trials,
    trialsNote:
      counted === assessment.scores.adequate_failed_trials
        ? undefined
        : `Judged under today's thresholds; the stored assessment (rule set ${assessment.ruleSetVersion}) counted ${assessment.scores.adequate_failed_trials}.`,
    questions: consultationQuestions(answers, assessment, version).map((q) => ({
      ...q,
      considerations: q.considerations.map((c) => ({ ...c, title: datesInWords(c.title) })),
      see: sectionTitles(q.topics, version),
    })),
    contact: labelledAll(OTHER_CONTACT_ITEMS, answers, version),
    medicines: labelledAll(MEDICINE_ITEMS, answers, version),
    own: labelledAll(["questions_other", "goals"], answers, version),
    rest: answersBySection(answers, version, new Set(home.keys())),
  };
}

/** The sections holding these items, in questionnaire order. */
function sectionTitles(ids: readonly string[], version: string): string[] {
  return indexOf(version)
    .sections.filter((s) => s.items.some((i) => ids.includes(i.id)))
    .map((s) => s.title);
}

/** A labelled answer on one line of text ("Label: answer"; a many-line answer on its own lines). */
export const answerText = (a: LabelledAnswer) => joinLabel(a.label, a.lines.length > 1 ? `\n${a.lines.join("\n")}` : (a.lines[0] ?? ""));

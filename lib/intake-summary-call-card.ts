import type { Assessment } from "@/lib/assessment";
import { formatAnswer, isItemShown, questionnaireFor, type FieldDef, type ItemDef } from "@/lib/questionnaire";

/**
 * What a clinician needs to phone a client today, decided once for every surface (the therapist's
 * intake page now; the PDF's page 1 can use the same lines). Universal and pure. A stored intake is
 * read with the questions of its own version, never the current one.
 */

export interface CallCardLine {
  label: string;
  /** One line per value, in words. */
  lines: string[];
  /** A phone number, shown after the lines (a web page makes it a tel: link). */
  phone?: string;
}

function itemsOf(version: string): Map<string, ItemDef> {
  return new Map(questionnaireFor(version).sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);

function enumLabel(def: ItemDef | FieldDef | undefined, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (def?.type === "enum") return def.options.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

/** "Lithium, 900 mg per day" — each current mood medicine with its dose, or that none is taken. */
function moodMedicines(items: Map<string, ItemDef>, answers: Readonly<Record<string, unknown>>): string[] {
  if (answers.on_mood_medication === "no") return ["None: takes no mood stabilizer or antipsychotic"];
  const item = items.get("current_mood_medications");
  const rows = answers.current_mood_medications;
  if (item?.type !== "rows" || !Array.isArray(rows) || rows.length === 0) return ["Not answered"];
  const field = (id: string) => item.fields.find((f) => f.id === id);
  const doseUnit = field("dose_mg_per_day");
  return (rows as Record<string, unknown>[]).map((row) => {
    const other = text(row.other_name);
    const named = enumLabel(field("name"), row.name) ?? "Unnamed";
    const name = other ? `${named}: ${other}` : named;
    const dose = typeof row.dose_mg_per_day === "number" ? `${row.dose_mg_per_day} ${doseUnit?.type === "num" ? (doseUnit.unit ?? "") : ""}`.trim() : "dose not given";
    return `${name}, ${dose}`;
  });
}

/**
 * The call card: phone, whether a message may be left, the emergency contact, age, bipolar type
 * (and who diagnosed it), current mood medicines with doses, PHQ-9 total with item 9.
 */
export function callCard(answers: Readonly<Record<string, unknown>>, version: string, assessment?: Assessment): CallCardLine[] {
  const items = itemsOf(version);
  const answer = (id: string) => enumLabel(items.get(id), answers[id]) ?? "Not answered";
  const phone = text(answers.phone);
  const contactName = text(answers.emergency_contact_name);
  const contactPhone = text(answers.emergency_contact_phone);
  const item9 = items.get("phq9_9");
  const lines: CallCardLine[] = [
    { label: "Phone", lines: phone ? [] : ["Not given"], phone },
    { label: "May leave a message that mentions the clinic", lines: [answer("ok_to_leave_message")] },
    { label: "Prefers to be contacted by", lines: [answer("preferred_contact")] },
    { label: "Emergency contact", lines: [contactName ?? "Name not given", ...(contactPhone ? [] : ["Phone not given"])], phone: contactPhone },
    { label: "Age", lines: [assessment ? String(assessment.scores.age) : "Not assessed"] },
    { label: "Bipolar type", lines: [`${answer("bipolar_type")} (who diagnosed it: ${answer("diagnosed_by")})`] },
    { label: "Current mood medicines", lines: moodMedicines(items, answers) },
  ];
  if (assessment) {
    const { total, band } = assessment.scores.phq9;
    const said = item9 && answers.phq9_9 !== undefined ? formatAnswer(item9, answers.phq9_9)[0] : "Not answered";
    lines.push({ label: "PHQ-9", lines: [`${total} of 27 (${band.replace(/_/g, " ")})`, `Item 9, thoughts of death or self-harm: ${said}`] });
  }
  return lines;
}

export interface SafetyAnswer {
  itemId: string;
  label: string;
  lines: string[];
}

/** Each answer a consideration rests on, worded with the intake's own version. */
export function answersFor(evidence: readonly { item: string; answer: unknown }[], version: string): SafetyAnswer[] {
  const items = itemsOf(version);
  return evidence.map((e) => {
    const item = items.get(e.item);
    return { itemId: e.item, label: item?.label ?? e.item, lines: item ? formatAnswer(item, e.answer) : [String(e.answer)] };
  });
}

/**
 * Every safety-section question the intake's version asks and the person saw, with the answer:
 * the pertinent negatives beside the answers that raised an urgent consideration.
 */
export function safetySectionAnswers(answers: Readonly<Record<string, unknown>>, version: string): SafetyAnswer[] {
  const section = questionnaireFor(version).sections.find((s) => s.id === "safety");
  return (section?.items ?? [])
    .filter((i) => isItemShown(i, answers))
    .map((i) => ({ itemId: i.id, label: i.label, lines: formatAnswer(i, answers[i.id]) }));
}

/**
 * What the clinic tells a person about the treatment itself, worded once: the off-label statement
 * (the landing page and the client's copy of the PDF), and the default description of what
 * treatment involves (CLINIC_TREATMENT_DESCRIPTION overrides it). Universal and pure.
 */

/** The off-label statement; `emphasis` is the word the landing page sets in bold. */
export const OFF_LABEL = {
  lead: { before: "Using ketamine for bipolar depression is ", emphasis: "off-label", after: ": no ketamine product is approved for it." },
  more: [
    "The approved nasal spray, esketamine (Spravato), is approved for major depressive disorder, not for bipolar depression.",
    "The evidence in bipolar depression comes from small trials and clinic data.",
  ],
} as const;

/** The statement as plain sentences, one per point. */
export const OFF_LABEL_LINES: readonly string[] = [`${OFF_LABEL.lead.before}${OFF_LABEL.lead.emphasis}${OFF_LABEL.lead.after}`, ...OFF_LABEL.more];

/** The seed's description of a course; a clinic describes its own with CLINIC_TREATMENT_DESCRIPTION. */
export const DEFAULT_TREATMENT_DESCRIPTION = [
  "Ketamine is given through a drip into a vein (IV): 0.5 mg for each kg of your body weight, over 40 minutes.",
  "Sessions are 1–2 times a week; a course is usually 4–6 sessions.",
  "Someone must take you home after each session: you cannot drive or travel alone that day.",
  "Your blood pressure is checked before, during and after each session.",
].join("\n");

/** The description as paragraphs (one per line of the configured text). */
export const treatmentParagraphs = (description: string) =>
  description
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

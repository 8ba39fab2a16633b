import { z } from "zod";

/**
 * The covering letter of the progress summary PDF, as the course page's form posts it (never in an
 * address): an addressee and a short paragraph, both or neither. Universal: the form takes its
 * limits from here, the route validates with the schema.
 */

export const LETTER_ADDRESSEE_MAX_LENGTH = 200;
export const LETTER_PARAGRAPH_MAX_LENGTH = 2000;

const oneLine = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .max(max * 4, `Use ${max} characters or fewer`)
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max, `Use ${max} characters or fewer`));

/**
 * The letter's two fields as posted: both, or neither (the clinical-record summary). Each problem
 * names its field. Only what a form posts: unknown fields are refused.
 */
export const progressLetterSchema = z
  .strictObject({
    addressee: oneLine("The addressee", LETTER_ADDRESSEE_MAX_LENGTH).optional(),
    paragraph: z
      .string({ error: "The covering paragraph must be text" })
      .max(LETTER_PARAGRAPH_MAX_LENGTH * 4, `Use ${LETTER_PARAGRAPH_MAX_LENGTH} characters or fewer`)
      .transform((s) => s.replace(/\r\n?/g, "\n").trim())
      .pipe(z.string().max(LETTER_PARAGRAPH_MAX_LENGTH, `Use ${LETTER_PARAGRAPH_MAX_LENGTH} characters or fewer`))
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.addressee && !v.paragraph) ctx.addIssue({ code: "custom", path: ["paragraph"], message: "Write the covering paragraph, or leave the addressee empty for the clinical-record summary" });
    if (v.paragraph && !v.addressee) ctx.addIssue({ code: "custom", path: ["addressee"], message: "Enter who the letter is to, or leave the paragraph empty for the clinical-record summary" });
  })
  .transform((v) => (v.addressee && v.paragraph ? { addressee: v.addressee, paragraph: v.paragraph } : undefined));

export type ProgressLetter = z.output<typeof progressLetterSchema>;


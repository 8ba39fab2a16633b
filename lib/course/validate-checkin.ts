import { validateItems, type Issue } from "@/lib/questionnaire/parse-intake";
import type { ItemContext } from "@/lib/questionnaire/item-schemas";
import type { ItemDef } from "@/lib/questionnaire/types";
import { escapeForMessage } from "@/lib/questionnaire/text";
import { CHECKIN_ITEM_IDS, CHECKIN_ITEMS, HOME_BP_AS_INTAKE, type CheckinAnswers } from "./checkin-definition";
import { intakeItem } from "./intake-parts";

/**
 * Validates check-in answers with the intake's own item schemas and branching (validateItems), so
 * an error reads exactly as the intake's. The home-BP trio also gets the intake's cross-item rules
 * (both numbers or neither, systolic above diastolic, a date with a reading) by validating it under
 * the intake ids it was derived from and naming the check-in ids in the result.
 */

export interface CheckinAnswersResult {
  readonly answers: CheckinAnswers;
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

const KNOWN = new Set<string>(CHECKIN_ITEM_IDS);
const TO_INTAKE = Object.entries(HOME_BP_AS_INTAKE) as [keyof typeof HOME_BP_AS_INTAKE, (typeof HOME_BP_AS_INTAKE)[keyof typeof HOME_BP_AS_INTAKE]][];
const FROM_INTAKE: Record<string, string> = Object.fromEntries(TO_INTAKE.map(([checkin, intake]) => [intake, checkin]));
const BP_AS_INTAKE: readonly ItemDef[] = TO_INTAKE.map(([, intake]) => intakeItem(intake));

export function validateCheckinAnswers(raw: Readonly<Record<string, unknown>>, ctx: ItemContext): CheckinAnswersResult {
  const errors: Issue[] = [];
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key)) errors.push({ item: escapeForMessage(key) || '""', message: "Unknown item; it is not part of the check-in" });
  }
  const result = validateItems(CHECKIN_ITEMS, raw, {}, ctx);
  errors.push(...result.errors);

  const bp = validateItems(BP_AS_INTAKE, Object.fromEntries(TO_INTAKE.map(([checkin, intake]) => [intake, raw[checkin]])), {}, ctx);
  for (const problem of bp.errors) {
    const item = FROM_INTAKE[problem.item] ?? problem.item;
    if (!errors.some((e) => e.item === item)) errors.push({ item, message: problem.message });
  }
  return { answers: result.answers as CheckinAnswers, errors, warnings: result.warnings };
}

import { isQuestionnaireVersion, QUESTIONNAIRE_VERSIONS, type QuestionnaireVersion } from "@/lib/questionnaire/definition";
import { RULES_1, type Rule } from "./rules";
import { RULES_2 } from "./rule-set-2";
import { RULE_SET_1_THRESHOLDS, RULE_SET_2_THRESHOLDS, ruleSetVersionFor, threshold, type ThresholdName, type Thresholds } from "./thresholds";

/**
 * Each questionnaire version is assessed by its own rule set: version 1 by rule set 1 (kept exactly
 * as it was), version 2 by rule set 2. A stored assessment keeps the rule set it was made with.
 */
export interface RuleSet {
  /** "1", "2", or "<n>-custom-<hash>" when a clinic overrides thresholds. */
  readonly version: string;
  readonly questionnaireVersion: QuestionnaireVersion;
  readonly rules: readonly Rule[];
  readonly thresholds: Thresholds;
}

const DEFAULTS: Readonly<Record<QuestionnaireVersion, RuleSet>> = {
  "1": { version: "1", questionnaireVersion: "1", rules: RULES_1, thresholds: RULE_SET_1_THRESHOLDS },
  "2": { version: "2", questionnaireVersion: "2", rules: RULES_2, thresholds: RULE_SET_2_THRESHOLDS },
};

/** The default rule set for a questionnaire version. */
export function ruleSetFor(questionnaireVersion: string): RuleSet {
  if (!isQuestionnaireVersion(questionnaireVersion)) throw new Error(`No rule set for questionnaire version ${JSON.stringify(questionnaireVersion)}`);
  return DEFAULTS[questionnaireVersion];
}

/** Every threshold name some rule set uses (what ASSESSMENT_THRESHOLDS may name). */
export const THRESHOLD_NAMES: readonly ThresholdName[] = [
  ...new Set(QUESTIONNAIRE_VERSIONS.flatMap((v) => Object.keys(DEFAULTS[v].thresholds) as ThresholdName[])),
];

/** Each version's rule set with a clinic's overrides applied to the thresholds that set has. */
export function ruleSetsWith(
  overrides: Partial<Record<ThresholdName, number | undefined>>,
  sha256Hex: (text: string) => string,
): Record<QuestionnaireVersion, RuleSet> {
  const sets = {} as Record<QuestionnaireVersion, RuleSet>;
  for (const v of QUESTIONNAIRE_VERSIONS) {
    const base = DEFAULTS[v];
    const thresholds: Record<string, number | undefined> = { ...base.thresholds };
    for (const [name, value] of Object.entries(overrides)) if (value !== undefined && name in thresholds) thresholds[name] = value;
    sets[v] = { ...base, thresholds, version: ruleSetVersionFor(base.version, base.thresholds, thresholds, sha256Hex) };
  }
  return sets;
}

/** The rule set of a stored intake's questionnaire version, from a clinic's configured sets. */
export function ruleSetOf(sets: Readonly<Record<QuestionnaireVersion, RuleSet>>, questionnaireVersion: string): RuleSet {
  if (!isQuestionnaireVersion(questionnaireVersion)) throw new Error(`No rule set for questionnaire version ${JSON.stringify(questionnaireVersion)}`);
  return sets[questionnaireVersion];
}

/** The reading at which BP_SEVERE fires: the form's note to see a doctor soon uses the same numbers. */
export function severeBloodPressure(ruleSet: RuleSet): { systolic: number; diastolic: number } {
  return { systolic: threshold(ruleSet.thresholds, "bpSevereSystolic"), diastolic: threshold(ruleSet.thresholds, "bpSevereDiastolic") };
}

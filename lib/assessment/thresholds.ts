/** Named thresholds of each rule set. A clinic may override them; the version then records it. */
export const RULE_SET_1_THRESHOLDS = {
  bpSevereSystolic: 180,
  bpSevereDiastolic: 110,
  bpElevatedSystolic: 140,
  bpElevatedDiastolic: 90,
  bpReadingMaxAgeDays: 183,
  minimumAge: 18,
  olderAdultAge: 65,
  auditcPositiveMale: 4,
  auditcPositiveOther: 3,
  auditcHigh: 8,
  adequateTrialMinWeeks: 6,
  trbdAdequateTrials: 2,
  phq9SuicideItemUrgent: 2,
  phq9LowTotal: 5,
  phq9MixedFeaturesTotal: 10,
  maniaCurrentSymptoms: 4,
  mixedFeaturesSymptoms: 2,
} as const;

/** Rule set 2 (intake-v2.md): the mania screen counts mood and other symptoms apart; lamotrigine's trial is longer. */
const { maniaCurrentSymptoms: _mania, mixedFeaturesSymptoms: _mixed, ...KEPT_FROM_1 } = RULE_SET_1_THRESHOLDS;
export const RULE_SET_2_THRESHOLDS = {
  ...KEPT_FROM_1,
  maniaOtherSymptomsWithElevatedMood: 3,
  maniaOtherSymptomsWithIrritability: 4,
  mixedFeaturesNonOverlappingSymptoms: 3,
  adequateTrialMinWeeksLamotrigine: 8,
} as const;

export type ThresholdName = keyof typeof RULE_SET_1_THRESHOLDS | keyof typeof RULE_SET_2_THRESHOLDS;
/** The effective thresholds of one rule set: only the names that set uses. */
export type Thresholds = { readonly [K in ThresholdName]?: number };

/** A threshold the rule set must have (a rule naming one its set lacks is a definition error, caught by tests). */
export function threshold(thresholds: Thresholds, name: ThresholdName): number {
  const value = thresholds[name];
  if (value === undefined) throw new Error(`This rule set has no threshold ${name}`);
  return value;
}

/** Canonical JSON: keys sorted, no whitespace. */
export function canonicalJson(value: Readonly<Record<string, number | undefined>>): string {
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`)
    .join(",")}}`;
}

/**
 * The rule set version for effective thresholds: the base version ("1", "2") for the defaults,
 * otherwise base + "-custom-" + the first 8 hex digits of SHA-256 of their canonical JSON. The
 * hash function is passed in so this module stays free of runtime-specific imports.
 */
export function ruleSetVersionFor(
  base: string,
  defaults: Thresholds,
  thresholds: Thresholds,
  sha256Hex: (text: string) => string,
): string {
  const isDefault = (Object.keys(defaults) as ThresholdName[]).every((k) => thresholds[k] === defaults[k]);
  return isDefault ? base : `${base}-custom-${sha256Hex(canonicalJson(thresholds)).slice(0, 8)}`;
}

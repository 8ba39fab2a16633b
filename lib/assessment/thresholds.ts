/** Named thresholds of rule set 1. A clinic may override them; the version then records it. */
export const DEFAULT_THRESHOLDS = {
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

export type ThresholdName = keyof typeof DEFAULT_THRESHOLDS;
export type Thresholds = { readonly [K in ThresholdName]: number };

export const BASE_RULE_SET_VERSION = "1";

/** Canonical JSON: keys sorted, no whitespace. */
export function canonicalJson(value: Record<string, number>): string {
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`)
    .join(",")}}`;
}

/**
 * The rule set version for effective thresholds: "1" for the defaults, otherwise
 * "1-custom-" + the first 8 hex digits of SHA-256 of their canonical JSON. The hash function is
 * passed in so this module stays free of runtime-specific imports.
 */
export function ruleSetVersionFor(thresholds: Thresholds, sha256Hex: (text: string) => string): string {
  const isDefault = (Object.keys(DEFAULT_THRESHOLDS) as ThresholdName[]).every((k) => thresholds[k] === DEFAULT_THRESHOLDS[k]);
  return isDefault ? BASE_RULE_SET_VERSION : `${BASE_RULE_SET_VERSION}-custom-${sha256Hex(canonicalJson(thresholds)).slice(0, 8)}`;
}

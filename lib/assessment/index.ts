export { assess, forDisplay, compareConsiderations, DEFAULT_RULE_SET, SEVERITY_WORDING, type Assessment, type Consideration, type RuleSet } from "./engine";
export { TRIAGE_LEVELS, TRIAGES, TRIAGE_WORDING, TRIAGE_SHORT, TRIAGE_RANK, type Triage } from "./triage";
export { RULES, SEVERITIES, type Rule, type Severity } from "./rules";
export { DEFAULT_THRESHOLDS, ruleSetVersionFor, type Thresholds, type ThresholdName } from "./thresholds";
export { computeScores, ageOn, type Scores } from "./scores";

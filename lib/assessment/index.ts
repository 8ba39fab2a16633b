export { assess, forDisplay, compareConsiderations, DEFAULT_RULE_SET, TRIAGE_WORDING, SEVERITY_WORDING, type Assessment, type Consideration, type RuleSet, type Triage } from "./engine";
export { RULES, SEVERITIES, type Rule, type Severity } from "./rules";
export { DEFAULT_THRESHOLDS, ruleSetVersionFor, type Thresholds, type ThresholdName } from "./thresholds";
export { computeScores, ageOn, type Scores } from "./scores";

export { assess, forDisplay, compareConsiderations, SEVERITY_WORDING, type Assessment, type Consideration } from "./engine";
export { ruleSetFor, ruleSetOf, ruleSetsWith, severeBloodPressure, THRESHOLD_NAMES, type RuleSet } from "./rule-sets";
export { TRIAGE_LEVELS, TRIAGES, TRIAGE_WORDING, TRIAGE_SHORT, TRIAGE_RANK, type Triage } from "./triage";
export { RULES_1, SEVERITIES, type Rule, type Severity } from "./rules";
export { RULES_2, RULE_SET_2_CHANGES } from "./rule-set-2";
export { RULE_SET_1_THRESHOLDS, RULE_SET_2_THRESHOLDS, ruleSetVersionFor, type Thresholds, type ThresholdName } from "./thresholds";
export { computeScores, ageOn, judgeTrials, type Scores, type TrialJudgement, type TrialReason } from "./scores";

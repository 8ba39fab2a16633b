export {
  questionnaire,
  questionnaireFor,
  isQuestionnaireVersion,
  QUESTIONNAIRE_ID,
  QUESTIONNAIRE_VERSIONS,
  CURRENT_VERSION,
  type QuestionnaireVersion,
  type ItemId,
  type SectionId,
  type Item,
} from "./definition";
export type { Answers, ValueOf } from "./answers";
export type { Condition, ItemDef, SectionDef, OptionDef, FieldDef, QuestionnaireDef } from "./types";
export { evaluateCondition } from "./conditions";
export { itemSchema, isUnanswered, type ItemContext } from "./item-schemas";
export {
  parseIntake,
  validateAnswers,
  allItems,
  itemsOfVersion,
  HIDDEN_WARNING,
  type Issue,
  type ParsedIntake,
  type ParseResult,
  type ParseOptions,
  type SubmittedAtPolicy,
} from "./parse-intake";
export { validateItems } from "./parse-intake";
export {
  sections,
  sectionById,
  isSectionId,
  withoutHiddenAnswers,
  isItemShown,
  isSectionComplete,
  firstIncompleteSection,
} from "./progress";
export { formatAnswer, formatDate, formatValue } from "./format-answer";
export { runsWithStems, type ItemRun } from "./stems";

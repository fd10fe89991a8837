export * from './api';
export { JudgeEngine, submissionLimits, type JudgeEngineOptions } from './judge-engine';
export {
  LanguageRegistry,
  DEFAULT_LANGUAGES_FILE,
  languageRuntime,
  type LanguageDefinition,
  type ResolvedLanguage,
} from './languages/language-registry';
export { javaClassName } from './languages/java-class-name';
export { JudgeRequestError, ProblemFaultError, JudgeSystemError, faultOf, failedJudgement, type Fault } from './errors';
export { SUBMISSION_VERDICT, submissionVerdict, describeRun } from './verdict-mapping';
export { aggregate } from './grading';
export { defaultValidate, parseDefaultValidatorFlags } from './validators/default-validator';
export { verifyProblem, type VerifyOptions } from './verify';

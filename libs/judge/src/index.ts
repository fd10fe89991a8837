export * from './api';
export { JudgeEngine, type JudgeEngineOptions, type MeasuredTimeLimit } from './judge-engine';
export {
  DEFAULT_TIME_LIMIT_MS,
  compileLimits,
  compileRunLimits,
  testRunLimits,
  validatorRunLimits,
  interactiveRunLimits,
  interactorRunLimits,
  judgedWallTimeMs,
  compileWallTimeMs,
  needsDerivedTimeLimit,
  submissionBoxBytes,
  programRunLimits,
  RUN_COMPILE_LIMITS,
  runCompileLimits,
  DEFAULT_WALL_TIME,
  type CompileLimits,
  type TestRunOptions,
  type WallTimePolicy,
} from './limits';
export {
  LanguageRegistry,
  DEFAULT_LANGUAGES_FILE,
  languageRuntime,
  languageEditorMode,
  entryRule,
  disallowedCompilerOptions,
  type EntryRule,
  type LanguageDefinition,
  type ResolvedLanguage,
} from './languages/language-registry';
export { javaClassName } from './languages/java-class-name';
export { JudgeRequestError, ProblemFaultError, JudgeSystemError, faultOf, failedJudgement, type Fault } from './errors';
export { SUBMISSION_VERDICT, submissionVerdict, describeRun } from './verdict-mapping';
export { aggregate } from './grading';
export {
  runOnce,
  runVerdict,
  runOutcome,
  failedRun,
  cutText,
  combineRuns,
  ADDITIONAL_FILES_LIMITS,
  MAX_NUMBER_OF_RUNS,
  type RunOnceRequest,
} from './run-once';
export { defaultValidate, parseDefaultValidatorFlags } from './validators/default-validator';
export { verifyProblem, type VerifyOptions } from './verify';
export {
  CompileCache,
  compileCacheKey,
  type CachedCompile,
  type CompileCacheOptions,
  type CompileKeyParts,
} from './compile-cache';

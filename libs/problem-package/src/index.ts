export type * from './types';
export { PackageError, isPackageError, type PackageErrorCode } from './errors';
export {
  loadPackageHeader,
  loadProblemPackage,
  type LoadOptions,
  type LoadedPackage,
  type PackageHeader,
} from './load';
export { deriveTimeLimitMs, tleThresholdMs } from './time-limit';
export { allTestCases } from './testdata';
export { inScope, parseExpectedResults, verdictOfResultName } from './submissions';
export { languageId } from './problem-yaml';
export {
  addTestCase,
  countTestCases,
  formatTimeLimitFile,
  isWritableGroup,
  isWritableTestName,
  removeOutputValidators,
  removeTestCase,
  replaceTestCase,
  writeOutputValidator,
  writeProblemYaml,
  writeStatement,
  writeTestDataFolders,
  writeTimeLimitFile,
  updateProblemYaml,
  type PackageSettingsChange,
  type ProblemYamlSettings,
  type TestPlace,
} from './write';
export { readZipFiles, type ZipFileEntry, type ZipLimits } from './zip';
export { findStatementPdf, listStatementFiles, readStatementFile, type StatementFile } from './statement-files';

export type * from './types';
export { PackageError, isPackageError, type PackageErrorCode } from './errors';
export { loadProblemPackage, type LoadOptions, type LoadedPackage } from './load';
export { deriveTimeLimitMs, tleThresholdMs } from './time-limit';
export { allTestCases } from './testdata';
export { parseExpectedResults } from './submissions';

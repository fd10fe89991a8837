/**
 * Token-based similarity of programs, as MOSS measures it: each program becomes a stream of tokens that
 * renaming and reformatting do not change, the stream is fingerprinted by winnowing, and programs sharing
 * many fingerprints are reported with the regions they share (docs/plagiarism.md).
 */
export { tokenize, type Token } from './tokenizer';
export { comparisonGroup, type ProgramLanguage } from './families';
export { winnow, DEFAULT_WINNOW, type Fingerprint, type WinnowOptions } from './winnowing';
export {
  comparePrograms,
  compareTwo,
  DEFAULT_COMPARE,
  type CompareOptions,
  type MatchRegion,
  type PairMatch,
  type ProgramInput,
} from './compare';

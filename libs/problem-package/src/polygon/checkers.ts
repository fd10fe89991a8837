/**
 * testlib's standard checkers, as Polygon names them (`<checker name="std::wcmp.cpp">`), and the default output
 * validator's flags that judge the same way. Polygon ships a standard checker's source in the package
 * (`files/check.cpp`), and that source is what runs; this table is only for a package that names one without
 * shipping it. Checkers missing here (uncmp, caseicmp, ...) cannot be expressed by the default validator.
 */
export const STANDARD_CHECKER_FLAGS: Readonly<Record<string, readonly string[]>> = {
  // Sequences of tokens, compared exactly.
  'std::wcmp.cpp': ['case_sensitive'],
  // Sequences of integers (ncmp: signed 64-bit, hcmp: any length), written canonically in the answer.
  'std::ncmp.cpp': ['case_sensitive'],
  'std::hcmp.cpp': ['case_sensitive'],
  // Lines of tokens: the default validator compares the same tokens but does not hold line breaks.
  'std::lcmp.cpp': ['case_sensitive'],
  // Whole lines, exactly.
  'std::fcmp.cpp': ['case_sensitive', 'space_change_sensitive'],
  // Real numbers, absolute or relative error at most 1e-4, 1e-6, 1e-9.
  'std::rcmp4.cpp': ['float_tolerance', '1e-4'],
  'std::rcmp6.cpp': ['float_tolerance', '1e-6'],
  'std::rcmp9.cpp': ['float_tolerance', '1e-9'],
  // YES/NO answers, in any case.
  'std::yesno.cpp': [],
  'std::nyesno.cpp': [],
};

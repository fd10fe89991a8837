import type { ValidatorKind } from '@judge/problem-package';
import type { CheckerProtocol } from './checker-protocol';
import { kattisProtocol } from './kattis-protocol';
import { testlibProtocol } from './testlib-protocol';

/** The protocol a package's checker program speaks, by the kind the package loader found. */
const PROTOCOLS: Readonly<Record<ValidatorKind, CheckerProtocol>> = {
  kattis: kattisProtocol,
  testlib: testlibProtocol,
};

export function protocolFor(kind: ValidatorKind): CheckerProtocol {
  return PROTOCOLS[kind];
}

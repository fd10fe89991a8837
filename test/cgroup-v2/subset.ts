/**
 * The tests of the run and attack suites the cgroup v2 guest runs. Under software emulation a program runs
 * tens of times slower than on the host (more when the host is busy, as the guest's clock keeps going while
 * its CPUs wait), so tests whose outcome depends on a program finishing within a limit of a second or so
 * (an AC, a `status: 'ok'`: `echo hello` went over a 1 s CPU limit on a busy machine) fail there for no
 * fault of the sandbox. These are the ones whose outcome does not depend on speed, once guest-run.sh has
 * warmed the C compiler (the first compile read it over 9p and came back CE). On a quieter machine (load 5)
 * the whole of both suites ran in the guest in 4 minutes: 33 passed, and the 5 that failed all ended in a
 * time limit (MLE and AC came back TLE, `ok` came back cpu-time-limit). The guest's own checks
 * (cgroup-v2.guest.ts) use limits wide enough for the emulator and cover the v2 driver itself: memory with
 * swap on, CPU time, peak memory, what a run leaves behind.
 */
export const GUEST_SUBSET = [
  'the namespace engine a run reports a sandbox error, not a program failure, when the program cannot be started',
  'the namespace engine input and files refuses a link as stdin',
  'the namespace engine input and files a run can be aborted',
  'the namespace engine resource attacks fork bomb: stopped by the process limit and the CPU limit, host keeps its processes',
  'the namespace engine resource attacks output flood: OLE, and the judge keeps no more than the output limit',
  'the namespace engine resource attacks infinite loop: TLE on CPU time',
  'the namespace engine resource attacks two busy threads: CPU time counts both',
  'the namespace engine resource attacks #include </dev/random> at compile time: CE within the compile limits, never a hang',
];

/** The name pattern vitest runs in the guest: the subset above and every test of the guest's checks. */
export function guestTestNamePattern(): RegExp {
  const escaped = GUEST_SUBSET.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(the namespace engine under cgroup v2 .*|${escaped.join('|')})$`);
}

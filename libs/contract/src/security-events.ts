/**
 * What a run did that probes the sandbox, as the engines see it. Kept with the submission for staff, counted
 * per user, listed for admins: running strangers' code safely includes noticing who keeps trying.
 */
export const SECURITY_EVENT_KINDS = [
  /** A call the syscall filter refuses (the program got an errno), where the engine can tell. */
  'syscall-denied',
  /** The run reached its limit on processes and threads. */
  'process-limit',
  /** A fork bomb: killed at the process limit with its processes still multiplying. */
  'fork-bomb',
  /** A socket or connection attempt in a box that has no network. */
  'network-attempt',
  /** A mount, unshare or namespace call. */
  'mount-attempt',
  /** Output stopped at its limit. */
  'output-flood',
  /** A file grew past the file size limit. */
  'file-size-limit',
] as const;

export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** The test whose run it was (its name below `data/`), or null for compilation. */
  test: string | null;
  /** What exactly, for staff: the syscall's name, the limit reached. */
  detail: string;
  /** How many times it happened in that run (one event per kind and run). */
  count: number;
}

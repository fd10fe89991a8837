/**
 * The ICPC Contest API (CCS specification 2026-01, https://ccs-specs.icpc.io/2026-01/contest_api) as served under
 * /api/ccs (docs/api.md, "Contest API"): its objects as they travel, snake_case as the specification has them.
 * Times are TIME strings (ISO 8601 with milliseconds and zone), durations RELTIME strings (`h:mm:ss.uuu`).
 */

export const CCS_API_VERSION = '2026-01';

/** Who reads: staff see everything; anyone else what the public scoreboard shows. */
export type CcsAudience = 'admin' | 'public';

export interface CcsFileRef {
  href: string;
  filename: string;
  mime: string;
}

export interface CcsApiInfo {
  version: typeof CCS_API_VERSION;
  version_url: string;
  provider: { name: string; version?: string };
}

export interface CcsAccess {
  capabilities: string[];
  endpoints: { type: string; properties: string[] }[];
}

export interface CcsContest {
  id: string;
  name: string;
  formal_name: string;
  start_time: string | null;
  duration: string;
  scoreboard_freeze_duration: string | null;
  scoreboard_type: 'pass-fail' | 'score';
  penalty_time?: string;
}

export interface CcsState {
  started: string | null;
  frozen: string | null;
  ended: string | null;
  thawed: string | null;
  finalized: string | null;
  end_of_updates: string | null;
}

export interface CcsJudgementType {
  id: string;
  name: string;
  penalty: boolean;
  solved: boolean;
}

export interface CcsLanguage {
  id: string;
  name: string;
  entry_point_required: boolean;
  extensions: string[];
}

export interface CcsProblem {
  id: string;
  label: string;
  name: string;
  ordinal: number;
  rgb?: string;
  time_limit?: number;
  memory_limit: number;
  test_data_count: number;
  max_score?: number;
}

export interface CcsGroup {
  id: string;
  name: string;
}

export interface CcsOrganization {
  id: string;
  icpc_id: string | null;
  name: string;
  formal_name: string | null;
  country: string | null;
}

export interface CcsTeam {
  id: string;
  icpc_id: string | null;
  name: string;
  label: string;
  display_name: string | null;
  organization_id: string | null;
  group_ids: string[];
}

export interface CcsSubmission {
  id: string;
  language_id: string;
  problem_id: string;
  team_id: string;
  time: string;
  contest_time: string;
  entry_point: string | null;
  files: CcsFileRef[];
}

export interface CcsJudgement {
  id: string;
  submission_id: string;
  judgement_type_id: string | null;
  score?: number;
  start_time: string;
  start_contest_time: string;
  end_time: string | null;
  end_contest_time: string | null;
  max_run_time: number | null;
}

export interface CcsRun {
  id: string;
  judgement_id: string;
  ordinal: number;
  judgement_type_id: string;
  time: string;
  contest_time: string;
  run_time: number;
}

export interface CcsClarification {
  id: string;
  from_team_id: string | null;
  /** Null (left out): to every team. */
  to_team_ids?: string[];
  reply_to_id: string | null;
  problem_id: string | null;
  text: string;
  time: string;
  contest_time: string;
}

export interface CcsAward {
  id: string;
  citation: string;
  team_ids: string[];
}

export interface CcsScoreboardRow {
  rank: number;
  team_id: string;
  score: { num_solved: number; total_time: string; time: string | null } | { score: number; time: string | null };
  problems: ({ problem_id: string; num_judged: number; num_pending: number } & (
    { solved: boolean; time?: string } | { score: number; time?: string }
  ))[];
}

export interface CcsScoreboard {
  time: string;
  contest_time: string;
  state: CcsState;
  rows: CcsScoreboardRow[];
}

/** One line of the event feed; `token` resumes the feed after it (`?since_token=`). */
export interface CcsEvent {
  type: string;
  id: string | null;
  data: unknown;
  token: string;
}

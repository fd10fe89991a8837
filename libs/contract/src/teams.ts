/**
 * Teams and organisations of team contests (docs/contests.md, "Teams"): what travels over HTTP. A team belongs to
 * one contest; an organisation (affiliation) is shared by all.
 */

/** The most member accounts a team may have (the ICPC's three). */
export const TEAM_MAX_MEMBERS = 3;

export interface OrganizationView {
  id: string;
  /** Short name shown on the board ("KTH"). */
  name: string;
  formalName: string | null;
  /** ISO 3166-1 alpha-3 ("SWE"), as the CCS Contest API has it. */
  country: string | null;
  /** Its id in DOMjudge or the ICPC CMS (kept by import and export). */
  externalId: string | null;
}

/** Body of POST /api/organizations and PUT /api/organizations/:id. */
export interface OrganizationInput {
  name: string;
  formalName?: string | null;
  country?: string | null;
  externalId?: string | null;
}

export interface TeamMemberView {
  id: string;
  username: string;
  displayName: string | null;
}

export interface TeamView {
  id: string;
  contestId: string;
  name: string;
  organization: OrganizationView | null;
  /** Where it sits on site (for balloons and printouts). */
  location: string | null;
  externalId: string | null;
  members: TeamMemberView[];
}

/** Body of POST /api/contests/:id/teams and PUT /api/contests/:id/teams/:teamId. */
export interface TeamInput {
  name: string;
  organizationId?: string | null;
  location?: string | null;
  externalId?: string | null;
  /** Usernames, one to TEAM_MAX_MEMBERS; none may be on another team of the contest. */
  members: string[];
}

/** A board row's team (ScoreboardRow.team), in a team contest. */
export interface ScoreboardTeam {
  id: string;
  name: string;
  organization: { name: string; country: string | null } | null;
}

/** ISO 3166-1 alpha-3 as organisations keep it: three capital letters. */
export const COUNTRY_PATTERN = /^[A-Z]{3}$/;

/** A balloon colour as contest problems keep it: `#rrggbb`, lower case. */
export const COLOR_PATTERN = /^#[0-9a-f]{6}$/;

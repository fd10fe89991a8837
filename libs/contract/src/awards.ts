/**
 * Awards of a contest, as the closing ceremony gives them (docs/contests.md, "Reveal and awards"). Shaped like the
 * CCS Contest API's award object, so that the CCS API serves them as they are: ids `winner`, `gold-medal`,
 * `silver-medal`, `bronze-medal` and `first-to-solve-<label>`.
 */
export interface ContestAward {
  id: string;
  /** In English, as the CCS API carries it; the web UI names an award by its id. */
  citation: string;
  /** Board rows' `userId`: accounts, or in a team contest teams. */
  teamIds: string[];
}

/** How many medals of each kind a contest gives (ties at the last place of a medal all get it). */
export interface MedalCounts {
  gold: number;
  silver: number;
  bronze: number;
}

/** What a contest gives when its settings say nothing else (the ICPC World Finals' usual four each). */
export const DEFAULT_MEDALS: Readonly<MedalCounts> = { gold: 4, silver: 4, bronze: 4 };

/** The award ids of the medals, best first. */
export const MEDAL_AWARDS = ['gold-medal', 'silver-medal', 'bronze-medal'] as const;

/** The id of the award for the first to solve a problem, by its label. */
export const firstToSolveAward = (label: string) => `first-to-solve-${label}`;

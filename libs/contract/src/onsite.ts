/**
 * Balloons and printing (docs/contests.md, "Balloons and printing"): what travels over HTTP for an on-site contest's
 * runners and print desk.
 */

/** Which balloons GET /api/contests/:id/balloons lists (`?status=`). */
export const BALLOON_FILTERS = ['pending', 'done', 'all'] as const;
export type BalloonFilter = (typeof BALLOON_FILTERS)[number];

/** A balloon: the first solve of a problem by a team (in an individual contest, by an account). */
export interface BalloonView {
  /** The solving submission (the balloon's id in the routes). */
  submissionId: string;
  /** The team in a team contest, else null. */
  teamId: string | null;
  /** Who submitted it. */
  userId: string;
  /** The team's name, or the account's username in an individual contest. */
  name: string;
  /** Where the team sits (teams.location); null in an individual contest or when not set. */
  location: string | null;
  problemLabel: string;
  /** The problem's balloon colour, `#rrggbb`; null: none chosen. */
  color: string | null;
  /** The earliest solve of this problem in the contest (ties all marked). */
  firstToSolve: boolean;
  /** When the solving submission was made (ISO 8601). */
  submittedAt: string;
  done: boolean;
  /** Who marked it done (username), and when. */
  doneBy: string | null;
  doneAt: string | null;
}

export interface BalloonList {
  items: BalloonView[];
  /**
   * Balloons held back because they were solved during the freeze and the contest gives none then
   * (ContestView.balloonsDuringFreeze false); they appear once the board is unfrozen.
   */
  heldBack: number;
}

/** queued: waiting (or no print command is set); printed/failed: the print command's outcome; done: handed out. */
export const PRINT_STATUSES = ['queued', 'printed', 'failed', 'done'] as const;
export type PrintStatus = (typeof PRINT_STATUSES)[number];

/** The largest file a participant may send to print, in bytes of UTF-8. */
export const PRINT_MAX_BYTES = 256 * 1024;

/** Body of POST /api/contests/:id/prints. */
export interface PrintInput {
  /** Shown on the printout's header: letters, digits, `._-+ `, up to 128, not starting with `-` or `.`. */
  fileName: string;
  /** A language id, for the printout's highlighting (optional). */
  language?: string;
  /** The text to print, up to PRINT_MAX_BYTES (no NUL characters). */
  content: string;
}

export interface PrintView {
  id: string;
  userId: string;
  username: string;
  /** The sender's team in a team contest, with its name and location. */
  teamId: string | null;
  teamName: string | null;
  location: string | null;
  fileName: string;
  language: string | null;
  /** Size of the text in bytes. */
  bytes: number;
  status: PrintStatus;
  /** Why the print command failed (its stderr, cut), when `failed`. */
  error: string | null;
  createdAt: string;
  /** When the print command last succeeded. */
  printedAt: string | null;
  doneAt: string | null;
  doneBy: string | null;
}

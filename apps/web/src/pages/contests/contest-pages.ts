/** Every contest page, gathered so that they load as one chunk when a contest page is first opened. */
export { ClarificationsPage } from './clarifications-page';
export { EditContestPage, NewContestPage } from './contest-form-page';
export { ContestLayout } from './contest-layout';
export { ContestOverview } from './contest-overview';
export { ContestProblemPage } from './contest-problem-page';
export { ContestScoreboardPage } from './contest-scoreboard-page';
export { ContestSubmissionsPage } from './contest-submissions-page';
export { ContestsPage } from './contests-page';

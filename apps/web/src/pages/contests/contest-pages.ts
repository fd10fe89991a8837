/** Every contest page, gathered so that they load as one chunk when a contest page is first opened. */
export { BalloonsPage } from './balloons-page';
export { ClarificationsPage } from './clarifications-page';
export { EditContestPage, NewContestPage } from './contest-form-page';
export { ContestLayout } from './contest-layout';
export { ContestOverview } from './contest-overview';
export { ContestProblemPage } from './contest-problem-page';
export { ContestRevealPage } from './contest-reveal-page';
export { ContestScoreboardPage } from './contest-scoreboard-page';
export { ContestSubmissionsPage } from './contest-submissions-page';
export { ContestTeamsPage } from './contest-teams-page';
export { ContestsPage } from './contests-page';
export { UpsolvingPage, VirtualScoreboardPage } from './virtual-pages';
export { PrintPage, PrintsPage } from './prints-pages';

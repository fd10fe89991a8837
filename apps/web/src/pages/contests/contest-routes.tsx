import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { OPEN_TO_VISITORS } from '../../auth/require-auth';
import { Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n-provider';

type ContestPages = typeof import('./contest-pages');

function LoadingPage() {
  const t = useT();
  return <Loading what={t('contest.loadingPage')} />;
}

/** A contest page, loaded with the others the first time one is opened: none is in the first page load. */
function page(pick: (pages: ContestPages) => ComponentType) {
  const Page = lazy(() => import('./contest-pages').then((pages) => ({ default: pick(pages) })));
  return (
    <Suspense fallback={<LoadingPage />}>
      <Page />
    </Suspense>
  );
}

/**
 * For every signed-in user (the API decides who may see, take part in and manage which contest); the scoreboard
 * also for visitors without a session, at the same address (a public link, a projector).
 */
export const contestRoutes: RouteObject[] = [
  { path: 'contests', element: page((p) => p.ContestsPage) },
  {
    path: 'contests/:id',
    element: page((p) => p.ContestLayout),
    children: [
      { index: true, element: page((p) => p.ContestOverview) },
      { path: 'problems/:label', element: page((p) => p.ContestProblemPage) },
      { path: 'submissions', element: page((p) => p.ContestSubmissionsPage) },
      { path: 'clarifications', element: page((p) => p.ClarificationsPage) },
      { path: 'scoreboard', handle: OPEN_TO_VISITORS, element: page((p) => p.ContestScoreboardPage) },
      { path: 'virtual', element: page((p) => p.VirtualScoreboardPage) },
      { path: 'upsolving', element: page((p) => p.UpsolvingPage) },
      // Balloons and the print queue are staff's (the API refuses others); printing is the participants'.
      { path: 'balloons', element: page((p) => p.BalloonsPage) },
      { path: 'prints', element: page((p) => p.PrintsPage) },
      { path: 'print', element: page((p) => p.PrintPage) },
    ],
  },
];

/** For setters and admins. */
export const staffContestRoutes: RouteObject[] = [
  { path: 'contests/new', element: page((p) => p.NewContestPage) },
  { path: 'contests/:id/edit', element: page((p) => p.EditContestPage) },
  { path: 'contests/:id/teams', element: page((p) => p.ContestTeamsPage) },
  { path: 'contests/:id/reveal', element: page((p) => p.ContestRevealPage) },
];

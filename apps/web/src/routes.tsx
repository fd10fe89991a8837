import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/require-auth';
import { EditProblemPage } from './pages/admin/edit-problem-page';
import { ManageProblemPage } from './pages/admin/manage-problem-page';
import { NewProblemPage } from './pages/admin/new-problem-page';
import { RunnersPage } from './pages/admin/runners-page';
import { SecurityEventsPage } from './pages/admin/security-events-page';
import { UsersPage } from './pages/admin/users-page';
import { WebhooksPage } from './pages/admin/webhooks-page';
import { AuditPage } from './pages/admin/audit-page';
import { OrganizationsPage } from './pages/admin/organizations-page';
import { ContestImportPage } from './pages/admin/contest-import-page';
import { contestRoutes, staffContestRoutes } from './pages/contests/contest-routes';
import { courseRoutes, setterReviewRoutes } from './pages/courses/course-routes';
import { NotFoundPage, RouteErrorPage } from './pages/error-pages';
import { Layout } from './pages/layout';
import { LoginPage, RegisterPage } from './pages/login-page';
import { PlaygroundPage } from './pages/playground-page';
import { ProblemPage } from './pages/problem-page';
import { ProblemsPage } from './pages/problems-page';
import { ProfilePage } from './pages/profile-page';
import { SubmissionPage } from './pages/submission-page';
import { SubmissionsPage } from './pages/submissions-page';
import { TokensPage } from './pages/settings/tokens-page';

/** Every page of the UI; the API serves index.html for all of these paths. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/problems" replace /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'register', element: <RegisterPage /> },
          {
            element: <RequireAuth />,
            children: [
              { path: 'problems', element: <ProblemsPage /> },
              { path: 'problems/:id', element: <ProblemPage /> },
              { path: 'submissions', element: <SubmissionsPage /> },
              { path: 'submissions/:id', element: <SubmissionPage /> },
              { path: 'users/:username', element: <ProfilePage /> },
              { path: 'settings/tokens', element: <TokensPage /> },
              { path: 'playground', element: <PlaygroundPage /> },
              ...courseRoutes,
              // Their scoreboard opens without a session too (OPEN_TO_VISITORS), the rest redirects to log in.
              ...contestRoutes,
            ],
          },
          {
            element: <RequireAuth roles={['setter']} />,
            children: [
              { path: 'admin/submissions', element: <SubmissionsPage all /> },
              { path: 'admin/problems/new', element: <NewProblemPage /> },
              { path: 'admin/problems/:id', element: <ManageProblemPage /> },
              { path: 'admin/problems/:id/edit', element: <EditProblemPage /> },
              ...setterReviewRoutes,
              ...staffContestRoutes,
            ],
          },
          {
            element: <RequireAuth roles={['admin']} />,
            children: [
              { path: 'admin/users', element: <UsersPage /> },
              { path: 'admin/security-events', element: <SecurityEventsPage /> },
              { path: 'admin/webhooks', element: <WebhooksPage /> },
              { path: 'admin/runners', element: <RunnersPage /> },
              { path: 'admin/audit', element: <AuditPage /> },
              { path: 'admin/organizations', element: <OrganizationsPage /> },
              { path: 'admin/contests/import', element: <ContestImportPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

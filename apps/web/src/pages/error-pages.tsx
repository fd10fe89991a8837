import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ErrorMessage } from '../components/error-message';

export function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <Link to="/problems">Go to the problems.</Link>
      </p>
    </div>
  );
}

/** What a page that failed while rendering shows instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="page">
      <h1>Something went wrong</h1>
      <ErrorMessage error={isRouteErrorResponse(error) ? new Error(error.statusText) : error} />
      <p>
        <Link to="/problems">Go to the problems</Link> or reload the page.
      </p>
    </div>
  );
}

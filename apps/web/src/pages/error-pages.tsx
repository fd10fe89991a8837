import { FormattedMessage } from 'react-intl';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { useT } from '../i18n/i18n-provider';

export function NotFoundPage() {
  const t = useT();
  return (
    <div className="page">
      <h1>{t('errors.notFound.title')}</h1>
      <p>
        <FormattedMessage
          id="errors.notFound.text"
          values={{ link: (chunks) => <Link to="/problems">{chunks}</Link> }}
        />
      </p>
    </div>
  );
}

/** What a page that failed while rendering shows instead of a blank screen. */
export function RouteErrorPage() {
  const t = useT();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="page">
      <h1>{t('errors.crashed.title')}</h1>
      <ErrorMessage error={isRouteErrorResponse(error) ? new Error(error.statusText) : error} />
      <p>
        <FormattedMessage
          id="errors.crashed.text"
          values={{ link: (chunks) => <Link to="/problems">{chunks}</Link> }}
        />
      </p>
    </div>
  );
}

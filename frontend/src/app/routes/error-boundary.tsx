import { Button } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { ErrorState } from '@/components/error-state';
import { paths } from '@/config/paths';
import { NotFoundRoute } from './not-found';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  return 'An unexpected error stopped this page from showing. Reloading usually helps.';
}

/** One per route section: the failing section shows this inside the app shell, the rest keeps working. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundRoute />;
  if (import.meta.env.DEV) console.error(error);
  return (
    <ErrorState title="This page hit a problem" message={describe(error)} onRetry={() => window.location.reload()}>
      <Button component={Link} to={paths.home.getHref()} variant="subtle">
        Go to the home page
      </Button>
    </ErrorState>
  );
}

/** Last resort, when the app shell itself failed: no header to rely on, so a full-page message. */
export function RootErrorBoundary() {
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <ErrorState
      fullPage
      title="Mentor Connect hit a problem"
      message={describe(error)}
      onRetry={() => window.location.reload()}
    />
  );
}

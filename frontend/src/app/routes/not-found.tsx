import { Button } from '@mantine/core';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  return (
    <EmptyState title="Page not found" description="The page you were looking for doesn't exist or has moved.">
      <Button component={Link} to={paths.home.getHref()} mt="sm">
        Go to the home page
      </Button>
    </EmptyState>
  );
}

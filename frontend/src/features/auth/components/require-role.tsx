import { Button } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { paths } from '@/config/paths';
import type { Role } from '@/types/api';
import { useAuth } from '../auth-provider';
import { RequireAuth } from './require-auth';

const roleNames: Record<Role, string> = { student: 'students', mentor: 'mentors', admin: 'admins' };

/**
 * Renders its children for a signed-in user with one of `roles`; anyone else signed in sees why
 * they can't be here (the server refuses them anyway), and visitors go to log in first.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user) return <RequireAuth>{children}</RequireAuth>;
  if (!roles.includes(user.role)) {
    return (
      <EmptyState
        title="This page isn't for your account"
        description={`Only ${roles.map((role) => roleNames[role]).join(' and ')} can open this page.`}
      >
        <Button component={Link} to={paths.app.dashboard.getHref()} mt="sm">
          Go to your dashboard
        </Button>
      </EmptyState>
    );
  }
  return children;
}

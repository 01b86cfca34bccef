import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { paths } from '@/config/paths';
import { useAuth } from '../auth-provider';

/** Renders its children for a signed-in user; anyone else goes to login, and comes back here after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, signedOutReason } = useAuth();
  const location = useLocation();
  if (!user) {
    const next = signedOutReason === 'logout' ? null : `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={paths.auth.login.getHref(next)} replace />;
  }
  return children;
}

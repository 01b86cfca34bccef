import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ErrorState } from '@/components/error-state';
import { PageLoader } from '@/components/page-loader';
import { apiClient } from '@/lib/api-client';
import type { User } from '@/types/api';
import { refresh } from './api/refresh';
import { authSessionSchema, type AuthSession } from './types';

/** Why there is no user: RequireAuth only offers "come back here after login" when the user didn't choose to leave. */
export type SignedOutReason = 'none' | 'logout' | 'expired';

type AuthState =
  | { status: 'restoring' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'anonymous'; reason: SignedOutReason }
  | { status: 'authenticated'; user: User };

interface AuthContextValue {
  user: User | null;
  signedOutReason: SignedOutReason;
  /** After login or register. The access token goes to the API client's memory, never to storage. */
  startSession: (session: AuthSession) => void;
  /** After the user's own record changed (profile saved). */
  updateUser: (user: User) => void;
  endSession: (reason: SignedOutReason) => void;
  /**
   * Trades the refresh cookie for a new access token now, e.g. after the server changed the user's
   * role (an approved mentor application): the token carries the role, so the UI follows it.
   */
  reloadSession: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Holds who is signed in. On start it restores the session from the refresh cookie once (showing a
 * full-page loader meanwhile), so a reload keeps the user signed in; it follows the API client's
 * refreshes, and signs the user out when the server stops accepting their session.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({ status: 'restoring' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    // In StrictMode this effect runs twice; the API client shares one in-flight refresh between both.
    refresh().then(
      (session) => {
        if (current) {
          setState(session ? { status: 'authenticated', user: session.user } : { status: 'anonymous', reason: 'none' });
        }
      },
      (error: unknown) => {
        if (current) setState({ status: 'unreachable', error });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  useEffect(
    () =>
      apiClient.onSessionEvent((event) => {
        if (event.type === 'refreshed') {
          const parsed = authSessionSchema.safeParse(event.session);
          if (parsed.success) setState({ status: 'authenticated', user: parsed.data.user });
          return;
        }
        queryClient.clear();
        setState({ status: 'anonymous', reason: 'expired' });
        notifications.show({
          color: 'yellow',
          title: 'Your session has ended',
          message: 'Please log in again to continue.',
        });
      }),
    [queryClient],
  );

  const startSession = useCallback(
    (session: AuthSession) => {
      apiClient.setAccessToken(session.accessToken);
      // A previous user's cached data must never show for the next one.
      queryClient.clear();
      setState({ status: 'authenticated', user: session.user });
    },
    [queryClient],
  );

  const updateUser = useCallback((user: User) => {
    setState((previous) => (previous.status === 'authenticated' ? { status: 'authenticated', user } : previous));
  }, []);

  const endSession = useCallback(
    (reason: SignedOutReason) => {
      apiClient.setAccessToken(null);
      queryClient.clear();
      setState({ status: 'anonymous', reason });
    },
    [queryClient],
  );

  // The API client announces the outcome ('refreshed' or 'expired'), and the listener above updates the state.
  const reloadSession = useCallback(async () => {
    await refresh();
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      user: state.status === 'authenticated' ? state.user : null,
      signedOutReason: state.status === 'anonymous' ? state.reason : 'none',
      startSession,
      updateUser,
      endSession,
      reloadSession,
    }),
    [state, startSession, updateUser, endSession, reloadSession],
  );

  if (state.status === 'restoring') return <PageLoader fullPage label="Loading Mentor Connect…" />;
  if (state.status === 'unreachable') {
    return (
      <ErrorState
        fullPage
        title="Can't reach Mentor Connect"
        message="We couldn't check whether you are signed in. Check your connection and try again."
        onRetry={() => {
          setState({ status: 'restoring' });
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const context = use(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}

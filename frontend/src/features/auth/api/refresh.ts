import { apiClient } from '@/lib/api-client';
import { authSessionSchema, type AuthSession } from '../types';

/**
 * POST /api/auth/refresh: restores the session from the httpOnly refresh cookie (on app start, and
 * by the API client whenever an access token expires). Resolves to null when there is no session.
 * It has no hook of its own: AuthProvider is its only caller, once per app start.
 */
export async function refresh(): Promise<AuthSession | null> {
  const session = await apiClient.refreshSession();
  return session === null ? null : authSessionSchema.parse(session);
}

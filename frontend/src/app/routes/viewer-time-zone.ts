import { useMemo } from 'react';
import { useAuth } from '@/features/auth/auth-provider';
import { detectTimeZone, modernTimeZone } from '@/lib/time-zone';

/** The zone every time is shown in: the signed-in user's profile zone, else this browser's. */
export function useViewerTimeZone(): string {
  const { user } = useAuth();
  return useMemo(() => modernTimeZone(user?.timeZone ?? detectTimeZone() ?? 'UTC'), [user?.timeZone]);
}

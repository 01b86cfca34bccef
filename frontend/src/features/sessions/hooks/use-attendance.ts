import { useCallback, useEffect, useMemo, useRef } from 'react';
import { ApiError } from '@/lib/api-client';
import { recordAttendance, type AttendanceType } from '../api/record-attendance';

/** While in the call, the server hears from us this often; its attendance intervals end at the last one. */
export const HEARTBEAT_MS = 30_000;

const windowClosed = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * Tells the server when the viewer joins and leaves the call, with a heartbeat every 30 s in between.
 * Leaving is also reported when the page goes away mid-call (best effort). Failed posts are not retried:
 * the next heartbeat says the same, and once the window has closed (409) the heartbeat stops.
 */
export function useAttendance(bookingId: string) {
  const joined = useRef(false);
  const heartbeat = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopHeartbeat = useCallback(() => {
    if (heartbeat.current !== null) clearInterval(heartbeat.current);
    heartbeat.current = null;
  }, []);

  const send = useCallback(
    (type: AttendanceType) =>
      recordAttendance({ id: bookingId, type }).catch((error: unknown) => {
        if (windowClosed(error)) stopHeartbeat();
      }),
    [bookingId, stopHeartbeat],
  );

  const markJoined = useCallback(() => {
    if (joined.current) return;
    joined.current = true;
    void send('joined');
    stopHeartbeat();
    heartbeat.current = setInterval(() => void send('heartbeat'), HEARTBEAT_MS);
  }, [send, stopHeartbeat]);

  const markLeft = useCallback(() => {
    if (!joined.current) return;
    joined.current = false;
    stopHeartbeat();
    void send('left');
  }, [send, stopHeartbeat]);

  // Navigating away mid-call unmounts the page without the call saying goodbye.
  useEffect(() => markLeft, [markLeft]);

  return useMemo(() => ({ markJoined, markLeft, isJoined: () => joined.current }), [markJoined, markLeft]);
}

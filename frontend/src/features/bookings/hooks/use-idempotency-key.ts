import { useCallback, useRef } from 'react';
import { ApiError } from '@/lib/api-client';
import { newIdempotencyKey } from '@/lib/idempotency-key';

/**
 * A failure whose outcome we don't know (no answer, or a server error): the same request may be sent
 * again with the same key, so its key must not be settled.
 */
export const outcomeUnknown = (error: unknown) => !(error instanceof ApiError) || error.status === 0 || error.status >= 500;

/**
 * One Idempotency-Key per submission: `keyFor(request)` gives the key to send, the same one again
 * while the identical request is retried after an answer we never got (network error, 5xx), and a
 * new one once the request changed or its outcome is known (`settle()`), so a deliberate second
 * booking is never mistaken for a retry of the first.
 */
export function useIdempotencyKey() {
  const current = useRef<{ fingerprint: string; key: string } | null>(null);

  const keyFor = useCallback((request: unknown) => {
    const fingerprint = JSON.stringify(request);
    if (current.current?.fingerprint !== fingerprint) current.current = { fingerprint, key: newIdempotencyKey() };
    return current.current.key;
  }, []);

  const settle = useCallback(() => {
    current.current = null;
  }, []);

  return { keyFor, settle };
}

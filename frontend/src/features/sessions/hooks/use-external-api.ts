import { useCallback, useEffect, useState } from 'react';
import { externalApiLoaded, loadExternalApi } from '../utils/jitsi-script';

export type ExternalApiState = 'loading' | 'ready' | 'failed';

/** The Jitsi IFrame API from `src`: loading, ready or failed, and a retry that loads it again. */
export function useExternalApi(src: string): { state: ExternalApiState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<{ src: string; attempt: number; state: 'ready' | 'failed' } | null>(() =>
    externalApiLoaded() ? { src, attempt: 0, state: 'ready' } : null,
  );

  useEffect(() => {
    let current = true;
    loadExternalApi(src).then(
      () => current && setOutcome({ src, attempt, state: 'ready' }),
      () => current && setOutcome({ src, attempt, state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [src, attempt]);

  const retry = useCallback(() => setAttempt((previous) => previous + 1), []);
  // An outcome belongs to one attempt at one script: a retry shows "loading" until its own answer.
  const state = outcome && outcome.src === src && outcome.attempt === attempt ? outcome.state : 'loading';
  return { state, retry };
}

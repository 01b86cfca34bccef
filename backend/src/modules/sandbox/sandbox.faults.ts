import type { RequestHandler, Response } from 'express';
import type { SandboxSettings } from './sandbox.service.js';

/** What fault injection does to one request. */
export type Fault = 'server-error' | 'no-answer' | 'late' | null;

/**
 * One draw in [0, 1) decides: below `rate / 2` the request is answered 5xx without being done; below `3 rate / 4` it
 * is done and the connection dropped; below `rate` it is done and the answer held back until long after any caller
 * has given up (a timeout); otherwise it runs normally. A test scripts the draws to choose each request's fate.
 */
export function faultFor(rate: number, draw: number): Fault {
  if (draw < rate / 2) return 'server-error';
  if (draw < (rate * 3) / 4) return 'no-answer';
  if (draw < rate) return 'late';
  return null;
}

/** How long a "late" answer is held before its connection is dropped: longer than any caller waits. */
export const LATE_ANSWER_MS = 60_000;

const SERVER_ERROR = {
  error: {
    code: 'SERVER_ERROR',
    description: 'The server encountered an error. The incident has been reported to admins.',
    source: 'internal',
    step: 'NA',
    reason: 'server_error',
    metadata: {},
  },
};

/**
 * Fault injection for the authenticated API (`SANDBOX_FAULT_RATE`, `SANDBOX_LATENCY_MS`): the gateway's two bad
 * days. A 5xx means nothing happened; a dropped connection after the work committed is "the answer that never
 * came" — the caller cannot tell it from the 5xx, so it must retry with the same idempotency key and reconcile.
 * Every answer (faulty or not) first waits `latencyMs`.
 */
export function faultInjection(settings: SandboxSettings): RequestHandler {
  return (_req, res, next) => {
    const rate = settings.faultRate ?? 0;
    const latencyMs = settings.latencyMs ?? 0;
    if (rate <= 0 && latencyMs <= 0) {
      next();
      return;
    }
    const fault = rate > 0 ? faultFor(rate, (settings.random ?? Math.random)()) : null;
    const later = (work: () => void) => {
      if (latencyMs > 0) setTimeout(work, latencyMs);
      else work();
    };
    if (fault === 'server-error') {
      later(() => res.status(500).json(SERVER_ERROR));
      return;
    }
    // Every way of answering ends in `res.end`: hold it back (latency), or never send it (no answer).
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      later(() => {
        if (fault === 'no-answer') res.socket?.destroy();
        else if (fault === 'late') setTimeout(() => res.socket?.destroy(), LATE_ANSWER_MS).unref();
        else end(...args);
      });
      return res;
    }) as Response['end'];
    next();
  };
}

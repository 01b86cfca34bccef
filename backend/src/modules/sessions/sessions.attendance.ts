/**
 * Attendance evidence (PRODUCT.md §6): pure rules, no database. A person's presence in a call is a set of
 * intervals from two sources — the browser (joined / heartbeat every 30 s / left) and the video server's webhooks
 * (participant joined / left, room destroyed). Attendance is the measure of their union inside the scheduled time,
 * so overlapping or repeated evidence never counts twice.
 */

export type Source = 'browser' | 'video';

/** One stored interval of evidence for a (meeting, user). */
export interface Evidence {
  source: Source;
  /** null while not known (a video `left` that arrived before its `joined`). */
  openedAt: Date | null;
  /** The browser's last joined/heartbeat; the video server's join time. */
  lastSeenAt: Date;
  closedAt: Date | null;
}

export interface Span {
  from: Date;
  to: Date;
}

/**
 * The span an interval stands for. A browser interval runs to its `left`, or to its last heartbeat when the
 * heartbeats stopped (it is never extended past what was seen); a video-server interval runs to its `left` or
 * the room's end, or — never closed — to the end of the join window, and needs no heartbeats.
 */
export function spanOf(e: Evidence, windowClosesAt: Date): Span | null {
  if (!e.openedAt) return null;
  const to = e.source === 'browser' ? (e.closedAt ?? e.lastSeenAt) : (e.closedAt ?? windowClosesAt);
  return to.getTime() < e.openedAt.getTime() ? null : { from: e.openedAt, to };
}

/** Seconds of the union of `spans` inside [start, end], and that as a whole percentage (floored) of end − start. */
export function presence(spans: readonly Span[], start: Date, end: Date): { seconds: number; percent: number } {
  const lo = start.getTime();
  const hi = end.getTime();
  const clipped = spans
    .map((s) => [Math.max(s.from.getTime(), lo), Math.min(s.to.getTime(), hi)] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let runFrom = Number.NaN;
  let runTo = Number.NaN;
  for (const [from, to] of clipped) {
    if (Number.isNaN(runFrom) || from > runTo) {
      if (!Number.isNaN(runFrom)) covered += runTo - runFrom;
      runFrom = from;
      runTo = to;
    } else if (to > runTo) {
      runTo = to;
    }
  }
  if (!Number.isNaN(runFrom)) covered += runTo - runFrom;
  const total = hi - lo;
  return { seconds: Math.floor(covered / 1000), percent: total > 0 ? Math.floor((covered * 100) / total) : 0 };
}

/** The union of spans as disjoint, sorted intervals (what the attendance timeline shows). */
export function unionOf(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from.getTime() - b.from.getTime());
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.from.getTime() <= last.to.getTime()) {
      if (s.to.getTime() > last.to.getTime()) last.to = s.to;
    } else {
      out.push({ from: s.from, to: s.to });
    }
  }
  return out;
}

export type BrowserSignal = 'joined' | 'heartbeat' | 'left';

/** What one browser signal does to a person's open browser interval (the newest one not closed, if any). */
export type BrowserStep =
  | { kind: 'extend'; lastSeenAt: Date }
  | { kind: 'close'; closedAt: Date }
  | { kind: 'lapse-and-open'; closedAt: Date; openAt: Date }
  | { kind: 'open'; openAt: Date }
  | { kind: 'none' };

/**
 * The browser rule: a signal within `timeoutMs` of the last one continues the open interval (a repeated `joined`
 * is just another sign of life); after a longer silence the open interval lapsed at its last sign of life and a
 * joined/heartbeat opens a new one. `left` closes the interval now (or at its last sign of life if it lapsed).
 * Signals are stamped by the server's clock in arrival order, so `now` never goes back.
 */
export function browserStep(open: Pick<Evidence, 'lastSeenAt'> | null, signal: BrowserSignal, now: Date, timeoutMs: number): BrowserStep {
  const fresh = open !== null && now.getTime() - open.lastSeenAt.getTime() <= timeoutMs;
  if (signal === 'left') {
    if (!open) return { kind: 'none' };
    return { kind: 'close', closedAt: fresh ? now : open.lastSeenAt };
  }
  if (fresh) return { kind: 'extend', lastSeenAt: now };
  if (open) return { kind: 'lapse-and-open', closedAt: open.lastSeenAt, openAt: now };
  return { kind: 'open', openAt: now };
}

/** Applies a browser step to a person's list of browser intervals (what the database does, for the property tests). */
export function applyBrowserStep(intervals: Evidence[], step: BrowserStep): Evidence[] {
  const openIndex = intervals.findLastIndex((e) => e.source === 'browser' && e.closedAt === null);
  const next = intervals.map((e) => ({ ...e }));
  const open = openIndex >= 0 ? next[openIndex]! : null;
  switch (step.kind) {
    case 'extend':
      open!.lastSeenAt = step.lastSeenAt;
      return next;
    case 'close':
      open!.closedAt = step.closedAt;
      return next;
    case 'lapse-and-open':
      open!.closedAt = step.closedAt;
      return [...next, { source: 'browser', openedAt: step.openAt, lastSeenAt: step.openAt, closedAt: null }];
    case 'open':
      return [...next, { source: 'browser', openedAt: step.openAt, lastSeenAt: step.openAt, closedAt: null }];
    case 'none':
      return next;
  }
}

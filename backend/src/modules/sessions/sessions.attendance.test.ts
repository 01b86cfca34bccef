import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test-support/properties.js';
import { applyBrowserStep, browserStep, presence, spanOf, unionOf, type BrowserSignal, type Evidence, type Span } from './sessions.attendance.js';

const RUNS = propertyRuns();
const T0 = Date.UTC(2027, 0, 4, 10, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000);
const TIMEOUT_S = 90;

/** Seconds of [start, end) covered by some span, counted one second at a time: an oracle with no interval logic. */
function coveredSeconds(spans: readonly Span[], start: number, end: number): number {
  let n = 0;
  for (let s = start; s < end; s++) if (spans.some((x) => x.from.getTime() <= at(s).getTime() && x.to.getTime() >= at(s + 1).getTime())) n++;
  return n;
}

const spanArb = fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 300 })).map(([from, length]) => ({ from: at(from), to: at(from + length) }));

describe('presence (attendance % = |∪ intervals ∩ [start, end]| ÷ (end − start))', () => {
  it('equals a second-by-second count of the union, for any spans; order and repeats change nothing', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 8 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 400 }), (spans, start, length) => {
        const end = start + length;
        const got = presence(spans, at(start), at(end));
        const seconds = coveredSeconds(spans, start, end);
        expect(got.seconds).toBe(seconds);
        expect(got.percent).toBe(Math.floor((seconds * 100) / length));
        expect(got.percent).toBeGreaterThanOrEqual(0);
        expect(got.percent).toBeLessThanOrEqual(100);
        expect(presence([...spans].reverse().concat(spans), at(start), at(end))).toEqual(got);
        // The union shown as a timeline is disjoint, sorted, and covers the same time.
        const union = unionOf(spans);
        for (let i = 1; i < union.length; i++) expect(union[i]!.from.getTime()).toBeGreaterThan(union[i - 1]!.to.getTime());
        expect(presence(union, at(start), at(end))).toEqual(got);
      }),
      { numRuns: RUNS },
    );
  });
});

type Signal = { kind: BrowserSignal; at: number };
type VideoEvent = { kind: 'joined' | 'left'; key: string; at: number };

/** Browser signals in arrival order: the server stamps them, so their times never go back. */
const browserSignalsArb = fc
  .array(fc.tuple(fc.constantFrom<BrowserSignal>('joined', 'heartbeat', 'heartbeat', 'heartbeat', 'left'), fc.integer({ min: 0, max: 200 })), { maxLength: 25 })
  .map((steps) => {
    let t = 0;
    return steps.map(([kind, gap]): Signal => ({ kind, at: (t += gap) }));
  });

/** Video-server events of up to three connections (each joined, maybe left later), delivered in any order, some twice. */
const videoEventsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null })), { maxLength: 3 })
  .chain((connections) => {
    const events: VideoEvent[] = connections.flatMap(([joined, length], i) => [
      { kind: 'joined' as const, key: `p${i}`, at: joined },
      ...(length === null ? [] : [{ kind: 'left' as const, key: `p${i}`, at: joined + length }]),
    ]);
    return fc.tuple(fc.constant(connections), fc.shuffledSubarray([...events, ...events], { minLength: events.length * 2, maxLength: events.length * 2 }), fc.subarray(events));
  });

/** What the database does with video events (sessions.service applyVideoEvent's upserts), as a model. */
function videoEvidence(events: readonly VideoEvent[]): Evidence[] {
  const rows = new Map<string, Evidence>();
  for (const e of events) {
    const row = rows.get(e.key) ?? { source: 'video' as const, openedAt: null, lastSeenAt: at(e.at), closedAt: null };
    if (e.kind === 'joined') row.openedAt = row.openedAt && row.openedAt.getTime() < at(e.at).getTime() ? row.openedAt : at(e.at);
    else row.closedAt = row.closedAt && row.closedAt.getTime() > at(e.at).getTime() ? row.closedAt : at(e.at);
    rows.set(e.key, row);
  }
  return [...rows.values()];
}

function browserEvidence(signals: readonly Signal[]): Evidence[] {
  let rows: Evidence[] = [];
  for (const s of signals) {
    const open = rows.findLast((e) => e.source === 'browser' && e.closedAt === null) ?? null;
    rows = applyBrowserStep(rows, browserStep(open, s.kind, at(s.at), TIMEOUT_S * 1000));
  }
  return rows;
}

describe('attendance evidence (property 2: rejoining adds up, nothing counts twice)', () => {
  it('for any browser signals and video events, presence is exactly what was seen: browser time between signs of life no more than 90 s apart, video time from join to leave (or the window’s end), each second once', () => {
    const START = 0;
    const END = 1800;
    const CLOSES = END + 900;
    fc.assert(
      fc.property(browserSignalsArb, videoEventsArb, (signals, [connections, delivered, replayed]) => {
        const evidence = [...browserEvidence(signals), ...videoEvidence([...delivered, ...replayed])];
        const spans = evidence.map((e) => spanOf(e, at(CLOSES))).filter((s): s is Span => s !== null);
        // The oracle, from the raw facts with no interval bookkeeping: a browser is present between two consecutive
        // signals when the first is a sign of life (joined/heartbeat) and the second came within the timeout;
        // a video connection from its join to its leave, or to the window's end when it never left.
        const truth: Span[] = [];
        for (let i = 1; i < signals.length; i++) {
          const [a, b] = [signals[i - 1]!, signals[i]!];
          if (a.kind !== 'left' && b.at - a.at <= TIMEOUT_S) truth.push({ from: at(a.at), to: at(b.at) });
        }
        for (const [joined, length] of connections) truth.push({ from: at(joined), to: at(length === null ? CLOSES : joined + length) });
        expect(presence(spans, at(START), at(END))).toEqual(presence(truth, at(START), at(END)));
        expect(coveredSeconds(spans, START, END)).toBe(coveredSeconds(truth, START, END));
      }),
      { numRuns: RUNS },
    );
  });

  it('when heartbeats stop for over 90 s, then the interval ends at the last one; the next sign of life opens a new one', () => {
    const rows = browserEvidence([
      { kind: 'joined', at: 0 },
      { kind: 'heartbeat', at: 30 },
      { kind: 'heartbeat', at: 60 },
      { kind: 'heartbeat', at: 400 },
      { kind: 'heartbeat', at: 430 },
      { kind: 'left', at: 450 },
    ]);
    expect(rows.map((r) => spanOf(r, at(9999)))).toEqual([
      { from: at(0), to: at(60) },
      { from: at(400), to: at(450) },
    ]);
  });
});

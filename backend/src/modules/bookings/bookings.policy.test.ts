import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookingPolicy } from '../../gateway-settings.js';
import { parseConfig } from '../../config.js';
import { splitPayment } from '../../lib/money.js';
import { propertyRuns } from '../../test-support/properties.js';
import {
  BOOKING_CODE_PATTERN,
  bookingCode,
  canCancel,
  cancellationQuote,
  canJoin,
  canReschedule,
  earliestStartAfterMove,
  joinWindow,
  rescheduleTarget,
  sessionOutcome,
  settlesAt,
  type BookingPolicy,
} from './bookings.policy.js';

const HOUR = 3_600_000;

/** The defaults of PRODUCT.md §4–5, as the configuration gives them. */
const POLICY: BookingPolicy = bookingPolicy(parseConfig({ JWT_SECRET: 'pV3q9ZsLx2Rk7TnWb4HyJc8Md6Fg1Qe5', NODE_ENV: 'test' }));

const at = (startsAt: Date, msBefore: number) => new Date(startsAt.getTime() - msBefore);

describe('the configured defaults', () => {
  it('are those of PRODUCT.md: 15-minute hold, 20% commission, 2% fee + 18% GST, refunds 100% over 24 h, 50% from 4 h', () => {
    expect(POLICY).toMatchObject({ holdMinutes: 15, commissionBps: 2000, gatewayFeeBps: 200, gstOnFeeBps: 1800, fullRefundHours: 24, halfRefundHours: 4 });
  });
});

describe('cancellationQuote', () => {
  const startsAt = new Date('2030-03-10T12:00:00.000Z');
  const price = 180_001; // odd, so the 50% floor shows
  const student = (msBefore: number) => cancellationQuote(POLICY, { pricePaise: price, measuredFrom: startsAt, now: at(startsAt, msBefore), by: 'student' });

  it.each([
    ['a week before', 7 * 24 * HOUR, 100, price],
    ['24 h + 1 ms before', 24 * HOUR + 1, 100, price],
    ['exactly 24 h before', 24 * HOUR, 50, 90_000],
    ['24 h − 1 ms before', 24 * HOUR - 1, 50, 90_000],
    ['10 h before', 10 * HOUR, 50, 90_000],
    ['4 h + 1 ms before', 4 * HOUR + 1, 50, 90_000],
    ['exactly 4 h before', 4 * HOUR, 50, 90_000],
    ['4 h − 1 ms before', 4 * HOUR - 1, 0, 0],
    ['1 minute before', 60_000, 0, 0],
    ['at the start', 0, 0, 0],
  ])('when a student cancels %s, then %i%% (%i paise) is refunded', (_label, msBefore, percent, refundPaise) => {
    const quote = student(msBefore);
    expect(quote.percent).toBe(percent);
    expect(quote.refundPaise).toBe(refundPaise);
    expect(quote.reason.length).toBeGreaterThan(10);
  });

  it('when the mentor cancels at any time, then the refund is always 100% of the price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: -48 * HOUR, max: 60 * 24 * HOUR }), (pricePaise, msBefore) => {
        const quote = cancellationQuote(POLICY, { pricePaise, measuredFrom: startsAt, now: at(startsAt, msBefore), by: 'mentor' });
        expect(quote).toMatchObject({ refundPaise: pricePaise, percent: 100 });
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('for any price, time and policy, the refund is 0, floor(price / 2) or the price, never more, and never grows as the session nears', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 72 }),
        fc.integer({ min: 0, max: 72 }),
        fc.integer({ min: -2 * HOUR, max: 100 * HOUR }),
        fc.integer({ min: 0, max: 100 * HOUR }),
        (pricePaise, a, b, msBefore, laterBy) => {
          const policy: BookingPolicy = { ...POLICY, fullRefundHours: Math.max(a, b), halfRefundHours: Math.min(a, b) };
          const quote = cancellationQuote(policy, { pricePaise, measuredFrom: startsAt, now: at(startsAt, msBefore), by: 'student' });
          expect(Number.isSafeInteger(quote.refundPaise)).toBe(true);
          expect(quote.refundPaise).toBeGreaterThanOrEqual(0);
          expect(quote.refundPaise).toBeLessThanOrEqual(pricePaise);
          const expected = { 100: pricePaise, 50: Math.floor(pricePaise / 2), 0: 0 }[quote.percent];
          expect(quote.refundPaise).toBe(expected);
          // The band follows the hours: more than `full` ahead → 100, from `half` up to `full` → 50, else 0.
          const band = msBefore > policy.fullRefundHours * HOUR ? 100 : msBefore >= policy.halfRefundHours * HOUR ? 50 : 0;
          expect(quote.percent).toBe(band);
          // Cancelling later never refunds more.
          const later = cancellationQuote(policy, { pricePaise, measuredFrom: startsAt, now: at(startsAt, msBefore - laterBy), by: 'student' });
          expect(later.refundPaise).toBeLessThanOrEqual(quote.refundPaise);
        },
      ),
      { numRuns: propertyRuns() },
    );
  });

  it('when the price is odd, then the 50% refund is floored to the paisa (the platform never pays out half a paisa)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500_000_000 }), (half) => {
        const pricePaise = 2 * half + 1;
        const quote = cancellationQuote(POLICY, { pricePaise, measuredFrom: startsAt, now: at(startsAt, 10 * HOUR), by: 'student' });
        expect(quote.refundPaise).toBe(half);
        expect(quote.refundPaise * 2).toBe(pricePaise - 1);
      }),
      { numRuns: propertyRuns() },
    );
  });
});

describe('bookingCode', () => {
  it('for any creation time, the code is MC-<UTC date>-XXXX from the unambiguous alphabet', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true }), (now) => {
        const code = bookingCode(now);
        expect(code).toMatch(BOOKING_CODE_PATTERN);
        expect(code.slice(3, 11)).toBe(now.toISOString().slice(0, 10).replaceAll('-', ''));
        expect(code.slice(12)).not.toMatch(/[01OIL]/);
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('when the clock is just before or after midnight UTC (and in IST), then the date part is the UTC date', () => {
    expect(bookingCode(new Date('2031-12-31T23:59:59.999Z')).slice(0, 12)).toBe('MC-20311231-');
    expect(bookingCode(new Date('2032-01-01T00:00:00.000Z')).slice(0, 12)).toBe('MC-20320101-');
    // 02:00 in India on 1 March is still 29 February in UTC.
    expect(bookingCode(new Date('2032-03-01T02:00:00+05:30')).slice(0, 12)).toBe('MC-20320229-');
  });

  it('when many codes are drawn, then every letter of the alphabet turns up and collisions are rare', () => {
    const now = new Date('2030-01-01T10:00:00Z');
    const codes = Array.from({ length: 3000 }, () => bookingCode(now));
    const suffixChars = new Set(codes.flatMap((c) => [...c.slice(12)]));
    expect([...suffixChars].sort().join('')).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
    // 31^4 ≈ 923k codes a day: 3,000 draws collide ~5 times on average; far more would mean a weak generator.
    expect(new Set(codes).size).toBeGreaterThan(2950);
  });

  it('the pattern refuses look-alike characters, lower case and wrong lengths', () => {
    for (const bad of ['MC-20300101-ABC0', 'MC-20300101-ABCO', 'MC-20300101-ABCI', 'MC-20300101-ABCL', 'MC-20300101-ABC1', 'MC-20300101-abcd', 'MC-2030011-ABCD', 'MC-20300101-ABCDE', 'mc-20300101-ABCD']) {
      expect(bad).not.toMatch(BOOKING_CODE_PATTERN);
    }
    expect('MC-20300101-Z9A2').toMatch(BOOKING_CODE_PATTERN);
  });
});

// Property 5 (payment distribution). `ledger.test.ts` covers amounts up to ₹1,00,000; this goes to 1e9 paise
// and checks each part is exactly its floor, not only that the parts add up.
describe('splitPayment (property 5)', () => {
  it('for any amount up to 1e9 paise and any configurable rates, the parts add up to the amount, each ≥ 0, commission and fee floored', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 5000 }),
        (amountPaise, commissionBps, gatewayFeeBps, gstOnFeeBps) => {
          const split = splitPayment(amountPaise, { commissionBps, gatewayFeeBps, gstOnFeeBps });
          expect(split.amountPaise).toBe(amountPaise);
          expect(split.commissionPaise + split.gatewayFeePaise + split.mentorSharePaise).toBe(amountPaise);
          for (const part of [split.commissionPaise, split.gatewayFeePaise, split.mentorSharePaise]) {
            expect(Number.isSafeInteger(part)).toBe(true);
            expect(part).toBeGreaterThanOrEqual(0);
          }
          // Floors, computed independently in BigInt: commission ≤ exact < commission + 1, same for the fee and its GST.
          const a = BigInt(amountPaise);
          const commission = (a * BigInt(commissionBps)) / 10_000n;
          const fee = (a * BigInt(gatewayFeeBps)) / 10_000n;
          const gst = (fee * BigInt(gstOnFeeBps)) / 10_000n;
          expect(BigInt(split.commissionPaise)).toBe(commission);
          expect(BigInt(split.gatewayFeePaise)).toBe(fee + gst);
          // The mentor (the named remainder party) gets what the floors leave: never less than the exact share.
          const exactShareTimes1e8 = a * 100_000_000n - a * BigInt(commissionBps) * 10_000n - a * BigInt(gatewayFeeBps) * (10_000n + BigInt(gstOnFeeBps));
          expect(BigInt(split.mentorSharePaise) * 100_000_000n).toBeGreaterThanOrEqual(exactShareTimes1e8);
        },
      ),
      { numRuns: propertyRuns(3_000) },
    );
  });

  it('at the default rates: ₹1,800 → ₹360 commission, ₹42.48 fee, ₹1,397.52 share; 1 paisa goes wholly to the mentor', () => {
    const rates = { commissionBps: POLICY.commissionBps, gatewayFeeBps: POLICY.gatewayFeeBps, gstOnFeeBps: POLICY.gstOnFeeBps };
    expect(splitPayment(180_000, rates)).toEqual({ amountPaise: 180_000, commissionPaise: 36_000, gatewayFeePaise: 4_248, mentorSharePaise: 139_752 });
    expect(splitPayment(1, rates)).toEqual({ amountPaise: 1, commissionPaise: 0, gatewayFeePaise: 0, mentorSharePaise: 1 });
    expect(splitPayment(1_000_000_000, rates)).toEqual({ amountPaise: 1_000_000_000, commissionPaise: 200_000_000, gatewayFeePaise: 23_600_000, mentorSharePaise: 776_400_000 });
  });

  it('when the amount is not a positive safe integer, then it throws instead of splitting', () => {
    const rates = { commissionBps: 2000, gatewayFeeBps: 200, gstOnFeeBps: 1800 };
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => splitPayment(bad, rates)).toThrow();
  });
});

const MINUTE = 60_000;
const NOW = new Date('2030-03-01T00:00:00.000Z');
const confirmedAt = (startsAt: Date, extra: Partial<{ settlement: 'held' | 'released'; rescheduleCount: number; slotId: string | null; minutes: number }> = {}) => ({
  status: 'confirmed' as const,
  settlement: extra.settlement ?? ('held' as const),
  startsAt,
  endsAt: new Date(startsAt.getTime() + (extra.minutes ?? 60) * MINUTE),
  slotId: extra.slotId ?? null,
  rescheduleCount: extra.rescheduleCount ?? 0,
});

describe('a reschedule never improves the refund (PRODUCT.md §5)', () => {
  it('for any booking, any moves the policy allows and any moment of cancelling, the student gets no more back than without the moves', () => {
    // Runs where a move happened and the booking could still be cancelled, and where the move would have helped.
    let movedThenCancelled = 0;
    let tierHeldBack = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 30 * 24 * 60 }), // first start, minutes after it was paid for
        fc.array(fc.record({ after: fc.integer({ min: 0, max: 20 * 24 * 60 }), to: fc.integer({ min: -10 * 24 * 60, max: 30 * 24 * 60 }) }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 40 * 24 * 60 }), // when the student cancels, minutes after the last move
        fc.integer({ min: 100, max: 10_000_000 }),
        (firstStart, moves, cancelAfter, pricePaise) => {
          let now = NOW.getTime();
          const original = new Date(now + firstStart * MINUTE);
          let b = { ...confirmedAt(original), earliestStartsAt: original };
          for (const move of moves) {
            now += move.after * MINUTE;
            const startsAt = new Date(Math.ceil((now + move.to * MINUTE) / (30 * MINUTE)) * 30 * MINUTE);
            if (!canReschedule(POLICY, b, new Date(now)).ok || !rescheduleTarget(POLICY, b, startsAt, new Date(now)).ok) continue;
            b = { ...b, startsAt, endsAt: new Date(startsAt.getTime() + 60 * MINUTE), rescheduleCount: b.rescheduleCount + 1, earliestStartsAt: earliestStartAfterMove(b, startsAt) };
          }
          const at = new Date(now + cancelAfter * MINUTE);
          if (!canCancel(b, 'student', at).ok) return;
          const moved = cancellationQuote(POLICY, { pricePaise, measuredFrom: b.earliestStartsAt, now: at, by: 'student' });
          const unmoved = cancellationQuote(POLICY, { pricePaise, measuredFrom: original, now: at, by: 'student' });
          expect(moved.refundPaise).toBeLessThanOrEqual(unmoved.refundPaise);
          if (b.rescheduleCount > 0) movedThenCancelled += 1;
          if (moved.refundPaise < cancellationQuote(POLICY, { pricePaise, measuredFrom: b.startsAt, now: at, by: 'student' }).refundPaise) tierHeldBack += 1;
          expect(b.earliestStartsAt.getTime()).toBe(Math.min(original.getTime(), b.startsAt.getTime()));
          // The mentor's cancellation is always in full, moves or not (property 4).
          expect(cancellationQuote(POLICY, { pricePaise, measuredFrom: b.earliestStartsAt, now: at, by: 'mentor' }).refundPaise).toBe(pricePaise);
        },
      ),
      { numRuns: propertyRuns() },
    );
    // The property was exercised: many runs moved and then cancelled, and in some the new start alone would have paid more.
    expect(movedThenCancelled).toBeGreaterThan(propertyRuns() / 20);
    expect(tierHeldBack).toBeGreaterThan(0);
  });
});

describe('what a booking allows, in one place', () => {
  it('cancel: a held booking only by its student; a confirmed one by either until it starts, while its money is held', () => {
    const startsAt = new Date(NOW.getTime() + 5 * 60 * MINUTE);
    const held = { ...confirmedAt(startsAt), status: 'pending_payment' as const, settlement: null };
    expect(canCancel(held, 'student', NOW)).toEqual({ ok: true });
    expect(canCancel(held, 'mentor', NOW)).toMatchObject({ ok: false, code: 'not_cancellable' });
    expect(canCancel(confirmedAt(startsAt), 'mentor', NOW)).toEqual({ ok: true });
    expect(canCancel(confirmedAt(startsAt), 'student', startsAt)).toMatchObject({ ok: false, code: 'not_cancellable' });
    expect(canCancel(confirmedAt(startsAt, { settlement: 'released' }), 'student', NOW)).toMatchObject({ ok: false, code: 'not_cancellable' });
  });

  it('reschedule: a confirmed 1-to-1 booking, once, more than 4 h ahead, to a new time more than 4 h ahead', () => {
    const far = new Date(NOW.getTime() + 4 * 60 * MINUTE + MINUTE);
    const near = new Date(NOW.getTime() + 4 * 60 * MINUTE);
    expect(canReschedule(POLICY, confirmedAt(far), NOW)).toEqual({ ok: true });
    expect(canReschedule(POLICY, confirmedAt(near), NOW)).toMatchObject({ ok: false, code: 'not_reschedulable' });
    expect(canReschedule(POLICY, confirmedAt(far, { rescheduleCount: 1 }), NOW)).toMatchObject({ ok: false, code: 'already_rescheduled' });
    expect(canReschedule(POLICY, confirmedAt(far, { slotId: 'a-slot' }), NOW)).toMatchObject({ ok: false, code: 'not_reschedulable' });
    expect(rescheduleTarget(POLICY, confirmedAt(far), near, NOW)).toMatchObject({ ok: false, code: 'startsAt' });
    expect(rescheduleTarget(POLICY, confirmedAt(far), far, NOW)).toMatchObject({ ok: false, code: 'startsAt' });
  });

  it('join: a participant can enter exactly inside [start − 10 min, end + 15 min] of a paid session (property 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -24 * 60, max: 24 * 60 }), fc.constantFrom(30, 60, 90), fc.constantFrom('confirmed', 'in_progress', 'cancelled', 'completed', 'pending_payment'), (offsetMinutes, minutes, status) => {
        const startsAt = NOW;
        const b = { ...confirmedAt(startsAt, { minutes }), status: status as 'confirmed' };
        const at = new Date(startsAt.getTime() + offsetMinutes * MINUTE);
        const { opensAt, closesAt } = joinWindow(POLICY, b);
        const inside = at >= opensAt && at <= closesAt;
        expect(canJoin(POLICY, b, at).ok).toBe(inside && (status === 'confirmed' || status === 'in_progress'));
        expect(opensAt.getTime()).toBe(startsAt.getTime() - 10 * MINUTE);
        expect(closesAt.getTime()).toBe(startsAt.getTime() + (minutes + 15) * MINUTE);
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('settlement: a session settles from end + 15 min, when its call closes; its outcome follows who came — no mentor is always a no-show of the mentor (refunded in full), the student under 20% a no-show of the student (properties 3, 4)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(30, 60, 90),
        fc.integer({ min: -60, max: 24 * 60 }),
        fc.boolean(),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (minutes, offsetMinutes, mentorJoined, studentPercent) => {
          const b = confirmedAt(NOW, { minutes });
          const at = new Date(NOW.getTime() + offsetMinutes * MINUTE);
          const due = at >= settlesAt(POLICY, b);
          // Due exactly from end + 15 min (the spec's numbers, not the policy's function) …
          expect(due).toBe(at.getTime() >= NOW.getTime() + (minutes + 15) * MINUTE);
          // … so it never settles while the call can still be joined, but for the window's closing instant itself.
          if (due && canJoin(POLICY, b, at).ok) expect(at.getTime()).toBe(joinWindow(POLICY, b).closesAt.getTime());
          const outcome = sessionOutcome(POLICY, { mentorJoined, studentPercent });
          expect(outcome).toBe(!mentorJoined ? 'no_show_mentor' : studentPercent < 20 ? 'no_show_student' : 'completed');
        },
      ),
      { numRuns: propertyRuns() },
    );
  });
});

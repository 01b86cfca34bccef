import { randomInt } from 'node:crypto';

/** The money and time rules of PRODUCT.md §4–5, in one place; the numbers come from the configuration. */
export interface BookingPolicy {
  holdMinutes: number;
  commissionBps: number;
  gatewayFeeBps: number;
  gstOnFeeBps: number;
  fullRefundHours: number;
  halfRefundHours: number;
  rescheduleMinNoticeHours: number;
  reconcileAfterMinutes: number;
}

export interface CancellationQuote {
  refundPaise: number;
  percent: 0 | 50 | 100;
  reason: string;
}

const HOUR = 3_600_000;

/**
 * What a cancellation gives back. A mentor cancelling refunds in full; a student gets 100% more than
 * `fullRefundHours` ahead, 50% from `halfRefundHours` up to that, nothing later. Refunds are floored to the paisa.
 * "Ahead" is measured from `measuredFrom`, the earliest start the booking has had: a reschedule never improves
 * the refund (PRODUCT.md §5).
 */
export function cancellationQuote(policy: BookingPolicy, input: { pricePaise: number; measuredFrom: Date; now: Date; by: 'student' | 'mentor' }): CancellationQuote {
  if (input.by === 'mentor') return { refundPaise: input.pricePaise, percent: 100, reason: 'The mentor cancelled, so the full amount is refunded.' };
  const ahead = input.measuredFrom.getTime() - input.now.getTime();
  if (ahead > policy.fullRefundHours * HOUR) {
    return { refundPaise: input.pricePaise, percent: 100, reason: `Cancelled more than ${policy.fullRefundHours} hours before the session: full refund.` };
  }
  if (ahead >= policy.halfRefundHours * HOUR) {
    return {
      refundPaise: Math.floor(input.pricePaise / 2),
      percent: 50,
      reason: `Cancelled between ${policy.halfRefundHours} and ${policy.fullRefundHours} hours before the session: 50% refund.`,
    };
  }
  return { refundPaise: 0, percent: 0, reason: `Cancelled less than ${policy.halfRefundHours} hours before the session: no refund.` };
}

// No 0/O or 1/I/L: codes are read out over the phone and typed by hand.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `MC-YYYYMMDD-XXXX`: the booking's creation date (UTC) and four random characters. */
export function bookingCode(now: Date): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  let suffix = '';
  for (let i = 0; i < 4; i++) suffix += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `MC-${date}-${suffix}`;
}

export const BOOKING_CODE_PATTERN = /^MC-\d{8}-[2-9A-HJKMNP-Z]{4}$/;

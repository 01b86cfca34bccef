import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { publish } from '../../lib/events.js';
import { confirmHeldTime } from '../availability/availability.service.js';
import type { PaymentReactions } from '../payments/payments.context.js';
import { requestRefund } from '../payments/payments.service.js';
import type { BookingContext } from './bookings.context.js';
import { splitRates } from './bookings.context.js';
import { moneyOf, postCapture, postRefundFromEscrow, postRelease } from './bookings.ledger.js';
import { notifyConfirmed, notifyLatePayment, notifyRefundProcessed, notifyReleased } from './bookings.notifications.js';
import type { CancellationQuote } from './bookings.policy.js';
import { loadBookingView, type BookingView } from './bookings.queries.js';
import { bookings } from './bookings.tables.js';
import { confirmIfHeld, lockBooking, releaseMany, settle, type BookingRow } from './bookings.transitions.js';

/**
 * A booking's money: what bookings do when payments tells them money moved (wired by app.ts), and what they
 * decide about the money in escrow (release, refund by the policy). The ledger postings are in bookings.ledger.ts.
 */

/**
 * The money in escrow after a cancellation (or a late payment): the refund part goes back through payments, the
 * kept part is split and paid out. With nothing to refund the escrow is released as it is. Returns the row.
 */
export async function refundEscrow(ctx: BookingContext, tx: Db, b: BookingRow, paymentId: string, quote: Omit<CancellationQuote, 'percent'> & { percent: number }, now: Date): Promise<BookingRow> {
  if (quote.refundPaise <= 0) {
    await postRelease(tx, [moneyOf(b)], now);
    return settle(tx, b, 'released', now);
  }
  await postRefundFromEscrow(tx, moneyOf(b), quote.refundPaise, splitRates(ctx.policy), now);
  await requestRefund(tx, { paymentId, bookingId: b.id, amountPaise: quote.refundPaise, percent: quote.percent, reason: quote.reason, now });
  return settle(tx, b, quote.refundPaise === b.pricePaise ? 'refunded' : 'partially_refunded', now);
}

/**
 * Pays out the held split (mentor wallet, platform revenue, gateway fees) of each booking, in the caller's
 * transaction: one ledger statement (its balance rows taken in sorted order) and one guarded move for them all.
 */
export async function releaseHeld(ctx: BookingContext, tx: Db, rows: BookingRow[], now: Date): Promise<BookingRow[]> {
  if (rows.length === 0) return [];
  await postRelease(tx, rows.map(moneyOf), now);
  const released = await releaseMany(tx, rows, now);
  await notifyReleased(ctx, tx, released);
  for (const b of released) publish(tx, { type: 'booking.released', bookingId: b.id, mentorId: b.mentorId });
  return released;
}

/**
 * After the session: the escrowed split is paid out. Called when the student confirms the session went well, and
 * by the release job once the dispute window has passed; idempotent.
 */
export async function releaseEscrow(ctx: BookingContext, bookingId: string, now = clock.now()): Promise<boolean> {
  return inTransaction(ctx.db, async (tx) => {
    const b = await lockBooking(tx, bookingId);
    if (!b || b.settlement !== 'held') return false;
    await releaseHeld(ctx, tx, [b], now);
    return true;
  });
}

/**
 * Bookings' side of payments' events, in payments' transaction. A capture confirms a held booking — its time,
 * the people told, the money into escrow — or, when the hold had already lapsed, is refunded in full.
 */
export function bookingPaymentReactions(ctx: BookingContext): PaymentReactions {
  return {
    async captured(tx, { payment, gatewayPaymentId, at }): Promise<BookingView | null> {
      const confirmed = await confirmIfHeld(tx, payment.bookingId, at);
      if (confirmed) {
        // The hold is still in place (the expiry job has not released it), so the time is the student's.
        if (!confirmed.slotId) await confirmHeldTime(tx, confirmed.id);
        const view = (await loadBookingView(tx, confirmed.id))!;
        await notifyConfirmed(ctx, tx, confirmed, view);
        // Last: the ledger locks its account rows, so they are held only until the commit that follows.
        await postCapture(tx, moneyOf(confirmed), gatewayPaymentId, at);
        await ctx.onConfirmed?.(tx, { id: confirmed.id, mentorId: confirmed.mentorId, studentId: confirmed.studentId, slotId: confirmed.slotId, slotTitle: view.slot?.title ?? null });
        publish(tx, { type: 'booking.confirmed', bookingId: confirmed.id, mentorId: confirmed.mentorId, studentId: confirmed.studentId });
        return view;
      }
      // The hold had expired or was given up before the money arrived: give it all back.
      const lapsed = await lockBooking(tx, payment.bookingId);
      if (!lapsed) throw new Error(`payment ${payment.id} has no booking`);
      await postCapture(tx, moneyOf(lapsed), gatewayPaymentId, at);
      const held = await settle(tx, lapsed, 'held', at);
      await refundEscrow(ctx, tx, held, payment.id, { refundPaise: lapsed.pricePaise, percent: 100, reason: 'Payment arrived after the booking had lapsed' }, at);
      await notifyLatePayment(ctx, tx, lapsed);
      return null;
    },

    async refundProcessed(tx, { refund }) {
      const [b] = await tx.select({ id: bookings.id, code: bookings.code, studentId: bookings.studentId }).from(bookings).where(eq(bookings.id, refund.bookingId));
      if (b) await notifyRefundProcessed(ctx, tx, b, refund);
    },
  };
}

import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { offsetOf } from '../../lib/pagination.js';
import { mentorCards } from '../mentors/mentors.service.js';
import { PAID_STATUSES, paymentRecords, refundRecords } from '../payments/payments.service.js';
import { userCards } from '../users/users.service.js';
import { bookings } from './bookings.tables.js';

/**
 * A student's payment history and invoices: payments as the bookings they bought, in one statement each. Every
 * amount shown is computed here, on the server (the net paid is total − refunded), never by the page.
 */

const mentorUser = alias(userCards, 'mentor_user');
const studentUser = alias(userCards, 'student_user');

function paymentsQuery(db: Db) {
  return db
    .select({
      payment: {
        id: paymentRecords.id,
        bookingId: paymentRecords.bookingId,
        status: paymentRecords.status,
        amountPaise: paymentRecords.amountPaise,
        refundedPaise: paymentRecords.refundedPaise,
        gatewayPaymentId: paymentRecords.gatewayPaymentId,
        createdAt: paymentRecords.createdAt,
        capturedAt: paymentRecords.capturedAt,
      },
      code: bookings.code,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      topic: bookings.topic,
      kind: bookings.kind,
      mentorName: mentorUser.name,
      mentorSlug: mentorCards.slug,
      student: { name: studentUser.name, email: studentUser.email },
      refund: { amountPaise: refundRecords.amountPaise, status: refundRecords.status, processedAt: refundRecords.processedAt },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(paymentRecords)
    .innerJoin(bookings, eq(bookings.id, paymentRecords.bookingId))
    .innerJoin(mentorUser, eq(mentorUser.id, bookings.mentorId))
    .innerJoin(studentUser, eq(studentUser.id, paymentRecords.studentId))
    .innerJoin(mentorCards, eq(mentorCards.userId, bookings.mentorId))
    .leftJoin(refundRecords, eq(refundRecords.paymentId, paymentRecords.id));
}

type PaymentView = Awaited<ReturnType<ReturnType<typeof paymentsQuery>['execute']>>[number];

const refundLines = (row: PaymentView) => (row.refund ? [{ amountPaise: row.refund.amountPaise, status: row.refund.status, processedAt: row.refund.processedAt?.toISOString() ?? null }] : []);

function paymentDto(row: PaymentView) {
  const p = row.payment;
  return {
    id: p.id,
    bookingId: p.bookingId,
    bookingCode: row.code,
    mentorName: row.mentorName,
    startsAt: row.startsAt.toISOString(),
    amountPaise: p.amountPaise,
    status: p.status,
    refundedPaise: p.refundedPaise,
    netPaise: p.amountPaise - p.refundedPaise,
    refunds: refundLines(row),
    createdAt: p.createdAt.toISOString(),
    capturedAt: p.capturedAt?.toISOString() ?? null,
  };
}

/** A student's payments that went through (paid, refunded) — newest first. */
export async function listPayments(db: Db, userId: string, query: { page: number; limit: number }) {
  const rows = await paymentsQuery(db)
    .where(and(eq(paymentRecords.studentId, userId), inArray(paymentRecords.status, PAID_STATUSES)))
    .orderBy(desc(paymentRecords.createdAt), desc(paymentRecords.id))
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  return { items: rows.map(paymentDto), page: query.page, limit: query.limit, total: rows[0]?.total ?? 0 };
}

export async function getInvoice(db: Db, userId: string, paymentId: string) {
  const [row] = await paymentsQuery(db).where(and(eq(paymentRecords.id, paymentId), eq(paymentRecords.studentId, userId), inArray(paymentRecords.status, PAID_STATUSES)));
  if (!row) throw notFound('Payment');
  const p = row.payment;
  const durationMinutes = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
  return {
    number: `INV-${row.code.slice(3)}`,
    issuedAt: (p.capturedAt ?? p.createdAt).toISOString(),
    paymentId: p.id,
    gatewayPaymentId: p.gatewayPaymentId,
    status: p.status,
    billedTo: row.student,
    mentor: { name: row.mentorName, slug: row.mentorSlug },
    booking: { code: row.code, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), durationMinutes, topic: row.topic, kind: row.kind },
    lines: [{ label: `${row.kind === 'group' ? 'Group session' : `${durationMinutes}-minute 1-to-1 session`} with ${row.mentorName} (${row.code})`, amountPaise: p.amountPaise }],
    totalPaise: p.amountPaise,
    refundedPaise: p.refundedPaise,
    netPaise: p.amountPaise - p.refundedPaise,
    refunds: refundLines(row),
    seller: { name: 'Mentor Connect', address: 'Bengaluru, India', gstin: null },
  };
}

import { z } from 'zod';
import { businessDayStart, businessDayStartFrom } from '../../lib/business-time.js';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';
import { WALLET_LINE_STATUSES, WALLET_LINE_TYPES } from '../ledger/ledger.service.js';

export const walletSchema = z
  .object({
    availablePaise: z.number().int().meta({ description: 'Released earnings not yet withdrawn nor promised to an open withdrawal' }),
    inEscrowPaise: z.number().int().meta({ description: 'Earnings of paid sessions, held until each session is settled' }),
    withdrawnPaise: z.number().int().meta({ description: 'Paid out to the mentor’s bank or UPI (less payouts the bank sent back)' }),
    lifetimeEarnedPaise: z.number().int().meta({ description: 'Every earning ever released to the wallet' }),
    inTransitPaise: z.number().int().meta({ description: 'Withdrawals requested and not yet paid or returned' }),
  })
  .meta({ id: 'Wallet' });

const dateOrDateTime = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], 'Use a date (2026-12-01) or an ISO date-time')
  .refine((value) => !Number.isNaN(periodStart(value).getTime()), 'Not a date on the calendar');

/**
 * The statement's filters. A date is a whole business day (India's, lib/business-time.ts): `from` from its first
 * instant, `to` to its last; a date-time is taken as it is, both ends included.
 */
export const transactionsQuery = paginationQuery({ defaultLimit: 20, maxLimit: 100 })
  .extend({
    type: z.enum(WALLET_LINE_TYPES, `One of ${WALLET_LINE_TYPES.join(', ')}`).optional(),
    from: dateOrDateTime.optional(),
    to: dateOrDateTime.optional(),
    format: z.enum(['json', 'csv'], 'json or csv').default('json'),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && periodStart(value.from) >= periodEnd(value.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
    }
  });

export type TransactionsQuery = z.output<typeof transactionsQuery>;

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The first instant a `from` covers. */
export const periodStart = (from: string): Date => (isDate(from) ? (businessDayStart(from) ?? new Date(Number.NaN)) : new Date(from));

/** The first instant after what a `to` covers (the next business day's start after a date; a date-time's next millisecond). */
export function periodEnd(to: string): Date {
  if (!isDate(to)) return new Date(new Date(to).getTime() + 1);
  const start = businessDayStart(to);
  return start ? businessDayStartFrom(start, 1) : new Date(Number.NaN);
}

export const transactionSchema = z
  .object({
    id: z.string().meta({ description: 'The ledger transfer’s id' }),
    at: z.iso.datetime(),
    type: z.enum(WALLET_LINE_TYPES),
    amountPaise: z.number().int().meta({ description: 'Positive when money came in, negative when it went out' }),
    status: z.enum(WALLET_LINE_STATUSES).meta({
      description:
        'earning: in_escrow → released, or refunded (the student got it back); withdrawal: in_transit → paid, or returned; withdrawal_returned and payout_reversal: settled',
    }),
    settledAt: z.iso.datetime().nullable().meta({ description: 'When an escrowed earning was released or refunded, or a withdrawal paid or returned' }),
    bookingId: z.uuid().nullable(),
    withdrawalId: z.uuid().nullable(),
    split: z
      .object({ grossPaise: z.number().int(), commissionPaise: z.number().int(), gatewayFeePaise: z.number().int() })
      .nullable()
      .meta({ description: 'For an earning: what the student paid, the platform’s commission and the gateway’s fee (the share is amountPaise)' }),
    description: z.string(),
  })
  .meta({ id: 'WalletTransaction' });

export type Transaction = z.infer<typeof transactionSchema>;

export const transactionPageSchema = pageSchema(transactionSchema).meta({ id: 'WalletTransactionPage' });

import { z } from 'zod';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';
import { attendanceSchema, notesSchema } from '../sessions/sessions.schemas.js';

export const openDisputeSchema = z
  .strictObject({ reason: z.string('Say what went wrong').trim().min(10, 'Say what went wrong (10–2,000 characters)').max(2000, 'At most 2,000 characters') })
  .meta({ id: 'OpenDispute' });

export const resolveDisputeSchema = z
  .strictObject({
    outcome: z.enum(['release', 'refund', 'partial'], 'Must be "release", "refund" or "partial"'),
    refundPaise: z.number('Must be a whole number of paise').int('Must be a whole number of paise').positive('Must be more than 0').optional(),
    note: z.string('Say why').trim().min(3, 'Say why (3–1,000 characters)').max(1000, 'At most 1,000 characters'),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'partial' && value.refundPaise === undefined) ctx.addIssue({ code: 'custom', path: ['refundPaise'], message: 'Required for a partial refund' });
    if (value.outcome !== 'partial' && value.refundPaise !== undefined) ctx.addIssue({ code: 'custom', path: ['refundPaise'], message: 'Only for a partial refund' });
  })
  .meta({ id: 'ResolveDispute' });

export const listDisputesQuery = paginationQuery().extend({ status: z.enum(['open', 'resolved']).default('open') });

export const disputeSchema = z
  .object({
    id: z.uuid(),
    bookingId: z.uuid(),
    bookingCode: z.string(),
    status: z.enum(['open', 'resolved']),
    reason: z.string(),
    outcome: z.enum(['release', 'refund', 'partial']).nullable(),
    refundPaise: z.number().int().nullable(),
    note: z.string().nullable(),
    pricePaise: z.number().int(),
    startsAt: z.string(),
    endsAt: z.string(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    student: z.object({ id: z.uuid(), name: z.string() }),
    mentor: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'Dispute' });

export const bookingDisputeSchema = z.object({ dispute: disputeSchema.nullable() }).meta({ id: 'BookingDispute' });
export const disputePageSchema = pageSchema(disputeSchema).meta({ id: 'DisputePage' });
export const disputeDetailSchema = disputeSchema.extend({ attendance: attendanceSchema, notes: notesSchema }).meta({ id: 'DisputeDetail' });

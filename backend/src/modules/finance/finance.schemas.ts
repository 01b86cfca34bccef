import { z } from 'zod';
import { instantParam } from '../../lib/business-time.js';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';
import { MISMATCH_KINDS, RECONCILED_SUBJECTS } from './finance.reconciliation.js';

const periodFields = {
  from: instantParam.optional().meta({ description: 'Start (inclusive): a date in India (YYYY-MM-DD) or an ISO date-time' }),
  to: instantParam.optional().meta({ description: 'End (exclusive): a date in India (YYYY-MM-DD) or an ISO date-time' }),
};

export const summaryQuery = z.object({ ...periodFields, groupBy: z.enum(['week'], 'Only "week" is supported').default('week') });
export const reconciliationQuery = z.object(periodFields);
export const runReconciliationSchema = z.strictObject(periodFields).meta({ id: 'RunReconciliation' });
export const runsQuery = paginationQuery({ defaultLimit: 10 });

const figures = {
  bookings: z.number().int(),
  grossPaise: z.number().int(),
  platformRevenuePaise: z.number().int(),
  gatewayFeesPaise: z.number().int(),
  refundsPaise: z.number().int(),
  payoutsPaise: z.number().int(),
  payoutReversalsPaise: z.number().int(),
};

export const financeSummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.literal('week'),
    timeZone: z.string(),
    weeks: z.array(z.object({ weekStart: z.string().meta({ description: 'The Monday the week starts on (YYYY-MM-DD, in timeZone)' }), ...figures })),
    totals: z.object(figures),
  })
  .meta({ id: 'FinanceSummary' });

const checkedSchema = z.object({ payments: z.number().int(), refunds: z.number().int(), payouts: z.number().int() });

export const mismatchSchema = z
  .object({
    subject: z.enum(RECONCILED_SUBJECTS),
    kind: z.enum(MISMATCH_KINDS),
    id: z.string(),
    ours: z
      .object({
        recordId: z.string().nullable(),
        status: z.string().nullable(),
        amountPaise: z.number().int().nullable(),
        ledgerPaise: z.number().int().nullable(),
        ledgerReturnedPaise: z.number().int().nullable(),
      })
      .nullable(),
    gateway: z.object({ id: z.string(), status: z.string(), amountPaise: z.number().int() }).nullable(),
  })
  .meta({ id: 'ReconciliationMismatch' });

export const reconciliationSchema = z
  .object({ from: z.string(), to: z.string(), checked: checkedSchema, mismatches: z.array(mismatchSchema) })
  .meta({ id: 'Reconciliation' });

const runSummaryFields = {
  id: z.uuid(),
  from: z.string(),
  to: z.string(),
  trigger: z.enum(['nightly', 'manual']),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  checked: checkedSchema,
  mismatchCount: z.number().int(),
  ranAt: z.string(),
};

export const reconciliationRunSchema = z.object({ ...runSummaryFields, mismatches: z.array(mismatchSchema) }).meta({ id: 'ReconciliationRun' });
export const reconciliationRunPageSchema = pageSchema(z.object(runSummaryFields).meta({ id: 'ReconciliationRunSummary' })).meta({ id: 'ReconciliationRunPage' });

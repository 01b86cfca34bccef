import { z } from 'zod';

const paise = z.number().int();

/** The figures of a week, or of the whole period (GET /api/admin/finance/summary). */
const figuresSchema = z.object({
  bookings: z.number().int(),
  grossPaise: paise,
  platformRevenuePaise: paise,
  gatewayFeesPaise: paise,
  refundsPaise: paise,
  payoutsPaise: paise,
  payoutReversalsPaise: paise,
});

export const financeSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.literal('week'),
  timeZone: z.string(),
  /** Each week the period touches, Monday first (YYYY-MM-DD in `timeZone`), weeks without money included. */
  weeks: z.array(figuresSchema.extend({ weekStart: z.string() })),
  totals: figuresSchema,
});

export type FinanceSummary = z.infer<typeof financeSummarySchema>;
export type FinanceFigures = z.infer<typeof figuresSchema>;
export type FinanceWeek = FinanceSummary['weeks'][number];

export const mismatchKinds = ['missing_at_gateway', 'missing_in_records', 'missing_in_ledger', 'amount_differs', 'status_differs'] as const;
export type MismatchKind = (typeof mismatchKinds)[number];
export const reconciledSubjects = ['payment', 'refund', 'payout'] as const;

export const mismatchSchema = z.object({
  subject: z.enum(reconciledSubjects),
  kind: z.enum(mismatchKinds),
  /** The gateway's id (`pay_…`, `rfnd_…`, `pout_…`), or ours when the gateway's is unknown. */
  id: z.string(),
  ours: z
    .object({
      recordId: z.string().nullable(),
      status: z.string().nullable(),
      amountPaise: paise.nullable(),
      ledgerPaise: paise.nullable(),
      ledgerReturnedPaise: paise.nullable(),
    })
    .nullable(),
  gateway: z.object({ id: z.string(), status: z.string(), amountPaise: paise }).nullable(),
});

export type Mismatch = z.infer<typeof mismatchSchema>;

const checkedSchema = z.object({ payments: z.number().int(), refunds: z.number().int(), payouts: z.number().int() });

const runSummaryFields = {
  id: z.string(),
  from: z.string(),
  to: z.string(),
  trigger: z.enum(['nightly', 'manual']),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  checked: checkedSchema,
  mismatchCount: z.number().int(),
  ranAt: z.string(),
};

export const reconciliationRunSummarySchema = z.object(runSummaryFields);
export const reconciliationRunSchema = z.object({ ...runSummaryFields, mismatches: z.array(mismatchSchema) });
export const reconciliationRunPageSchema = z.object({ items: z.array(reconciliationRunSummarySchema), page: z.number(), limit: z.number(), total: z.number() });

export type ReconciliationRunSummary = z.infer<typeof reconciliationRunSummarySchema>;
export type ReconciliationRun = z.infer<typeof reconciliationRunSchema>;
export type ReconciliationRunPage = z.infer<typeof reconciliationRunPageSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['admin', 'money']),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), page: z.number(), limit: z.number(), total: z.number() });

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;

/**
 * A period as the admin picks it: whole days in India, both ends included (YYYY-MM-DD). The API takes the day after
 * `to` as its (excluded) end.
 */
export interface DayRange {
  from: string;
  to: string;
}

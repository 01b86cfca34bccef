import { z } from 'zod';
import { instantParam } from '../../lib/business-time.js';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';

export const auditQuery = paginationQuery({ defaultLimit: 50 }).extend({
  actor: z.uuid('Not a valid user id').optional().meta({ description: 'Only what this user did (money movements have no actor)' }),
  action: z
    .string('Must be text')
    .trim()
    .min(1, 'Must not be empty')
    .max(100, 'At most 100 characters')
    .regex(/^[a-z0-9_.*-]+$/i, 'Letters, digits and . _ - only, with an optional * at the end')
    .optional()
    .meta({ description: 'An exact action (`dispute.resolve`), or a prefix ending in `.` or `*` (`money.`, `withdrawal.*`)' }),
  from: instantParam.optional().meta({ description: 'From (inclusive): a date in India (YYYY-MM-DD) or an ISO date-time' }),
  to: instantParam.optional().meta({ description: 'To (exclusive): a date in India (YYYY-MM-DD) or an ISO date-time' }),
});

export type AuditQuery = z.output<typeof auditQuery>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: z.enum(['admin', 'money']),
    actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = pageSchema(auditEntrySchema).meta({ id: 'AuditPage' });

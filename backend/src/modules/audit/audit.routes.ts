import { endpoint } from '../../lib/http.js';
import { problemSchema } from '../../lib/problem.js';
import { auditPageSchema, auditQuery } from './audit.schemas.js';
import { listAuditTrail } from './audit.service.js';
import type { Db } from '../../db/client.js';

export function auditEndpoints(db: Db) {
  return [
    endpoint({
      method: 'get',
      path: '/api/admin/audit',
      summary: 'Every admin action and every money movement, newest first; filter by actor, action (exact or prefix), from and to',
      tag: 'admin',
      access: ['admin'],
      query: auditQuery,
      responses: {
        200: { description: 'A page of the audit trail', schema: auditPageSchema },
        422: { description: 'Invalid filter, naming the field', schema: problemSchema },
      },
      handler: async ({ res, query }) => {
        res.json(await listAuditTrail(db, query));
      },
    }),
  ];
}

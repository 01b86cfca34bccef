import { endpoint } from '../../lib/http.js';
import { idParams } from '../../lib/pagination.js';
import { problemSchema } from '../../lib/problem.js';
import type { FinanceContext } from './finance.context.js';
import {
  financeSummarySchema,
  reconciliationQuery,
  reconciliationRunPageSchema,
  reconciliationRunSchema,
  reconciliationSchema,
  runReconciliationSchema,
  runsQuery,
  summaryQuery,
} from './finance.schemas.js';
import { financeSummary, getReconciliationRun, listReconciliationRuns, reconciliationOf, runReconciliation } from './finance.service.js';

const problems = {
  422: { description: 'Invalid period, naming the field (`from`, `to`, `groupBy`)', schema: problemSchema },
  503: { description: 'The gateway did not answer (`gateway_unavailable`); nothing was kept', schema: problemSchema },
};

export function financeEndpoints(ctx: FinanceContext) {
  return [
    endpoint({
      method: 'get',
      path: '/api/admin/finance/summary',
      summary: 'Bookings, gross volume, platform revenue, gateway fees, refunds and payouts by week (Monday, India), from the ledger',
      tag: 'admin',
      access: ['admin'],
      query: summaryQuery,
      responses: { 200: { description: 'The weeks of the period and its totals', schema: financeSummarySchema }, 422: problems[422] },
      handler: async ({ res, query }) => {
        res.json(await financeSummary(ctx.db, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/reconciliation',
      summary: 'Reconcile a period now (default: yesterday in India): our records and ledger against the gateway’s payments, refunds and payouts',
      tag: 'admin',
      access: ['admin'],
      query: reconciliationQuery,
      responses: { 200: { description: 'What was compared and every mismatch, with both sides', schema: reconciliationSchema }, ...problems },
      handler: async ({ res, query }) => {
        res.json(await reconciliationOf(ctx, query));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/admin/reconciliation/run',
      summary: 'Run and keep a reconciliation of a period (default: yesterday in India)',
      tag: 'admin',
      access: ['admin'],
      body: runReconciliationSchema,
      responses: { 201: { description: 'The run, kept', schema: reconciliationRunSchema }, ...problems },
      handler: async ({ res, auth, body }) => {
        res.status(201).json(await runReconciliation(ctx, auth.userId, body));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/reconciliation/runs',
      summary: 'The reconciliations kept (nightly and on demand), newest first',
      tag: 'admin',
      access: ['admin'],
      query: runsQuery,
      responses: { 200: { description: 'A page of runs', schema: reconciliationRunPageSchema }, 422: problems[422] },
      handler: async ({ res, query }) => {
        res.json(await listReconciliationRuns(ctx.db, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/reconciliation/runs/:id',
      summary: 'One kept reconciliation with its mismatches',
      tag: 'admin',
      access: ['admin'],
      params: idParams,
      responses: { 200: { description: 'The run', schema: reconciliationRunSchema }, 404: { description: 'No such run', schema: problemSchema } },
      handler: async ({ res, params }) => {
        res.json(await getReconciliationRun(ctx.db, params.id));
      },
    }),
  ];
}

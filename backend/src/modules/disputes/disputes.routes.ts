import { endpoint } from '../../lib/http.js';
import { idParams } from '../../lib/pagination.js';
import { problemSchema } from '../../lib/problem.js';
import { bookingDisputeSchema, disputeDetailSchema, disputePageSchema, disputeSchema, listDisputesQuery, openDisputeSchema, resolveDisputeSchema } from './disputes.schemas.js';
import { disputeDetail, disputeOfBooking, listDisputes, openDispute, resolveDispute, type DisputesContext } from './disputes.service.js';

const problems = {
  404: { description: 'Not yours, or no such dispute', schema: problemSchema },
  409: { description: 'Not possible in the booking’s or dispute’s state', schema: problemSchema },
  422: { description: 'Invalid input, naming the field', schema: problemSchema },
};

export function disputesEndpoints(ctx: DisputesContext) {
  return [
    endpoint({
      method: 'post',
      path: '/api/bookings/:id/dispute',
      summary: 'The student reports a problem with a completed session; its payment stays held until an admin decides',
      tag: 'disputes',
      access: 'user',
      params: idParams,
      body: openDisputeSchema,
      responses: { 201: { description: 'The dispute', schema: disputeSchema }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        res.status(201).json(await openDispute(ctx, auth.userId, params.id, body.reason));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/bookings/:id/dispute',
      summary: 'A booking’s dispute, if any (its participants)',
      tag: 'disputes',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The dispute or null', schema: bookingDisputeSchema }, 404: problems[404] },
      handler: async ({ res, auth, params }) => {
        res.json(await disputeOfBooking(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/disputes',
      summary: 'The disputes queue (open: oldest first; resolved: newest first)',
      tag: 'admin',
      access: ['admin'],
      query: listDisputesQuery,
      responses: { 200: { description: 'A page of disputes', schema: disputePageSchema }, 422: problems[422] },
      handler: async ({ res, query }) => {
        res.json(await listDisputes(ctx, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/disputes/:id',
      summary: 'A dispute with both attendance timelines and the mentor’s notes',
      tag: 'admin',
      access: ['admin'],
      params: idParams,
      responses: { 200: { description: 'The dispute', schema: disputeDetailSchema }, 404: problems[404] },
      handler: async ({ res, auth, params }) => {
        res.json(await disputeDetail(ctx, auth, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/admin/disputes/:id/resolve',
      summary: 'Resolve a dispute: release to the mentor, refund in full, or refund part (in paise)',
      tag: 'admin',
      access: ['admin'],
      params: idParams,
      body: resolveDisputeSchema,
      responses: { 200: { description: 'The resolved dispute', schema: disputeSchema }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        const decision = body.outcome === 'partial' ? { outcome: 'partial' as const, refundPaise: body.refundPaise! } : { outcome: body.outcome };
        res.json(await resolveDispute(ctx, auth.userId, params.id, decision, body.note));
      },
    }),
  ];
}

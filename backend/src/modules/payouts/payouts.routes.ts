import { endpoint } from '../../lib/http.js';
import { respondIdempotently } from '../../lib/idempotency.js';
import { idParams } from '../../lib/pagination.js';
import { problemSchema } from '../../lib/problem.js';
import { rawWebhookBody, signedJsonBody } from '../../lib/webhook-body.js';
import type { PayoutsContext } from './payouts.context.js';
import { getPayoutMethod, setAutoPayout, setPayoutMethod } from './payouts.methods.js';
import {
  adminListWithdrawalsQuery,
  adminWithdrawalPageSchema,
  listWithdrawalsQuery,
  payoutMethodOutSchema,
  payoutMethodSchema,
  rejectWithdrawalSchema,
  requestWithdrawalSchema,
  walletSettingsSchema,
  withdrawalPageSchema,
  withdrawalSchema,
} from './payouts.schemas.js';
import { adminListWithdrawals, approveWithdrawal, getWithdrawal, listWithdrawals, receivePayoutWebhook, rejectWithdrawal, requestWithdrawal } from './payouts.service.js';

const problems = {
  404: { description: 'Not yours, or no such withdrawal', schema: problemSchema },
  409: { description: 'Not possible in the withdrawal’s state (or a withdrawal is already open)', schema: problemSchema },
  422: { description: 'Invalid input, naming the field', schema: problemSchema },
};

export function payoutsEndpoints(ctx: PayoutsContext) {
  return [
    endpoint({
      method: 'get',
      path: '/api/wallet/payout-method',
      summary: 'Where my withdrawals go (masked only)',
      tag: 'wallet',
      access: ['mentor'],
      responses: { 200: { description: 'The payout method', schema: payoutMethodOutSchema }, 404: { description: 'None yet', schema: problemSchema } },
      handler: async ({ res, auth }) => {
        res.json(await getPayoutMethod(ctx, auth.userId));
      },
    }),
    endpoint({
      method: 'put',
      path: '/api/wallet/payout-method',
      summary: 'Set my bank account or UPI id (asks for the password; audited; stored encrypted)',
      tag: 'wallet',
      access: ['mentor'],
      body: payoutMethodSchema,
      responses: { 200: { description: 'The payout method, masked', schema: payoutMethodOutSchema }, 409: problems[409], 422: problems[422] },
      handler: async ({ res, auth, body }) => {
        res.json(await setPayoutMethod(ctx, auth.userId, body));
      },
    }),
    endpoint({
      method: 'patch',
      path: '/api/wallet/settings',
      summary: 'Opt in or out of the weekly automatic payout (Monday 06:00 IST)',
      tag: 'wallet',
      access: ['mentor'],
      body: walletSettingsSchema,
      responses: { 200: { description: 'The settings', schema: walletSettingsSchema }, 422: problems[422] },
      handler: async ({ res, auth, body }) => {
        res.json(await setAutoPayout(ctx, auth.userId, body.autoPayout));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/wallet/withdrawals',
      summary: 'Withdraw from my available balance (accepts Idempotency-Key)',
      tag: 'wallet',
      access: ['mentor'],
      body: requestWithdrawalSchema,
      responses: { 201: { description: 'The withdrawal, requested', schema: withdrawalSchema }, 409: problems[409], 422: problems[422] },
      handler: async ({ req, res, auth, body }) => {
        await respondIdempotently(ctx.db, req, res, { userId: auth.userId, scope: 'wallet.withdraw', status: 201 }, () => requestWithdrawal(ctx, auth.userId, body.amountPaise));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/wallet/withdrawals',
      summary: 'My withdrawals, newest first, each with its timeline',
      tag: 'wallet',
      access: ['mentor'],
      query: listWithdrawalsQuery,
      responses: { 200: { description: 'A page of withdrawals', schema: withdrawalPageSchema }, 422: problems[422] },
      handler: async ({ res, auth, query }) => {
        res.json(await listWithdrawals(ctx, auth.userId, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/wallet/withdrawals/:id',
      summary: 'One of my withdrawals with its timeline, payout id and UTR',
      tag: 'wallet',
      access: ['mentor'],
      params: idParams,
      responses: { 200: { description: 'The withdrawal', schema: withdrawalSchema }, 404: problems[404] },
      handler: async ({ res, auth, params }) => {
        res.json(await getWithdrawal(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/withdrawals',
      summary: 'The withdrawals queue (requested: oldest first; otherwise newest first)',
      tag: 'admin',
      access: ['admin'],
      query: adminListWithdrawalsQuery,
      responses: { 200: { description: 'A page of withdrawals with their mentors', schema: adminWithdrawalPageSchema }, 422: problems[422] },
      handler: async ({ res, query }) => {
        res.json(await adminListWithdrawals(ctx, query));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/admin/withdrawals/:id/approve',
      summary: 'Approve a withdrawal: the payout is made with the withdrawal id as its idempotency key',
      tag: 'admin',
      access: ['admin'],
      params: idParams,
      responses: { 200: { description: 'The withdrawal, approved', schema: withdrawalSchema }, 404: problems[404], 409: problems[409] },
      handler: async ({ res, auth, params }) => {
        res.json(await approveWithdrawal(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/admin/withdrawals/:id/reject',
      summary: 'Reject a withdrawal with a reason: the money goes back to the wallet',
      tag: 'admin',
      access: ['admin'],
      params: idParams,
      body: rejectWithdrawalSchema,
      responses: { 200: { description: 'The withdrawal, rejected', schema: withdrawalSchema }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        res.json(await rejectWithdrawal(ctx, auth.userId, params.id, body.reason));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/payouts/webhook',
      summary: 'RazorpayX payout webhooks (signed with X-Razorpay-Signature over the raw body)',
      tag: 'payouts',
      access: 'public',
      before: [rawWebhookBody()],
      responses: { 200: { description: 'Accepted (or a repeat)' }, 400: { description: 'Bad signature or body', schema: problemSchema } },
      handler: async ({ req, res }) => {
        const payload = signedJsonBody(req, (raw, signature) => ctx.provider.verifyWebhookSignature(raw, signature));
        const outcome = await receivePayoutWebhook(ctx, payload);
        res.status(200).json({ received: true, duplicate: outcome === 'duplicate' });
      },
    }),
  ];
}

import type { Db } from '../../db/client.js';
import { endpoint } from '../../lib/http.js';
import { problemSchema } from '../../lib/problem.js';
import { csvFileName, getWallet, listTransactions, writeTransactionsCsv } from './wallet.service.js';
import { transactionPageSchema, transactionsQuery, walletSchema } from './wallet.schemas.js';

export function walletEndpoints(db: Db) {
  return [
    endpoint({
      method: 'get',
      path: '/api/wallet',
      summary: 'The mentor’s wallet: available, in escrow, withdrawn, lifetime earned and in transit, from the ledger',
      tag: 'wallet',
      access: ['mentor'],
      responses: { 200: { description: 'The five figures, in paise', schema: walletSchema } },
      handler: async ({ res, auth }) => {
        res.json(await getWallet(db, auth.userId));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/wallet/transactions',
      summary: 'The wallet’s statement, newest first, filtered by type and period; `format=csv` downloads every matching line',
      tag: 'wallet',
      access: ['mentor'],
      query: transactionsQuery,
      responses: {
        200: {
          description: 'A page of lines (or, with format=csv, text/csv with a header row and every matching line, amounts in rupees)',
          schema: transactionPageSchema,
        },
        422: { description: 'Invalid filter, naming the field', schema: problemSchema },
      },
      handler: async ({ res, auth, query }) => {
        if (query.format === 'json') {
          res.json(await listTransactions(db, auth.userId, query));
          return;
        }
        const filename = csvFileName(query);
        await writeTransactionsCsv(db, auth.userId, query, {
          write: (text) => {
            if (!res.headersSent) {
              res.status(200);
              res.setHeader('Content-Type', 'text/csv; charset=utf-8');
              res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
              res.setHeader('Cache-Control', 'no-store');
            }
            return text === '' || res.write(text);
          },
          drained: () =>
            new Promise<void>((resolve) => {
              res.once('drain', resolve);
              res.once('close', resolve);
            }),
          closed: () => res.destroyed || res.writableEnded,
        });
        res.end();
      },
    }),
  ];
}

import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.js';

export { ledgerProblems } from '../modules/ledger/ledger.service.js';

export async function accountBalance(db: Db, id: string): Promise<{ debitsPosted: number; creditsPosted: number; debitsPending: number; creditsPending: number }> {
  const rows = await db.execute(sql`select sum(debits_posted) as debits_posted, sum(credits_posted) as credits_posted, sum(debits_pending) as debits_pending, sum(credits_pending) as credits_pending from ledger_balances where account_id = ${id}`);
  const list = rowsOf<Record<string, unknown>>(rows);
  const r = list[0];
  return {
    debitsPosted: Number(r?.debits_posted ?? 0),
    creditsPosted: Number(r?.credits_posted ?? 0),
    debitsPending: Number(r?.debits_pending ?? 0),
    creditsPending: Number(r?.credits_pending ?? 0),
  };
}

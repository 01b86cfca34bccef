import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/**
 * Recomputes every account's totals from the transfers and compares them with the stored running totals, and
 * checks the books balance. Returns a list of problems (empty when the ledger is consistent).
 */
export async function ledgerProblems(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.execute(sql`
    with moves as (
      select debit_account_id as account, amount as debit, 0::bigint as credit, kind, pending_id from ledger_transfers
      union all
      select credit_account_id, 0, amount, kind, pending_id from ledger_transfers
    ),
    resolved as (select pending_id from ledger_transfers where pending_id is not null)
    select a.id, a.kind::text as kind,
      a.debits_posted::bigint as dp, a.credits_posted::bigint as cp, a.debits_pending::bigint as dpe, a.credits_pending::bigint as cpe,
      coalesce(sum(m.debit) filter (where m.kind in ('posted', 'post_pending')), 0)::bigint as calc_dp,
      coalesce(sum(m.credit) filter (where m.kind in ('posted', 'post_pending')), 0)::bigint as calc_cp
    from ledger_accounts a left join moves m on m.account = a.id
    group by a.id`);
  const list = (rows as unknown as { rows?: Record<string, unknown>[] }).rows ?? (rows as unknown as Record<string, unknown>[]);
  let debits = 0;
  let credits = 0;
  for (const r of list) {
    const [dp, cp, calcDp, calcCp] = [r.dp, r.cp, r.calc_dp, r.calc_cp].map(Number) as [number, number, number, number];
    debits += dp;
    credits += cp;
    if (dp !== calcDp || cp !== calcCp) problems.push(`${String(r.id)}: stored posted ${dp}/${cp} but transfers say ${calcDp}/${calcCp}`);
    if (r.kind === 'mentor_wallet' && cp - dp - Number(r.dpe) < 0) problems.push(`${String(r.id)} is negative`);
  }
  if (debits !== credits) problems.push(`posted debits ${debits} ≠ credits ${credits}`);
  const pendingRows = await db.execute(sql`
    select coalesce(sum(amount), 0)::bigint as open from ledger_transfers p
    where p.kind = 'pending' and not exists (select 1 from ledger_transfers r where r.pending_id = p.id)`);
  const pendingList = (pendingRows as unknown as { rows?: Record<string, unknown>[] }).rows ?? (pendingRows as unknown as Record<string, unknown>[]);
  const open = Number(pendingList[0]?.open ?? 0);
  const totals = list.reduce((acc, r) => acc + Number(r.dpe), 0);
  if (open !== totals) problems.push(`open pending transfers ${open} ≠ pending debits on accounts ${totals}`);
  return problems;
}

export async function accountBalance(db: Db, id: string): Promise<{ debitsPosted: number; creditsPosted: number; debitsPending: number; creditsPending: number }> {
  const rows = await db.execute(sql`select debits_posted, credits_posted, debits_pending, credits_pending from ledger_accounts where id = ${id}`);
  const list = (rows as unknown as { rows?: Record<string, unknown>[] }).rows ?? (rows as unknown as Record<string, unknown>[]);
  const r = list[0];
  return {
    debitsPosted: Number(r?.debits_posted ?? 0),
    creditsPosted: Number(r?.credits_posted ?? 0),
    debitsPending: Number(r?.debits_pending ?? 0),
    creditsPending: Number(r?.credits_pending ?? 0),
  };
}

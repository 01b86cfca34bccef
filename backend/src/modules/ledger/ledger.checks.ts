import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';

/**
 * The ledger's own consistency check: recomputes every account's totals from the transfers and compares them with the
 * stored running totals, and checks the books balance (posted and pending) and no wallet is negative. Returns a list
 * of problems, empty when the ledger is consistent. Used by the tests after every scenario and by the benchmarks; a
 * full scan of the transfers, so not for a request path.
 */
export async function ledgerProblems(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // Each (account, shard) row against the transfers counted in it: a wallet has one row, a platform account
  // counts each transfer in the transfer's shard.
  const rows = await db.execute(sql`
    with moves as (
      select debit_account_id as account, shard, amount as debit, 0::bigint as credit, kind from ledger_transfers
      union all
      select credit_account_id, shard, 0, amount, kind from ledger_transfers
    ),
    counted as (
      select account, case when a.kind = 'mentor_wallet' then 0 else m.shard end as shard,
        sum(debit) filter (where m.kind in ('posted', 'post_pending')) as dp,
        sum(credit) filter (where m.kind in ('posted', 'post_pending')) as cp,
        sum(case m.kind when 'pending' then debit when 'posted' then 0 else -debit end) as dpe,
        sum(case m.kind when 'pending' then credit when 'posted' then 0 else -credit end) as cpe
      from moves m join ledger_accounts a on a.id = m.account
      group by 1, 2
    )
    select coalesce(b.account_id, c.account) as id, coalesce(b.shard, c.shard) as shard, b.kind::text as kind,
      coalesce(b.debits_posted, 0)::bigint as dp, coalesce(b.credits_posted, 0)::bigint as cp,
      coalesce(b.debits_pending, 0)::bigint as dpe, coalesce(b.credits_pending, 0)::bigint as cpe,
      coalesce(c.dp, 0)::bigint as calc_dp, coalesce(c.cp, 0)::bigint as calc_cp, coalesce(c.dpe, 0)::bigint as calc_dpe, coalesce(c.cpe, 0)::bigint as calc_cpe,
      -- In the same statement (one snapshot), so a transfer committing meanwhile can't make the two disagree.
      (select coalesce(sum(amount), 0) from ledger_transfers p
        where p.kind = 'pending' and not exists (select 1 from ledger_transfers r where r.pending_id = p.id))::bigint as open
    from ledger_balances b full join counted c on c.account = b.account_id and c.shard = b.shard`);
  const list = rowsOf<Record<string, unknown>>(rows);
  let debits = 0;
  let credits = 0;
  let pendingDebits = 0;
  let pendingCredits = 0;
  for (const r of list) {
    const [dp, cp, dpe, cpe, calcDp, calcCp, calcDpe, calcCpe] = [r.dp, r.cp, r.dpe, r.cpe, r.calc_dp, r.calc_cp, r.calc_dpe, r.calc_cpe].map(Number) as number[];
    debits += dp!;
    credits += cp!;
    pendingDebits += dpe!;
    pendingCredits += cpe!;
    const where = `${String(r.id)}#${String(r.shard)}`;
    if (dp !== calcDp || cp !== calcCp) problems.push(`${where}: stored posted ${dp}/${cp} but transfers say ${calcDp}/${calcCp}`);
    if (dpe !== calcDpe || cpe !== calcCpe) problems.push(`${where}: stored pending ${dpe}/${cpe} but transfers say ${calcDpe}/${calcCpe}`);
    if (r.kind === 'mentor_wallet' && cp! - dp! - dpe! < 0) problems.push(`${where} is negative`);
  }
  if (debits !== credits) problems.push(`posted debits ${debits} ≠ credits ${credits}`);
  if (pendingDebits !== pendingCredits) problems.push(`pending debits ${pendingDebits} ≠ pending credits ${pendingCredits}`);
  const open = Number(list[0]?.open ?? 0);
  if (open !== pendingDebits) problems.push(`open pending transfers ${open} ≠ pending debits on accounts ${pendingDebits}`);
  return problems;
}

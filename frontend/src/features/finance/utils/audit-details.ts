import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import type { AuditEntry } from '../types';
import { accountLabel } from './labels';
import { dateIn, dayRangeOf, formatDayRange } from './period';

/** How a ledger transfer stands: a hold (pending), the hold made final or undone, or a plain posting. */
type TransferKind = 'pending' | 'post_pending' | 'void_pending' | 'posted';

const holdNotes: Record<TransferKind, string | null> = {
  pending: 'On hold',
  post_pending: 'Hold made final',
  void_pending: 'Hold undone',
  posted: null,
};

function transferKind(entry: AuditEntry): TransferKind {
  const kind = entry.data.kind;
  if (kind === 'pending' || kind === 'post_pending' || kind === 'void_pending' || kind === 'posted') return kind;
  if (entry.action.endsWith('_void')) return 'void_pending';
  if (entry.action.endsWith('_post')) return 'post_pending';
  return 'posted';
}

/**
 * Which way a money movement's money went. A hold undone (`…_void`) carries the accounts of the hold it undoes
 * (wallet → payouts in transit for a withdrawal): the money went the other way, back to where it was held from.
 */
export function moneyMovement(entry: AuditEntry): { from: string; to: string; note: string | null } {
  const kind = transferKind(entry);
  const [from, to] = kind === 'void_pending' ? [entry.data.credit, entry.data.debit] : [entry.data.debit, entry.data.credit];
  return { from: accountLabel(from), to: accountLabel(to), note: holdNotes[kind] };
}

/** What each fact an action records is, for people; facts not named here show under their own key. */
const factLabels: Record<string, string> = {
  reason: 'Reason',
  note: 'Note',
  outcome: 'Outcome',
  slug: 'Profile',
  payoutId: 'Payout',
  utr: 'UTR',
  type: 'Method',
  masked: 'Account',
  ifsc: 'IFSC',
  week: 'Week',
  disputeId: 'Dispute',
  mentorId: 'Mentor',
  mismatchCount: 'Mismatches',
  from: 'From',
  to: 'To',
};

const factValues: Record<string, Record<string, string>> = {
  outcome: { release: 'Released to the mentor', refund: 'Full refund', partial: 'Partial refund' },
  type: { bank: 'Bank account', upi: 'UPI' },
};

/** Shown in the amount column already. */
const AMOUNT_KEYS = ['amountPaise', 'refundPaise'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function factValue(key: string, value: string | number | boolean, timeZone: string): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-IN');
  const named = factValues[key]?.[value];
  if (named) return named;
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return `${formatZonedDate(value, timeZone, 'medium')} at ${zonedHhmm(value, timeZone)}`;
  if (UUID.test(value)) return `${value.slice(0, 8)}…`;
  return value;
}

/** A reconciliation's period is the days it compared (India's, its end the start of the day after the last). */
function reconciledDays(entry: AuditEntry): string | null {
  const { from, to } = entry.data;
  if (typeof from !== 'string' || typeof to !== 'string' || !INSTANT.test(from) || !INSTANT.test(to)) return null;
  const days = dayRangeOf({ from, to });
  return dateIn(days.from) && dateIn(days.to) && days.from <= days.to ? formatDayRange(days) : null;
}

/**
 * An admin action's own facts, readable: "Outcome: Partial refund", "UTR: 1981…", instants as dates and times in
 * `timeZone`, a reconciliation's period as its days; amounts are left to the amount column, and nested data out.
 */
export function actionFacts(entry: AuditEntry, timeZone: string): { label: string; value: string }[] {
  const days = entry.action === 'reconciliation.run' ? reconciledDays(entry) : null;
  const facts: { label: string; value: string }[] = days ? [{ label: 'Days', value: days }] : [];
  for (const [key, value] of Object.entries(entry.data)) {
    if (AMOUNT_KEYS.includes(key) || (days && (key === 'from' || key === 'to'))) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    facts.push({ label: factLabels[key] ?? key, value: factValue(key, value, timeZone) });
  }
  return facts;
}

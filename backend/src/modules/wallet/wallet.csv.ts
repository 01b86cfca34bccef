import { businessDateOf } from '../../lib/business-time.js';
import { assertPaise } from '../../lib/money.js';
import type { Transaction } from './wallet.schemas.js';

/**
 * The statement as a spreadsheet: one header row, then a row per line. Amounts are rupees with two decimals, written
 * from the integer paise by integer division (never through a float), so "-1234.05" is exactly -123405 paise.
 * Instants are written in India's time (UTC+05:30) with their offset, so they read as the mentor sees them and a
 * spreadsheet still knows the instant.
 */

export const CSV_HEADER = ['Date', 'Type', 'Description', 'Amount (INR)', 'Status', 'Settled on', 'Session paid (INR)', 'Commission (INR)', 'Gateway fee (INR)', 'Booking', 'Withdrawal', 'Reference'];

/** -123405 → "-1234.05"; 5 → "0.05". */
export function rupeesText(paise: number): string {
  assertPaise(paise);
  const sign = paise < 0 ? '-' : '';
  const abs = Math.abs(paise);
  const paisePart = abs % 100;
  const rupees = (abs - paisePart) / 100;
  return `${sign}${rupees}.${String(paisePart).padStart(2, '0')}`;
}

const IST_OFFSET_MS = 330 * 60_000;

/** "2026-11-10T11:30:00+05:30" for 06:00Z. */
export function istText(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + IST_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+05:30`;
}

/** The business day (India's) of an instant, e.g. for a file name. */
export const istDate = (at: Date): string => businessDateOf(at);

/**
 * A field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break. Text that a spreadsheet
 * would run as a formula (=, +, -, @ first) is prefixed with an apostrophe; amounts are written as numbers.
 */
export function csvField(value: string, { numeric = false }: { numeric?: boolean } = {}): string {
  const safe = !numeric && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const TYPE_LABELS: Record<Transaction['type'], string> = {
  earning: 'Earning',
  withdrawal: 'Withdrawal',
  withdrawal_returned: 'Withdrawal returned',
  payout_reversal: 'Payout reversed',
};

const STATUS_LABELS: Record<Transaction['status'], string> = {
  in_escrow: 'In escrow',
  released: 'Released',
  refunded: 'Refunded to the student',
  in_transit: 'In transit',
  paid: 'Paid',
  returned: 'Returned',
  settled: 'Settled',
};

export function csvRow(line: Transaction): string {
  const money = (paise: number | undefined) => (paise === undefined ? '' : rupeesText(paise));
  const fields = [
    csvField(istText(line.at)),
    csvField(TYPE_LABELS[line.type]),
    csvField(line.description),
    csvField(rupeesText(line.amountPaise), { numeric: true }),
    csvField(STATUS_LABELS[line.status]),
    csvField(line.settledAt ? istText(line.settledAt) : ''),
    csvField(money(line.split?.grossPaise), { numeric: true }),
    csvField(money(line.split?.commissionPaise), { numeric: true }),
    csvField(money(line.split?.gatewayFeePaise), { numeric: true }),
    csvField(line.bookingId ?? ''),
    csvField(line.withdrawalId ?? ''),
    csvField(line.id),
  ];
  return `${fields.join(',')}\r\n`;
}

export const csvHeaderRow = () => `${CSV_HEADER.map((h) => csvField(h)).join(',')}\r\n`;

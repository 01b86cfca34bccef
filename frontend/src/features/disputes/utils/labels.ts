import { formatPaise } from '@/lib/money';
import type { Dispute, DisputeOutcome } from '../types';

/** What the admin decided, in words: "Released to the mentor", "Refunded in full", "₹1,000 refunded". */
export function outcomeText(dispute: Pick<Dispute, 'outcome' | 'refundPaise'>): string | null {
  switch (dispute.outcome) {
    case 'release':
      return 'Released to the mentor';
    case 'refund':
      return 'Refunded in full';
    case 'partial':
      return dispute.refundPaise === null ? 'Partly refunded' : `${formatPaise(dispute.refundPaise)} refunded`;
    case null:
      return null;
  }
}

export const outcomeColors: Record<DisputeOutcome, string> = { release: 'teal', refund: 'blue', partial: 'grape' };

/** The start of a reason for a list: whole words, at most `max` characters, "…" when cut. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

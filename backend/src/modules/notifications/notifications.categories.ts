/**
 * What people can switch off (PRODUCT.md §10): every notification `type` the code sends, grouped into the
 * categories a person sees on the Notifications settings page, each with an in-app and an email switch. This is the
 * one list: notify() reads it to apply preferences, the API lists it, the unsubscribe link names a category of it.
 *
 * A type in no category is always sent, whatever the preferences — on purpose, so a new type is never silently
 * dropped. The ones in ALWAYS_SENT_TYPES are kept out deliberately: they concern a person's money or the security of
 * their account (a changed payout method, a refund, how a paid session ended and what that does to the money, a
 * dispute's decision, a payout started on its own), or an admin's duty (queues, reconciliation).
 */

export const NOTIFICATION_CATEGORIES = [
  { key: 'booking_confirmed', label: 'Booking confirmed', description: 'A session is booked and paid (with the calendar invite).', types: ['booking_confirmed'] },
  { key: 'booking_cancelled', label: 'Booking cancelled', description: 'A session is called off, by you or the other person.', types: ['booking_cancelled'] },
  { key: 'booking_rescheduled', label: 'Booking rescheduled', description: 'A session moves to another time.', types: ['booking_rescheduled'] },
  { key: 'reminder', label: 'Session reminders', description: '24 hours and 15 minutes before a session.', types: ['session_reminder'] },
  { key: 'session_starting', label: 'Session starting', description: 'The call opens, shortly before the start.', types: ['session_starting'] },
  { key: 'review_received', label: 'Review received', description: 'A student reviews a session with you.', types: ['review_received'] },
  { key: 'payment_released', label: 'Payment released', description: 'Your share of a session reaches your wallet.', types: ['payment_released'] },
  { key: 'withdrawal_approved', label: 'Withdrawal approved', description: 'An admin approves your withdrawal.', types: ['withdrawal_approved'] },
  { key: 'withdrawal_rejected', label: 'Withdrawal declined', description: 'An admin declines your withdrawal (the money is back).', types: ['withdrawal_rejected'] },
  { key: 'withdrawal_processed', label: 'Withdrawal paid out', description: 'The bank confirms your payout, with its reference.', types: ['withdrawal_processed'] },
  { key: 'withdrawal_failed', label: 'Withdrawal failed', description: 'A payout fails or the bank returns it (the money is back).', types: ['withdrawal_failed', 'withdrawal_reversed'] },
  { key: 'application_approved', label: 'Application approved', description: 'Your mentor application is approved.', types: ['application_approved'] },
  { key: 'application_rejected', label: 'Application not approved', description: 'Your mentor application is declined, with the reason.', types: ['application_rejected'] },
  { key: 'new_message', label: 'New message', description: 'Someone writes to you in a chat.', types: ['new_message'] },
] as const;

export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number]['key'];

export const categoryKeys = NOTIFICATION_CATEGORIES.map((c) => c.key) as [NotificationCategory, ...NotificationCategory[]];

/** Sent whatever the preferences (see the header); listed so the settings page can say so, and so a test can check no type is in both. */
export const ALWAYS_SENT_TYPES = [
  'payout_method_changed',
  'payment_refunded',
  'refund_processed',
  'session_settled',
  'dispute_resolved',
  'withdrawal_requested',
  'admin_withdrawal_requested',
  'admin_withdrawal_failed',
  'admin_withdrawal_reversed',
  'reconciliation_mismatches',
] as const;

/** What the settings page shows under "always sent", in people's words. */
export const ALWAYS_SENT_NOTICES = [
  'Changes to your payout method',
  'Refunds',
  'How a paid session ended, and dispute decisions',
  'Payouts started for you (weekly automatic payouts)',
  'Work waiting in an admin queue (admins only)',
] as const;

const categoryByType = new Map<string, NotificationCategory>(NOTIFICATION_CATEGORIES.flatMap((c) => c.types.map((type) => [type, c.key] as const)));

/** The category a notification type belongs to, or null when it is always sent. */
export const categoryOf = (type: string): NotificationCategory | null => categoryByType.get(type) ?? null;

export const categoryLabel = (key: NotificationCategory): string => NOTIFICATION_CATEGORIES.find((c) => c.key === key)!.label;

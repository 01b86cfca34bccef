// Every table and view of the product, for drizzle-kit (which writes the migrations from it). It sits beside the
// app's composition because it is one: db/ knows no module, and modules import only their own tables.
export * from './lib/idempotency.tables.js';
export * from './modules/users/users.tables.js';
export * from './modules/auth/auth.tables.js';
export * from './modules/notifications/notifications.tables.js';
export * from './modules/mentors/mentors.tables.js';
export * from './modules/reviews/reviews.tables.js';
export * from './modules/audit/audit.tables.js';
export * from './modules/availability/availability.tables.js';
export * from './modules/ledger/ledger.tables.js';
export * from './modules/bookings/bookings.tables.js';
export * from './modules/payments/payments.tables.js';
export * from './modules/sandbox/sandbox.tables.js';
export * from './modules/sessions/sessions.tables.js';
export * from './modules/disputes/disputes.tables.js';
export * from './modules/payouts/payouts.tables.js';
export * from './modules/finance/finance.tables.js';
export * from './modules/chat/chat.tables.js';
export * from './modules/reminders/reminders.tables.js';

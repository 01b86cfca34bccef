// Every table of every module, for the Drizzle client and drizzle-kit. Modules import their own tables directly.
export * from '../modules/users/users.tables.js';
export * from '../modules/auth/auth.tables.js';
export * from '../modules/notifications/notifications.tables.js';
export * from '../modules/mentors/mentors.tables.js';
export * from '../modules/reviews/reviews.tables.js';
export * from '../modules/audit/audit.tables.js';
export * from '../modules/availability/availability.tables.js';
export * from '../modules/ledger/ledger.tables.js';
export * from '../modules/bookings/bookings.tables.js';
export * from '../modules/bookings/payments.tables.js';
export * from '../modules/sandbox/sandbox.tables.js';

// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { partialMatchKey, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from './query-keys';

const featuresDir = fileURLToPath(new URL('../features', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** A key written out in place: `queryKey: [...]`, or a literal array handed to `setQueryData`/`getQueryData`/`getQueryState`. */
const literalKey = /queryKey:\s*\[|Query(?:Data|State)(?:<[^>]*>)?\(\s*\[/;

describe('query keys', () => {
  it('when any feature file is read, then none writes a query key as an array literal (they come from lib/query-keys)', () => {
    const files = sourceFiles(featuresDir);
    // The scan must really see the features, or the rule would pass on nothing.
    expect(files.map((file) => relative(featuresDir, file))).toContain(join('bookings', 'api', 'get-booking.ts'));

    const offenders = files.filter((file) => literalKey.test(readFileSync(file, 'utf8'))).map((file) => relative(featuresDir, file));

    expect(offenders).toEqual([]);
  });

  it('when the factories are called, then they give the keys the cache has always used', () => {
    const bookingsQuery = { role: 'student', status: 'upcoming', page: 1, limit: 20 };
    const availabilityParams = { slug: 'asha-rao', from: '2026-11-10', to: '2026-12-10', durationMinutes: 60, timeZone: 'Asia/Kolkata' };

    expect(queryKeys.bookings.all).toEqual(['bookings']);
    expect(queryKeys.bookings.list(bookingsQuery)).toEqual(['bookings', 'list', bookingsQuery]);
    expect(queryKeys.bookings.detail('b-1')).toEqual(['bookings', 'detail', 'b-1']);
    expect(queryKeys.bookings.cancellationQuote('b-1')).toEqual(['bookings', 'cancellation-quote', 'b-1']);
    expect(queryKeys.payments.all).toEqual(['payments']);
    expect(queryKeys.payments.list({ page: 2, limit: 20 })).toEqual(['payments', 'list', { page: 2, limit: 20 }]);
    expect(queryKeys.payments.invoice('p-1')).toEqual(['payments', 'invoice', 'p-1']);
    expect(queryKeys.mentors.all).toEqual(['mentors']);
    expect(queryKeys.mentors.list('q=redis&page=2')).toEqual(['mentors', 'list', 'q=redis&page=2']);
    expect(queryKeys.mentors.reviews('asha-rao', 3)).toEqual(['mentors', 'reviews', 'asha-rao', 3]);
    expect(queryKeys.mentors.facets).toEqual(['mentors', 'facets']);
    expect(queryKeys.mentors.me).toEqual(['mentors', 'me']);
    expect(queryKeys.mentorApplications.list({ status: 'pending' })).toEqual(['admin', 'mentor-applications', { status: 'pending' }]);
    expect(queryKeys.availability.public('asha-rao', availabilityParams)).toEqual(['availability', 'public', 'asha-rao', availabilityParams]);
    expect(queryKeys.availability.mySlots).toEqual(['availability', 'me', 'slots']);
    expect(queryKeys.notifications.list({ page: 1, limit: 10 })).toEqual(['notifications', 'list', { page: 1, limit: 10 }]);
    expect(queryKeys.notifications.unreadCount).toEqual(['notifications', 'unread-count']);
    expect(queryKeys.notifications.lists).toEqual(['notifications', 'list']);
    expect(queryKeys.adminQueues.counts).toEqual(['admin', 'queues']);
    expect(queryKeys.notificationSettings).toEqual(['notification-settings']);
    expect(queryKeys.chat.conversations).toEqual(['chat', 'conversations']);
    expect(queryKeys.chat.conversation('c-1')).toEqual(['chat', 'conversation', 'c-1']);
    expect(queryKeys.chat.messages('c-1')).toEqual(['chat', 'messages', 'c-1']);
    expect(queryKeys.sessions.meeting('b-1')).toEqual(['sessions', 'meeting', 'b-1']);
    expect(queryKeys.sessions.notes('b-1')).toEqual(['sessions', 'notes', 'b-1']);
    expect(queryKeys.disputes.ofBooking('b-1')).toEqual(['disputes', 'booking', 'b-1']);
    expect(queryKeys.adminDisputes.list({ status: 'open', page: 1, limit: 20 })).toEqual(['admin', 'disputes', 'list', { status: 'open', page: 1, limit: 20 }]);
    expect(queryKeys.adminDisputes.detail('d-1')).toEqual(['admin', 'disputes', 'detail', 'd-1']);
    expect(queryKeys.reviews.ofBooking('b-1')).toEqual(['reviews', 'booking', 'b-1']);
    expect(queryKeys.adminReviews.list({ status: 'reported', page: 1, limit: 20 })).toEqual(['admin', 'reviews', 'list', { status: 'reported', page: 1, limit: 20 }]);
    expect(queryKeys.me).toEqual(['users', 'me']);
    expect(queryKeys.meta).toEqual(['meta']);
  });

  it('when a prefix is invalidated, then every key under it matches and no key of another domain does', () => {
    const query = { role: 'mentor', status: 'all', page: 1, limit: 20 };

    expect(partialMatchKey(queryKeys.bookings.list(query), queryKeys.bookings.all)).toBe(true);
    expect(partialMatchKey(queryKeys.bookings.list(query), queryKeys.bookings.lists)).toBe(true);
    expect(partialMatchKey(queryKeys.bookings.detail('b-1'), queryKeys.bookings.lists)).toBe(false);
    expect(partialMatchKey(queryKeys.payments.invoice('p-1'), queryKeys.payments.all)).toBe(true);
    expect(partialMatchKey(queryKeys.availability.public('asha-rao', { from: 'x' }), queryKeys.availability.publicAll)).toBe(true);
    expect(partialMatchKey(queryKeys.availability.mine, queryKeys.availability.publicAll)).toBe(false);
    expect(partialMatchKey(queryKeys.notifications.unreadCount, queryKeys.notifications.all)).toBe(true);
    expect(partialMatchKey(queryKeys.notificationSettings, queryKeys.notifications.all)).toBe(false);
    expect(partialMatchKey(queryKeys.notifications.list({ page: 1, limit: 20 }), queryKeys.notifications.lists)).toBe(true);
    // A pushed notification refreshes the list, not the bell's count it has just set.
    expect(partialMatchKey(queryKeys.notifications.unreadCount, queryKeys.notifications.lists)).toBe(false);
    // Refreshing a queue's pages does not ask for the counts again, and the other way round.
    expect(partialMatchKey(queryKeys.adminQueues.counts, queryKeys.adminWithdrawals.all)).toBe(false);
    expect(partialMatchKey(queryKeys.adminWithdrawals.list({ page: 1 }), queryKeys.adminQueues.counts)).toBe(false);
    expect(partialMatchKey(queryKeys.chat.messages('c-1'), queryKeys.chat.all)).toBe(true);
    expect(partialMatchKey(queryKeys.chat.conversation('c-1'), queryKeys.chat.all)).toBe(true);
    expect(partialMatchKey(queryKeys.payments.all, queryKeys.bookings.all)).toBe(false);
    expect(partialMatchKey(queryKeys.sessions.notes('b-1'), queryKeys.bookings.all)).toBe(false);
    expect(partialMatchKey(queryKeys.sessions.meeting('b-1'), queryKeys.sessions.all)).toBe(true);
    expect(partialMatchKey(queryKeys.adminDisputes.list({ status: 'resolved' }), queryKeys.adminDisputes.lists)).toBe(true);
    expect(partialMatchKey(queryKeys.adminDisputes.detail('d-1'), queryKeys.adminDisputes.lists)).toBe(false);
    expect(partialMatchKey(queryKeys.adminDisputes.list({ status: 'open' }), queryKeys.mentorApplications.all)).toBe(false);
    expect(partialMatchKey(queryKeys.disputes.ofBooking('b-1'), queryKeys.bookings.all)).toBe(false);
    expect(partialMatchKey(queryKeys.reviews.ofBooking('b-1'), queryKeys.mentors.all)).toBe(false);
    expect(partialMatchKey(queryKeys.adminReviews.list({ status: 'hidden' }), queryKeys.adminReviews.lists)).toBe(true);
    expect(partialMatchKey(queryKeys.adminReviews.list({ status: 'hidden' }), queryKeys.adminDisputes.all)).toBe(false);
  });

  it('when the query client invalidates bookings.all, then lists and details are marked stale and payments are not', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.bookings.list({ page: 1 }), { items: [] });
    client.setQueryData(queryKeys.bookings.detail('b-1'), { id: 'b-1' });
    client.setQueryData(queryKeys.payments.list({ page: 1 }), { items: [] });

    await client.invalidateQueries({ queryKey: queryKeys.bookings.all });

    expect(client.getQueryState(queryKeys.bookings.list({ page: 1 }))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.bookings.detail('b-1'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.payments.list({ page: 1 }))?.isInvalidated).toBe(false);
    client.clear();
  });
});

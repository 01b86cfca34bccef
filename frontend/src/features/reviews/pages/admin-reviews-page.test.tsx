import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { aReviewRecord, type FakeReviewRecord } from '@/testing/fake-reviews';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { AdminReviewsPage } from './admin-reviews-page';

// The admin's queue of reported reviews, against the bookings fake playing the reviews API.
// Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z); the admin reads times in Kolkata.
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });
const asha = testMentor();
const vikram = testMentor({ id: '9c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e60', name: 'Vikram Shah', slug: 'vikram-shah' });
const zoya = viewerOf(testUser());
const rohan = { id: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9', name: 'Rohan Das', email: 'rohan@example.com' };
const TZ = 'Asia/Kolkata';
const report = (reason: string, at: string) => ({ reporterId: `r-${at}`, reason, at });

function seed() {
  const zoyas = aBookingRecord(asha, zoya, { startsAt: '2026-11-02T04:00:00.000Z', status: 'completed' });
  const rohans = aBookingRecord(vikram, rohan, { startsAt: '2026-11-03T04:00:00.000Z', status: 'completed' });
  const older = aBookingRecord(asha, rohan, { startsAt: '2026-10-20T04:00:00.000Z', status: 'completed' });
  const spam = aReviewRecord(zoyas, {
    rating: 1,
    text: 'Visit example.test for cheap interview answers!!!',
    reportedAt: '2026-11-09T03:15:00.000Z',
    reports: [report('Advertising, not a review', '2026-11-09T03:15:00.000Z'), report('Spam link', '2026-11-09T10:40:00.000Z')],
  });
  const rude = aReviewRecord(rohans, { rating: 2, text: 'He was rude and useless.', isPublic: true, reportedAt: '2026-11-09T12:00:00.000Z', reports: [report('Personal attack', '2026-11-09T12:00:00.000Z')] });
  const hidden = aReviewRecord(older, { rating: 1, text: 'An old insult.', hidden: true, reports: [report('Insulting', '2026-10-21T06:00:00.000Z')] });
  return { bookings: [zoyas, rohans, older], reviews: [spam, rude, hidden], spam, rude, hidden };
}

function renderQueue({ bookings, reviews, override = {}, initialPath = '/admin/reviews' }: { bookings: FakeBookingRecord[]; reviews: FakeReviewRecord[]; override?: Routes; initialPath?: string }) {
  return renderWithBookings([{ path: '/admin/reviews', element: <AdminReviewsPage timeZone={TZ} /> }], {
    user: aditi,
    mentors: [asha, vikram],
    bookings,
    reviews,
    routes: override,
    initialPath,
  });
}

describe('admin reported reviews', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the admin opens the queue, then reported reviews are listed oldest report first with mentor, student, stars, words and each report’s reason and time', async () => {
    const { bookings, reviews } = seed();
    const { backend } = renderQueue({ bookings, reviews });

    const items = await screen.findAllByRole('article', { name: /^Review of / });
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['Review of Asha Rao by Zoya Khan', 'Review of Vikram Shah by Rohan Das']);
    const [first] = items;
    expect(first).toHaveTextContent('Zoya Khan →about Asha Rao');
    expect(within(first!).getByRole('img', { name: '1 out of 5 stars' })).toBeInTheDocument();
    expect(within(first!).getByTestId('moderated-review-text')).toHaveTextContent('Visit example.test for cheap interview answers!!!');
    expect(within(first!).getByRole('list', { name: '2 reports' })).toBeInTheDocument();
    expect(within(first!).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '“Advertising, not a review” · Mon, 9 Nov, 2026 at 08:45',
      '“Spam link” · Mon, 9 Nov, 2026 at 16:10',
    ]);
    expect(screen.getByText('2 reviews')).toBeInTheDocument();
    expect(backend.sent('GET /api/admin/reviews').map((request) => Object.fromEntries(request.query))).toEqual([{ status: 'reported', page: '1', limit: '20' }]);
  });

  it('when the admin hides a review and confirms, then it is sent, leaves the Reported tab and shows under Hidden', async () => {
    const { bookings, reviews, spam } = seed();
    const { backend, fake } = renderQueue({ bookings, reviews });
    const ui = userEvent.setup();

    const item = await screen.findByRole('article', { name: 'Review of Asha Rao by Zoya Khan' });
    await ui.click(within(item).getByRole('button', { name: 'Hide' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hide this review?' });
    expect(within(dialog).getByTestId('moderation-summary')).toHaveTextContent(
      'Zoya Khan’s review comes off Asha Rao’s profile and no longer counts in their rating. You can restore it from Hidden.',
    );
    expect(backend.sent(`POST /api/admin/reviews/${spam.id}/hide`)).toHaveLength(0);
    await ui.click(within(dialog).getByRole('button', { name: 'Hide review' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Review of Asha Rao by Zoya Khan' })).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/admin/reviews/${spam.id}/hide`)).toHaveLength(1);
    expect(fake.reviews.find((review) => review.id === spam.id)).toMatchObject({ hidden: true, reportedAt: null });
    expect(await screen.findByText('Review hidden')).toBeInTheDocument();
    expect(screen.getAllByRole('article', { name: /^Review of / })).toHaveLength(1);

    await ui.click(screen.getByRole('tab', { name: 'Hidden' }));
    const hidden = await screen.findAllByRole('article', { name: /^Review of / });
    expect(hidden.map((article) => article.getAttribute('aria-label'))).toEqual(['Review of Asha Rao by Zoya Khan', 'Review of Asha Rao by Rohan Das']);
    expect(within(hidden[0]!).getByRole('button', { name: 'Restore' })).toBeInTheDocument();
  });

  it('when the admin cancels the confirmation, then nothing is sent and the review stays in the queue', async () => {
    const { bookings, reviews, rude } = seed();
    const { backend } = renderQueue({ bookings, reviews });
    const ui = userEvent.setup();

    const item = await screen.findByRole('article', { name: 'Review of Vikram Shah by Rohan Das' });
    await ui.click(within(item).getByRole('button', { name: 'Keep visible' }));
    const dialog = await screen.findByRole('dialog', { name: 'Keep this review?' });
    expect(within(dialog).getByTestId('moderation-summary')).toHaveTextContent('Rohan Das’s review stays on Vikram Shah’s profile, and its reports are closed.');
    await ui.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/admin/reviews/${rude.id}/restore`)).toHaveLength(0);
    expect(screen.getByRole('article', { name: 'Review of Vikram Shah by Rohan Das' })).toBeInTheDocument();
  });

  it('when the admin restores a hidden review, then it is sent and the Hidden tab empties', async () => {
    const { bookings, hidden } = seed();
    const { backend, fake } = renderQueue({ bookings, reviews: [hidden], initialPath: '/admin/reviews?status=hidden' });
    const ui = userEvent.setup();

    expect(await screen.findByRole('tab', { name: 'Hidden' })).toHaveAttribute('aria-selected', 'true');
    const item = await screen.findByRole('article', { name: 'Review of Asha Rao by Rohan Das' });
    await ui.click(within(item).getByRole('button', { name: 'Restore' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore this review?' });
    expect(within(dialog).getByTestId('moderation-summary')).toHaveTextContent('Rohan Das’s review goes back on Asha Rao’s profile and counts in Asha Rao’s rating again.');
    await ui.click(within(dialog).getByRole('button', { name: 'Restore review' }));

    expect(await screen.findByText('No hidden reviews')).toBeInTheDocument();
    expect(backend.sent(`POST /api/admin/reviews/${hidden.id}/restore`)).toHaveLength(1);
    expect(fake.reviews[0]).toMatchObject({ hidden: false });
    expect(await screen.findByText('Review restored')).toBeInTheDocument();
  });

  it('when more reviews are reported than fit on a page, then the pagination moves to the next page through the URL', async () => {
    const booking = aBookingRecord(asha, zoya, { startsAt: '2026-11-02T04:00:00.000Z', status: 'completed' });
    const many = Array.from({ length: 23 }, (_, index) =>
      aReviewRecord(booking, { text: `Report number ${index + 1}`, reportedAt: new Date(Date.UTC(2026, 10, 1, 0, index)).toISOString(), reports: [report('Spam', '2026-11-01T00:00:00.000Z')] }),
    );
    const { backend, router } = renderQueue({ bookings: [booking], reviews: many });
    const ui = userEvent.setup();

    expect(await screen.findAllByRole('article', { name: /^Review of / })).toHaveLength(20);
    const pages = screen.getByRole('navigation', { name: 'Review pages' });
    expect(pages).toHaveTextContent('1–20 of 23');
    await ui.click(within(pages).getByRole('button', { name: '2' }));

    await waitFor(() => expect(screen.getAllByRole('article', { name: /^Review of / })).toHaveLength(3));
    expect(router.state.location.search).toBe('?page=2');
    expect(screen.getAllByTestId('moderated-review-text').map((text) => text.textContent)).toEqual(['Report number 21', 'Report number 22', 'Report number 23']);
    expect(backend.sent('GET /api/admin/reviews').at(-1)?.query.get('page')).toBe('2');
  });

  it('when nothing is reported, then the queue says so', async () => {
    renderQueue({ bookings: [], reviews: [] });

    expect(await screen.findByText('No reported reviews')).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('when the queue can’t be loaded, then an error with a retry shows, and the retry loads the queue', async () => {
    const { bookings, reviews } = seed();
    let failing = true;
    const { backend } = renderQueue({
      bookings,
      reviews,
      override: {
        'GET /api/admin/reviews': () =>
          failing
            ? { status: 500, body: problem(500, 'internal', 'The server had a problem') }
            : { status: 200, body: { items: [], page: 1, limit: 20, total: 0 } },
      },
    });
    const ui = userEvent.setup();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn\'t load the reviews');
    expect(alert).toHaveTextContent('The server had a problem');
    failing = false;
    await ui.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No reported reviews')).toBeInTheDocument();
    expect(backend.sent('GET /api/admin/reviews').length).toBeGreaterThanOrEqual(2);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Routes, type SeenRequest } from '@/testing/fake-backend';
import { aBookingRecord, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { aMentorProfile } from '@/testing/mentor-profile';
import { aReviewRecord, fakeReviewsBackend, type FakeReviewRecord } from '@/testing/fake-reviews';
import { renderWithApp } from '@/testing/render-app';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { routes } from '../router';

// The app's real route tree: the reviews feature composed into the bookings feature's page, the mentors feature's
// profile (a "Report" under each review) and the admin's navigation; the mentors feature's stats on a mentor's
// dashboard. Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const zoya = testUser();
const zoyaViewer = viewerOf(zoya);
const asha = testMentor();
const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });

const ashaProfile = aMentorProfile(asha, {
  ratingAvg: 4.5,
  ratingCount: 2,
  ratingSummary: { average: 4.5, count: 2, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } },
  stats: { sessionsCompleted: 40, cancellationRate: 0.025, repeatStudentRate: 0.3, noShows: 1, averageRating: 4.5 },
});

const noAvailability = (request: SeenRequest) =>
  json({ timeZone: request.query.get('timeZone'), mentorTimeZone: 'Asia/Kolkata', durationMinutes: Number(request.query.get('durationMinutes')), days: [], groupSlots: [] });

/** This morning, 09:30–10:30 Kolkata, its money held until tomorrow. */
const completed = (overrides: Partial<FakeBookingRecord> = {}) =>
  aBookingRecord(asha, zoyaViewer, {
    startsAt: '2026-11-10T04:00:00.000Z',
    status: 'completed',
    settlement: { status: 'held', releaseAt: '2026-11-11T05:00:00.000Z', releasedAt: null, refundPaise: 0 },
    ...overrides,
  });

function renderApp(
  initialPath: string,
  { bookings = [], reviews = [], viewer = zoya, override = {} }: { bookings?: FakeBookingRecord[]; reviews?: FakeReviewRecord[]; viewer?: ReturnType<typeof testUser>; override?: Routes },
) {
  return renderWithBookings(routes, {
    user: viewer,
    mentors: [asha],
    bookings,
    reviews,
    routes: {
      // Before `:slug`, which would take "me" for a slug.
      'GET /api/mentors/me': () => json(ashaProfile),
      'GET /api/mentors/:slug': (_request, { slug }) => (slug === asha.slug ? json(ashaProfile) : { status: 404, body: problem(404, 'mentor_not_found', 'No such mentor') }),
      'GET /api/mentors/:slug/availability': noAvailability,
      ...override,
    },
    initialPath,
  });
}

describe('reviews in the app', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the student opens a completed booking, then the page asks for a review below the session, and posting it shows it in place', async () => {
    const booking = completed();
    const { backend } = renderApp(`/bookings/${booking.id}`, { bookings: [booking] });
    const ui = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Review your session' });
    expect(section).toHaveTextContent('How was your session with Asha Rao?');
    const form = within(section).getByRole('form', { name: 'Review your session' });
    await ui.click(within(form).getByRole('radio', { name: '5 stars' }));
    await ui.type(within(form).getByRole('textbox', { name: 'Your review' }), 'Exactly what I needed.');
    await ui.click(within(form).getByRole('button', { name: 'Post review' }));

    const review = await screen.findByRole('region', { name: 'Your review' });
    expect(within(review).getByRole('img', { name: '5 out of 5 stars' })).toBeInTheDocument();
    expect(within(review).getByTestId('review-text')).toHaveTextContent('Exactly what I needed.');
    expect(backend.sent(`POST /api/bookings/${booking.id}/review`).map((request) => request.body)).toEqual([{ rating: 5, text: 'Exactly what I needed.', isPublic: true }]);
  });

  it('when the booking is still ahead, then the page neither asks for its review nor loads it', async () => {
    const booking = aBookingRecord(asha, zoyaViewer, { startsAt: '2026-11-25T03:30:00.000Z' });
    const { backend } = renderApp(`/bookings/${booking.id}`, { bookings: [booking] });

    expect(await screen.findByText('Confirmed')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Review your session' })).not.toBeInTheDocument();
    expect(backend.sent(`GET /api/bookings/${booking.id}/review`)).toHaveLength(0);
  });

  it('when the mentor opens the reviewed booking, then they read the review and reply from the page', async () => {
    const booking = completed();
    const review = aReviewRecord(booking, { rating: 4, text: 'Good session, a bit rushed at the end.' });
    const { fake } = renderApp(`/bookings/${booking.id}`, { bookings: [booking], reviews: [review], viewer: ashaUser });
    const ui = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Review from Zoya Khan' });
    expect(within(section).getByTestId('review-text')).toHaveTextContent('Good session, a bit rushed at the end.');
    const form = within(section).getByRole('form', { name: 'Reply to the review' });
    await ui.type(within(form).getByRole('textbox', { name: /Your reply/ }), 'Thanks! Next time we keep ten minutes for questions.');
    await ui.click(within(form).getByRole('button', { name: 'Post reply' }));

    await waitFor(() => expect(within(section).getByTestId('review-reply')).toHaveTextContent('Thanks! Next time we keep ten minutes for questions.'));
    expect(fake.reviews[0]?.mentorReply).toBe('Thanks! Next time we keep ten minutes for questions.');
  });

  it('when a signed-in student reads a mentor’s reviews, then each has a Report action that sends a reason and thanks them', async () => {
    const booking = completed();
    const review = aReviewRecord(booking, { rating: 1, text: 'Visit example.test for answers!' });
    const rohan = testUser({ id: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9', name: 'Rohan Das', email: 'rohan@example.com' });
    const { backend } = renderApp('/mentors/asha-rao', { bookings: [booking], reviews: [review], viewer: rohan });
    const ui = userEvent.setup();

    const reviews = await screen.findByRole('region', { name: 'Reviews' });
    const [item] = await within(reviews).findAllByRole('listitem');
    expect(item).toHaveTextContent('Visit example.test for answers!');
    await ui.click(within(item!).getByRole('button', { name: 'Report Zoya Khan’s review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report this review' });
    await ui.type(within(dialog).getByRole('textbox', { name: /What’s wrong with it/ }), 'Advertising');
    await ui.click(within(dialog).getByRole('button', { name: 'Send report' }));

    expect(await within(dialog).findByText('Thanks, our team will look at it.')).toBeInTheDocument();
    expect(backend.sent(`POST /api/reviews/${review.id}/report`).map((request) => request.body)).toEqual([{ reason: 'Advertising' }]);
  });

  it('when a visitor who is not signed in reads a mentor’s reviews, then there is no Report action', async () => {
    const booking = completed();
    const reviews = fakeReviewsBackend({ viewer: { id: 'nobody' }, bookings: [booking], reviews: [aReviewRecord(booking, { text: 'Clear and kind.' })] });
    installFakeBackend({
      ...sessionRoutes(null),
      ...reviews.routes,
      'GET /api/mentors/:slug': () => json(ashaProfile),
      'GET /api/mentors/:slug/availability': noAvailability,
    });
    renderWithApp(routes, { initialPath: '/mentors/asha-rao' });

    const section = await screen.findByRole('region', { name: 'Reviews' });
    expect(await within(section).findByText('Clear and kind.')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /Report/ })).not.toBeInTheDocument();
  });

  it('when an admin signs in, then Reviews sits next to Disputes in the navigation and opens the reported reviews', async () => {
    const booking = completed();
    const review = aReviewRecord(booking, { rating: 1, text: 'Spam.', reportedAt: '2026-11-10T05:00:00.000Z', reports: [{ reporterId: 'x', reason: 'Spam', at: '2026-11-10T05:00:00.000Z' }] });
    const { router } = renderApp('/dashboard', {
      bookings: [booking],
      reviews: [review],
      viewer: aditi,
      override: { 'GET /api/admin/mentor-applications': () => json({ items: [], page: 1, limit: 1, total: 0 }) },
    });
    const ui = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link').map((link) => link.textContent);
    expect(links.indexOf('Reviews')).toBe(links.indexOf('Disputes') + 1);
    await ui.click(within(nav).getByRole('link', { name: 'Reviews' }));

    expect(router.state.location.pathname).toBe('/admin/reviews');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reported reviews' })).toBeInTheDocument();
    expect(await screen.findByRole('article', { name: 'Review of Asha Rao by Zoya Khan' })).toBeInTheDocument();
  });

  it('when a student opens the reported reviews, then they are told the page is not for them and nothing is loaded', async () => {
    const { backend } = renderApp('/admin/reviews', {});

    expect(await screen.findByText('Only admins can open this page.')).toBeInTheDocument();
    expect(backend.sent('GET /api/admin/reviews')).toHaveLength(0);
  });

  it('when a mentor opens the dashboard, then their track record shows all five figures and links to their public page', async () => {
    renderApp('/dashboard', { viewer: ashaUser });

    const record = await screen.findByRole('region', { name: 'Your track record' });
    expect(within(record).getByTestId('stat-sessions')).toHaveTextContent('40Sessions completed');
    expect(within(record).getByTestId('stat-cancellations')).toHaveTextContent('3%Cancellation rate');
    expect(within(record).getByTestId('stat-repeat')).toHaveTextContent('30%Repeat students');
    expect(within(record).getByTestId('stat-no-shows')).toHaveTextContent('1No-shows');
    expect(within(record).getByTestId('stat-rating')).toHaveTextContent('4.5 / 5Average rating');
    expect(within(record).getByRole('link', { name: 'As students see it' })).toHaveAttribute('href', '/mentors/asha-rao');
  });

  it('when the mentor’s figures can’t be loaded, then the dashboard says so with a retry, and a student’s dashboard has no track record', async () => {
    let failing = true;
    const { unmount } = renderApp('/dashboard', {
      viewer: ashaUser,
      override: { 'GET /api/mentors/me': () => (failing ? { status: 503, body: problem(503, 'unavailable', 'Try again in a moment') } : json(ashaProfile)) },
    });
    const ui = userEvent.setup();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load your track record');
    failing = false;
    await ui.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Your track record' })).toBeInTheDocument();
    unmount();

    renderApp('/dashboard', {});
    expect(await screen.findByRole('heading', { name: 'Welcome, Zoya Khan' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Your track record' })).not.toBeInTheDocument();
  });
});

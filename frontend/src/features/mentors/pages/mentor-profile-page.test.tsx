import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { paths } from '@/config/paths';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import type { MentorProfile } from '../types';
import { MentorProfilePage } from './mentor-profile-page';

const asha: MentorProfile = {
  slug: 'asha-rao',
  name: 'Asha Rao',
  avatarUrl: null,
  headline: 'Staff Engineer at Google · system design and interview coaching',
  expertise: ['System Design', 'Go'],
  sessionTopics: ['System Design', 'Mock Interview'],
  languages: ['English', 'Hindi'],
  companies: ['Google', 'Flipkart'],
  price30Paise: 1_500_00,
  price60Paise: 1_00_000_00,
  ratingAvg: 4.5,
  ratingCount: 4,
  sessionsCompleted: 12,
  acceptingBookings: false,
  bio: 'I have run more than 300 system design interviews at Google and Flipkart.',
  experience: [{ company: 'Google', role: 'Staff Software Engineer', years: 6 }],
  linkedinUrl: 'https://www.linkedin.com/in/asha-rao',
  timeZone: 'Asia/Kolkata',
  memberSince: '2025-01-01T00:00:00.000Z',
  ratingSummary: { average: 4.5, count: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 2 } },
  stats: { sessionsCompleted: 12, cancellationRate: 0.083, repeatStudentRate: null, noShows: 2, averageRating: 4.5 },
  sessionLengths: [30, 60],
};

function renderProfile(slug: string) {
  const backend = installFakeBackend({
    ...sessionRoutes(null),
    'GET /api/mentors/:slug': (_request, params) =>
      params.slug === 'asha-rao' ? json(asha) : { status: 404, body: problem(404, 'not_found', 'Mentor not found') },
    'GET /api/mentors/:slug/reviews': () => json({ items: [], page: 1, limit: 5, total: 0 }),
  });
  renderWithApp([{ path: '/mentors/:slug', element: <MentorProfilePage slug={slug} /> }], { initialPath: `/mentors/${slug}` });
  return backend;
}

describe('a mentor’s public profile', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the mentor exists, then the page shows who they are, both prices in rupees, the rating spread, "—" for unknown stats and no reviews yet', async () => {
    renderProfile('asha-rao');

    expect(await screen.findByRole('heading', { level: 1, name: 'Asha Rao' })).toBeInTheDocument();
    expect(screen.getByText('Google · Flipkart')).toBeInTheDocument();
    expect(screen.getByText('Not accepting bookings')).toBeInTheDocument();
    const booking = screen.getByRole('region', { name: 'Book a session' });
    expect(within(booking).getByTestId('price-30')).toHaveTextContent('₹1,500');
    expect(within(booking).getByTestId('price-60')).toHaveTextContent('₹1,00,000');
    expect(within(booking).getByRole('button', { name: 'Book a session' })).toBeDisabled();
    expect(within(booking).getByText('Booking opens soon')).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: '5 stars: 2' })).toBeInTheDocument();
    const record = screen.getByRole('region', { name: 'Track record' });
    expect(within(record).getByTestId('stat-sessions')).toHaveTextContent('12Sessions completed');
    expect(within(record).getByTestId('stat-cancellations')).toHaveTextContent('8%Cancellation rate');
    expect(within(record).getByTestId('stat-repeat')).toHaveTextContent('—Repeat students');
    expect(within(record).getByTestId('stat-no-shows')).toHaveTextContent('2No-shows');
    expect(within(record).getByTestId('stat-rating')).toHaveTextContent('4.5 / 5Average rating');
    expect(await screen.findByText('No reviews yet')).toBeInTheDocument();
  });

  it('when the slug is unknown, then a friendly not-found page links back to discovery', async () => {
    renderProfile('nobody-here');

    expect(await screen.findByRole('heading', { name: "We couldn't find this mentor" })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse all mentors' })).toHaveAttribute('href', '/mentors');
  });
});

describe('"Message mentor"', () => {
  const zoya = testUser();

  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  function renderAsStudent(openConversation: Routes[string], { canMessage = true } = {}) {
    const backend = installFakeBackend({
      ...sessionRoutes(zoya),
      'GET /api/mentors/:slug': () => json(asha),
      'GET /api/mentors/:slug/reviews': () => json({ items: [], page: 1, limit: 5, total: 0 }),
      'POST /api/conversations': openConversation,
    });
    const view = renderWithApp(
      [
        { path: '/mentors/:slug', element: <MentorProfilePage slug="asha-rao" canMessage={canMessage} /> },
        { path: paths.app.messages.path, element: <p>Messages page</p> },
      ],
      { initialPath: '/mentors/asha-rao' },
    );
    return { ...view, backend };
  }

  it('when a student presses it, then the conversation with the mentor opens (or reopens) and they land in it', async () => {
    const { router, backend } = renderAsStudent(() => json({ id: 'c0000000-0000-4000-8000-000000000001' }, 201));
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Message mentor' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/messages/c0000000-0000-4000-8000-000000000001'));
    expect(backend.sent('POST /api/conversations').map((r) => r.body)).toEqual([{ mentorSlug: 'asha-rao' }]);
  });

  it('when the student has started five new conversations today, then the limit is explained beside the button and they stay', async () => {
    const { router } = renderAsStudent(() => ({
      status: 409,
      body: { ...problem(409, 'conversation_limit', 'You can start 5 new conversations a day; try again tomorrow'), limit: 5 },
    }));
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Message mentor' }));

    const alert = await screen.findByText(/You have started 5 new conversations today/);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(alert).toHaveTextContent('Try again tomorrow, or book a session with this mentor.');
    expect(router.state.location.pathname).toBe('/mentors/asha-rao');
  });

  it('when the viewer may not message (a visitor, a mentor), then there is no button', async () => {
    renderAsStudent(() => json({ id: 'x' }), { canMessage: false });
    expect(await screen.findByRole('heading', { level: 1, name: 'Asha Rao' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Message mentor' })).not.toBeInTheDocument();
  });
});

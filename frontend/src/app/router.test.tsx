import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { renderWithApp } from '@/testing/render-app';
import { routes } from './router';

// The app's real route tree, against a fetch that plays the backend's auth endpoints.

const mentor = {
  id: '0d1e7c52-3d7e-4a53-9c0e-6a8c2c1f4b21',
  name: 'Ravi Menon',
  email: 'ravi@example.com',
  role: 'mentor',
  timeZone: 'Asia/Kolkata',
  language: 'en',
  avatarUrl: null,
  createdAt: '2025-01-01T00:00:00.000Z',
};

const mentorProfile = {
  slug: 'ravi-menon',
  name: 'Ravi Menon',
  avatarUrl: null,
  headline: 'Backend engineer · APIs and databases',
  expertise: ['PostgreSQL'],
  sessionTopics: ['Backend'],
  languages: ['English'],
  companies: ['Razorpay'],
  price30Paise: 100000,
  price60Paise: 180000,
  ratingAvg: null,
  ratingCount: 0,
  sessionsCompleted: 0,
  acceptingBookings: true,
  bio: 'I build payment systems and like explaining how they stay correct when things go wrong.',
  experience: [{ company: 'Razorpay', role: 'Engineer', years: 4 }],
  linkedinUrl: null,
  timeZone: 'Asia/Kolkata',
  memberSince: '2025-01-01T00:00:00.000Z',
  ratingSummary: { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
  stats: { sessionsCompleted: 0, cancellationRate: null, repeatStudentRate: null, noShows: 0, averageRating: null },
};

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function installBackend({ session }: { session: unknown }) {
  const requests: string[] = [];
  vi.stubGlobal('fetch', (async (input) => {
    const path = new URL(String(input), 'http://app.test').pathname;
    requests.push(path);
    if (path === '/api/auth/refresh' && session) return ok(session);
    // Public: the shell asks whether payments are the sandbox's, signed in or not.
    if (path === '/api/meta') return ok({ paymentsSandbox: true, demoMode: false });
    // What every signed-in page asks besides (the bell, a mentor's dashboard), answered as the backend would.
    if (session && path === '/api/notifications') return ok({ items: [], page: 1, limit: 1, total: 3, unreadCount: 3 });
    if (session && path === '/api/conversations') return ok({ items: [], unread: 0 });
    if (session && path === '/api/mentors/me') return ok(mentorProfile);
    if (session && path === '/api/bookings') return ok({ items: [], page: 1, limit: 10, total: 0 });
    return new Response(JSON.stringify({ status: 401, code: 'unauthenticated', title: 'Unauthorized', detail: 'No session' }), {
      status: 401,
      headers: { 'Content-Type': 'application/problem+json' },
    });
  }) satisfies typeof fetch);
  return { requests };
}

describe('app routes', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when a visitor without a session opens /dashboard, then they land on login with next=/dashboard', async () => {
    installBackend({ session: null });
    const { router } = renderWithApp(routes, { initialPath: '/dashboard' });

    expect(await screen.findByRole('heading', { name: 'Welcome back' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fdashboard');
  });

  it('when the refresh cookie still holds a session on start, then the dashboard greets the user and names their role', async () => {
    const backend = installBackend({ session: { user: mentor, accessToken: 'restored' } });
    renderWithApp(routes, { initialPath: '/dashboard' });

    expect(await screen.findByRole('heading', { name: 'Welcome, Ravi Menon' })).toBeInTheDocument();
    expect(screen.getByText(/You are signed in as a mentor/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Set your weekly hours' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set availability' })).toHaveAttribute('href', '/mentor/availability');
    expect(screen.queryByRole('heading', { name: 'Find a mentor' })).not.toBeInTheDocument();
    expect(backend.requests.filter((path) => path === '/api/auth/refresh')).toHaveLength(1);
    expect(apiClient.getAccessToken()).toBe('restored');
  });

  it('when a mentor is signed in, then the header offers their pages, the bell shows the unread count and the dashboard links their public page', async () => {
    installBackend({ session: { user: mentor, accessToken: 'restored' } });
    renderWithApp(routes, { initialPath: '/dashboard' });

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Find mentors' })).toHaveAttribute('href', '/mentors');
    expect(within(nav).getByRole('link', { name: 'My profile' })).toHaveAttribute('href', '/mentor/profile');
    expect(within(nav).getByRole('link', { name: 'Availability' })).toHaveAttribute('href', '/mentor/availability');
    expect(within(nav).queryByRole('link', { name: 'Become a mentor' })).not.toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toHaveAttribute('href', '/notifications');
    expect(await screen.findByRole('link', { name: 'View public page' })).toHaveAttribute('href', '/mentors/ravi-menon');
  });

  it('when a student opens the admin applications page, then they are told it is not for them', async () => {
    installBackend({ session: { user: { ...mentor, role: 'student' }, accessToken: 'restored' } });
    renderWithApp(routes, { initialPath: '/admin/applications' });

    expect(await screen.findByRole('heading', { name: "This page isn't for your account" })).toBeInTheDocument();
    expect(screen.getByText('Only admins can open this page.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Mentor applications' })).not.toBeInTheDocument();
  });

  it('when a signed-in user opens /, then they are sent to the dashboard', async () => {
    installBackend({ session: { user: mentor, accessToken: 'restored' } });
    const { router } = renderWithApp(routes, { initialPath: '/' });

    expect(await screen.findByRole('heading', { name: 'Welcome, Ravi Menon' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dashboard');
  });

  it('when a visitor opens an unknown path, then the not-found page shows inside the app shell', async () => {
    installBackend({ session: null });
    renderWithApp(routes, { initialPath: '/no/such/page' });

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mentor Connect, home' })).toBeInTheDocument();
  });
});

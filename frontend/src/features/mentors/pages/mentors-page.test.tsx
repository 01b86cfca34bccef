import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, type Reply, type SeenRequest } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import type { MentorCard } from '../types';
import { MentorsPage } from './mentors-page';

// Discovery for an anonymous visitor: the URL holds the filters, the page turns them into the API query.

const card = (slug: string, name: string, price30Paise: number, overrides: Partial<MentorCard> = {}): MentorCard => ({
  slug,
  name,
  avatarUrl: null,
  headline: `${name}'s headline`,
  expertise: ['System Design'],
  sessionTopics: ['System Design'],
  languages: ['English', 'Tamil'],
  companies: ['Google'],
  price30Paise,
  price60Paise: price30Paise * 2,
  ratingAvg: null,
  ratingCount: 0,
  sessionsCompleted: 0,
  acceptingBookings: true,
  ...overrides,
});

const vikram = card('vikram-menon', 'Vikram Menon', 80000, { companies: ['Amazon', 'CodeChef'], ratingAvg: 4.75, ratingCount: 8 });
const arjun = card('arjun-iyer', 'Arjun Iyer', 100000);

const facets = {
  expertise: [{ value: 'System Design', count: 2 }],
  companies: [{ value: 'Google', count: 1 }],
  languages: [{ value: 'Tamil', count: 2 }],
  topics: ['System Design'],
  priceRange: { minPaise: 30000, maxPaise: 300000 },
};

function renderDiscovery(initialPath: string, search: (request: SeenRequest) => Reply = () => json({ items: [vikram, arjun], page: 1, limit: 12, total: 2 })) {
  const backend = installFakeBackend({
    ...sessionRoutes(null),
    'GET /api/mentors/facets': () => json(facets),
    'GET /api/mentors': search,
  });
  const view = renderWithApp([{ path: '/mentors', element: <MentorsPage /> }], { initialPath });
  const searches = () => backend.sent('GET /api/mentors').map((request) => Object.fromEntries(request.query));
  return { ...view, backend, searches };
}

describe('mentor discovery', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when opened from a shared link, then the API is asked for exactly those filters (prices in paise) and the cards show', async () => {
    const { searches } = renderDiscovery('/mentors?language=Tamil&sort=price_asc&priceMax=1500&topic=Bogus');

    const list = await screen.findByRole('list', { name: 'Mentors' });
    expect(searches()[0]).toEqual({ language: 'Tamil', sort: 'price_asc', priceMax: '150000', page: '1', limit: '12' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/mentors/vikram-menon', '/mentors/arjun-iyer']);
    expect(links[0]).toHaveAccessibleName(/^Vikram Menon: .*From ₹800 for 30 minutes/);
    expect(within(links[0]!).getByText('Amazon · CodeChef')).toBeInTheDocument();
    expect(within(links[1]!).getByText('New')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('Price: low to high');
    expect(screen.getByRole('button', { name: 'Filters, 2 active' })).toBeInTheDocument();
  });

  it('when the server stopped counting (totalCapped), then the page says "1,000+" rather than a precise number', async () => {
    renderDiscovery('/mentors', () => json({ items: [vikram, arjun], page: 1, limit: 12, total: 1000, totalCapped: true }));

    expect(await screen.findByText('1,000+ mentors')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Result pages' })).toHaveTextContent('1–12 of 1,000+');
  });

  it('when a sort is chosen on page 2, then the URL holds it and the search starts again from page 1', async () => {
    const { router, searches } = renderDiscovery('/mentors?language=Tamil&page=2');
    const ui = userEvent.setup();

    await screen.findByRole('list', { name: 'Mentors' });
    await ui.click(screen.getByRole('combobox', { name: 'Sort by' }));
    await ui.click(await screen.findByRole('option', { name: 'Highest rated' }));

    await waitFor(() => expect(router.state.location.search).toBe('?language=Tamil&sort=rating'));
    await waitFor(() => expect(searches().at(-1)).toMatchObject({ language: 'Tamil', sort: 'rating', page: '1' }));
  });

  it('when words are typed in the search box, then they reach the URL and the API once typing pauses', async () => {
    const { router, searches } = renderDiscovery('/mentors');
    const box = await screen.findByRole('searchbox', { name: 'Search mentors' });
    // No delay between keystrokes: they are all typed before any timer can run, so however slow the machine, no gap
    // between two of them can look like the end of typing.
    await userEvent.setup({ delay: null }).type(box, 'sys des');

    await waitFor(() => expect(router.state.location.search).toBe('?q=sys+des'));
    await waitFor(() => expect(searches().at(-1)).toMatchObject({ q: 'sys des' }));
    // Not one search per keystroke.
    expect(searches().filter((query) => query.q !== undefined)).toHaveLength(1);
  });

  it('when nothing matches, then "Clear filters" empties the URL', async () => {
    const { router } = renderDiscovery('/mentors?q=astrology&language=Odia&sort=rating', (request) =>
      request.query.get('q') ? json({ items: [], page: 1, limit: 12, total: 0 }) : json({ items: [vikram], page: 1, limit: 12, total: 1 }),
    );
    const ui = userEvent.setup();

    expect(await screen.findByRole('heading', { name: 'No mentors match' })).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: 'Clear filters' }));

    await waitFor(() => expect(router.state.location.search).toBe('?sort=rating'));
    expect(await screen.findByRole('link', { name: /^Vikram Menon/ })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search mentors' })).toHaveValue('');
  });

  it('when the search fails, then an error with a retry shows, and the retry searches again', { timeout: 15_000 }, async () => {
    let fail = true;
    const { searches } = renderDiscovery('/mentors', () =>
      fail ? { status: 500, body: problem(500, 'internal', 'The server had a problem') } : json({ items: [arjun], page: 1, limit: 12, total: 1 }),
    );
    const ui = userEvent.setup();

    expect(await screen.findByRole('heading', { name: "Couldn't load mentors" }, { timeout: 10_000 })).toBeInTheDocument();
    fail = false;
    await ui.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('link', { name: /^Arjun Iyer/ })).toBeInTheDocument();
    expect(searches().length).toBeGreaterThanOrEqual(2);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, sessionRoutes, testUser } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import type { AppNotification } from '../types';
import { notificationTarget, NotificationsPage } from './notifications-page';

const approved: AppNotification = {
  id: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b',
  type: 'application_approved',
  title: 'You are now a mentor',
  body: 'Your application was approved.',
  data: {},
  actionUrl: '/mentors/zoya-khan',
  readAt: null,
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
};

const older: AppNotification = { ...approved, id: '2b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b', title: 'Welcome', actionUrl: null, readAt: '2026-01-01T00:00:00.000Z' };

function renderNotifications() {
  let items = [approved, older];
  const list = () => json({ items, page: 1, limit: 20, total: items.length, unreadCount: items.filter((item) => !item.readAt).length });
  const backend = installFakeBackend({
    ...sessionRoutes(testUser()),
    'GET /api/notifications': list,
    'POST /api/notifications/:id/read': (_request, params) => {
      items = items.map((item) => (item.id === params.id ? { ...item, readAt: new Date().toISOString() } : item));
      return json(items.find((item) => item.id === params.id));
    },
    'POST /api/notifications/read-all': () => {
      const updated = items.filter((item) => !item.readAt).length;
      items = items.map((item) => ({ ...item, readAt: item.readAt ?? new Date().toISOString() }));
      return json({ updated });
    },
  });
  const view = renderWithApp(
    [
      { path: '/notifications', element: <NotificationsPage /> },
      { path: '/mentors/:slug', element: <p>Mentor page</p> },
    ],
    { initialPath: '/notifications' },
  );
  return { ...view, backend };
}

describe('notifications', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when an unread notification is clicked, then it is marked read and the app goes where it points', async () => {
    const { backend, router } = renderNotifications();
    const ui = userEvent.setup();

    const list = await screen.findByRole('list', { name: 'Notifications' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first).toHaveAttribute('data-unread', 'true');
    expect(second).not.toHaveAttribute('data-unread');
    expect(screen.getByText('1 unread')).toBeInTheDocument();

    await ui.click(within(first!).getByRole('button', { name: /^Unread: You are now a mentor/ }));

    expect(await screen.findByText('Mentor page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/mentors/zoya-khan');
    expect(backend.sent(`POST /api/notifications/${approved.id}/read`)).toHaveLength(1);
  });

  it('when "Mark all read" is pressed, then the server is told and the list shows nothing unread', async () => {
    const { backend } = renderNotifications();
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Mark all read' }));

    expect(await screen.findByText('Nothing unread.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('listitem').filter((item) => item.hasAttribute('data-unread'))).toHaveLength(0));
    expect(backend.sent('POST /api/notifications/read-all')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });
});

describe('notificationTarget', () => {
  const origin = 'https://app.mentor-connect.dev';

  it.each([
    ['/become-a-mentor', { internal: '/become-a-mentor' }],
    ['https://app.mentor-connect.dev/mentors/asha-rao?tab=1', { internal: '/mentors/asha-rao?tab=1' }],
    ['https://docs.example.com/help', { external: 'https://docs.example.com/help' }],
    ['//evil.example/steal', null],
    ['javascript:alert(1)', null],
    [null, null],
  ])('when the action URL is %j, then the target is %j', (actionUrl, expected) => {
    expect(notificationTarget(actionUrl, origin)).toEqual(expected);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Reply } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import type { CategoryChoice, NotificationPreferences } from '../types';
import { NotificationSettingsPage } from './notification-settings-page';

const category = (key: string, label: string, overrides: Partial<{ inApp: boolean; email: boolean }> = {}) => ({
  key,
  label,
  description: `About ${label.toLowerCase()}.`,
  inApp: true,
  email: true,
  ...overrides,
});

const preferences = (): NotificationPreferences => ({
  categories: [
    category('booking_confirmed', 'Booking confirmed'),
    category('reminder', 'Session reminders'),
    category('session_starting', 'Session starting', { email: false }),
    category('new_message', 'New message'),
  ],
  alwaysSent: ['Changes to your payout method', 'Refunds'],
});

/** The settings page against a fake backend that keeps what is saved; `putReply` replaces its answer to PUT. */
function renderSettings(options: { putReply?: (choices: CategoryChoice[]) => Reply | Promise<Reply>; getReply?: () => Reply } = {}) {
  let saved = preferences();
  const backend = installFakeBackend({
    ...sessionRoutes(testUser()),
    'GET /api/notifications/preferences': () => options.getReply?.() ?? json(saved),
    'PUT /api/notifications/preferences': (request) => {
      const choices = (request.body as { preferences: CategoryChoice[] }).preferences;
      if (options.putReply) return options.putReply(choices);
      saved = { ...saved, categories: saved.categories.map((c) => ({ ...c, ...choices.find((choice) => choice.category === c.key) })) };
      return json(saved);
    },
  });
  const view = renderWithApp([{ path: '/settings/notifications', element: <NotificationSettingsPage /> }], { initialPath: '/settings/notifications' });
  return { ...view, backend };
}

const switchNamed = (name: string) => screen.getByRole('switch', { name });

describe('NotificationSettingsPage', { timeout: 30_000 }, () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the settings load, then every category is a row with an in-app and an email switch named for it, set as the server says, and what is always sent is listed', async () => {
    renderSettings();

    const table = await screen.findByRole('table', { name: 'Notification settings' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Notification', 'In-app', 'Email']);
    expect(within(table).getAllByRole('rowheader').map((th) => within(th).getByText(/./, { selector: 'p:first-child' }).textContent)).toEqual([
      'Booking confirmed',
      'Session reminders',
      'Session starting',
      'New message',
    ]);
    expect(within(table).getAllByRole('switch')).toHaveLength(8);
    expect(switchNamed('Session reminders: in-app')).toBeChecked();
    expect(switchNamed('Session starting: email')).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    const always = screen.getByRole('region', { name: 'Always sent' });
    expect(within(always).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Changes to your payout method', 'Refunds']);
  });

  it('when switches are changed and saved, then only the changed categories are sent with both switches, a toast confirms, and the page shows what was saved', async () => {
    const { backend } = renderSettings();
    const ui = userEvent.setup();

    await screen.findByRole('table', { name: 'Notification settings' });
    await ui.click(switchNamed('Session reminders: email'));
    await ui.click(switchNamed('New message: in-app'));
    await ui.click(switchNamed('Booking confirmed: email'));
    await ui.click(switchNamed('Booking confirmed: email'));
    expect(switchNamed('Session reminders: email')).not.toBeChecked();
    await ui.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Notification settings saved')).toBeInTheDocument();
    expect(backend.sent('PUT /api/notifications/preferences').map((r) => r.body)).toEqual([
      {
        preferences: [
          { category: 'reminder', inApp: true, email: false },
          { category: 'new_message', inApp: false, email: true },
        ],
      },
    ]);
    expect(switchNamed('Session reminders: email')).not.toBeChecked();
    expect(switchNamed('New message: in-app')).not.toBeChecked();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled());
  });

  it('when saving, then the switches wait and the button shows it is busy; "Undo changes" puts the switches back', async () => {
    let answer: (reply: Reply) => void = () => undefined;
    renderSettings({ putReply: () => new Promise<Reply>((resolve) => (answer = resolve)) });
    const ui = userEvent.setup();

    await screen.findByRole('table', { name: 'Notification settings' });
    await ui.click(switchNamed('Session reminders: in-app'));
    await ui.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(switchNamed('Booking confirmed: in-app')).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Save changes' })).toHaveAttribute('data-loading', 'true');
    answer(json(preferences(), 503));
    await screen.findByRole('alert');
    expect(switchNamed('Booking confirmed: in-app')).toBeEnabled();

    expect(switchNamed('Session reminders: in-app')).not.toBeChecked();
    await ui.click(screen.getByRole('button', { name: 'Undo changes' }));
    expect(switchNamed('Session reminders: in-app')).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  });

  it('when the server refuses the change (422), then its message shows above the buttons and the switches keep the change to try again', async () => {
    renderSettings({
      putReply: () => ({ status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'preferences.0.category', message: 'Invalid option: expected one of "booking_confirmed"|…' }]) }),
    });
    const ui = userEvent.setup();

    await screen.findByRole('table', { name: 'Notification settings' });
    await ui.click(switchNamed('Booking confirmed: email'));
    await ui.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't save your settings");
    expect(alert).toHaveTextContent('Invalid option');
    expect(switchNamed('Booking confirmed: email')).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
    expect(screen.queryByText('Notification settings saved')).not.toBeInTheDocument();
  });

  it('when the settings cannot be loaded, then an error with a retry is shown, and the retry loads them', async () => {
    let fail = true;
    renderSettings({ getReply: () => (fail ? { status: 500, body: problem(500, 'internal_error', 'Something went wrong on our side.') } : json(preferences())) });
    const ui = userEvent.setup();

    expect(await screen.findByRole('heading', { name: "Couldn't load your notification settings" }, { timeout: 5000 })).toBeInTheDocument();
    fail = false;
    await ui.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Notification settings' })).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Reply } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import type { Availability } from '../types';
import { AvailabilityPage } from './availability-page';

const evening = { startMinute: 18 * 60, endMinute: 21 * 60 };

const saved: Availability = {
  settings: {
    timeZone: 'Asia/Kolkata',
    sessionLengths: [30, 60],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 720,
    horizonDays: 28,
    slotIntervalMinutes: 30,
    dailyLimit: 4,
    weeklyLimit: null,
  },
  weekly: [
    { weekday: 1, ...evening },
    { weekday: 2, startMinute: 9 * 60, endMinute: 10 * 60 },
    { weekday: 2, ...evening },
    { weekday: 3, ...evening },
    { weekday: 4, ...evening },
    { weekday: 5, ...evening },
    { weekday: 6, startMinute: 10 * 60, endMinute: 13 * 60 },
  ],
  overrides: [],
};

function renderPage(
  onPut: (body: unknown) => Reply = (body) => json({ ...(body as object), overrides: [] }),
  onOverride: (body: unknown) => Reply = () => ({ status: 500 }),
) {
  const backend = installFakeBackend({
    ...sessionRoutes(testUser({ role: 'mentor', name: 'Asha Rao' })),
    'GET /api/mentors/me/availability': () => json(saved),
    'PUT /api/mentors/me/availability': (request) => onPut(request.body),
    'POST /api/mentors/me/availability/overrides': (request) => onOverride(request.body),
  });
  renderWithApp([{ path: '/mentor/availability', element: <AvailabilityPage /> }], { initialPath: '/mentor/availability' });
  return backend;
}

async function pickTime(ui: UserEvent, name: string, value: string) {
  await ui.selectOptions(screen.getByRole('combobox', { name }), value);
}

describe('the weekly hours editor', { timeout: 30_000 }, () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when Monday is set to 09:00–11:00, copied to Tuesday–Friday and Saturday cleared, then the PUT carries exactly those rules and a toast confirms', async () => {
    const backend = renderPage();
    const ui = userEvent.setup();

    expect(await screen.findByRole('combobox', { name: 'Monday, hours 1 from' })).toHaveValue('18:00');
    expect(screen.getByRole('combobox', { name: 'Tuesday, hours 2 to' })).toHaveValue('21:00');
    expect(within(screen.getByRole('listitem', { name: 'Sunday' })).getByText('Unavailable')).toBeInTheDocument();

    await pickTime(ui, 'Monday, hours 1 from', '09:00');
    await pickTime(ui, 'Monday, hours 1 to', '11:00');
    await ui.click(screen.getByRole('button', { name: "Copy Monday's hours to other days" }));
    for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday']) await ui.click(await screen.findByRole('checkbox', { name: day }));
    await ui.click(screen.getByRole('button', { name: 'Copy' }));
    await ui.click(screen.getByRole('button', { name: 'Remove Saturday, hours 1' }));

    expect(screen.queryByRole('combobox', { name: 'Tuesday, hours 2 from' })).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Friday, hours 1 to' })).toHaveValue('11:00');
    await ui.click(screen.getByRole('button', { name: 'Save availability' }));

    expect(await screen.findByText('Availability saved')).toBeInTheDocument();
    const [put] = backend.sent('PUT /api/mentors/me/availability');
    expect(put?.body).toEqual({
      settings: saved.settings,
      weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 660 })),
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save availability' })).toBeDisabled());
  });

  it("when the server answers 422 for weekly.3.startMinute, then the message shows on Wednesday's first row, the 4th rule sent", async () => {
    const message = 'This range overlaps another range on the same day';
    renderPage(() => ({
      status: 422,
      body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'weekly.3.startMinute', message }]),
    }));
    const ui = userEvent.setup();

    const buffer = await screen.findByRole('textbox', { name: /^Buffer before/ });
    await ui.clear(buffer);
    await ui.type(buffer, '5');
    await ui.click(screen.getByRole('button', { name: 'Save availability' }));

    const wednesday = await screen.findByRole('group', { name: 'Wednesday, hours 1' });
    // Shown under the row, and read out with the select it belongs to.
    expect(await within(wednesday).findAllByText(message)).not.toHaveLength(0);
    const from = within(wednesday).getByRole('combobox', { name: 'Wednesday, hours 1 from' });
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription(message);
    expect(screen.getByRole('combobox', { name: 'Tuesday, hours 2 from' })).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('when a range ends before it starts, then the form says so on that row and sends nothing', async () => {
    const backend = renderPage();
    const ui = userEvent.setup();

    await screen.findByRole('combobox', { name: 'Thursday, hours 1 to' });
    await pickTime(ui, 'Thursday, hours 1 to', '17:00');
    await ui.click(screen.getByRole('button', { name: 'Save availability' }));

    const thursday = screen.getByRole('group', { name: 'Thursday, hours 1' });
    expect(await within(thursday).findAllByText('The end must be after the start')).not.toHaveLength(0);
    expect(within(thursday).getByRole('combobox', { name: 'Thursday, hours 1 to' })).toHaveAccessibleDescription('The end must be after the start');
    expect(backend.sent('PUT /api/mentors/me/availability')).toHaveLength(0);
  });

  it('when the server rejects the time zone, then its message shows next to the time zone field', async () => {
    renderPage(() => ({
      status: 422,
      body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'settings.timeZone', message: 'Unknown time zone' }]),
    }));
    const ui = userEvent.setup();

    const daily = await screen.findByRole('textbox', { name: /^Daily limit/ });
    await ui.clear(daily);
    await ui.click(screen.getByRole('button', { name: 'Save availability' }));

    expect(await screen.findByText('Unknown time zone')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Time zone/ })).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('dates off and other hours', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when a blocked date is added, then the POST carries just the date and the new day off is listed', async () => {
    const backend = renderPage(undefined, (body) => ({
      status: 201,
      body: { id: '7f9e2c1a-0000-4000-8000-000000000001', startDate: '2026-11-20', endDate: '2026-11-20', ranges: [], blocked: true, note: null, ...(body as object) },
    }));
    const ui = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a date override' });

    await ui.click(within(form).getByRole('radio', { name: 'Block a date' }));
    await ui.click(within(form).getByRole('button', { name: 'Friday, 20 November 2026' }));
    await ui.click(within(form).getByRole('button', { name: 'Block this date' }));

    expect(await screen.findByRole('listitem', { name: 'Day off: Fri, 20 Nov, 2026' })).toBeInTheDocument();
    expect(backend.sent('POST /api/mentors/me/availability/overrides').map((request) => request.body)).toEqual([{ startDate: '2026-11-20' }]);
  });

  it('when the server answers 409 override_overlap, then the form says which dates clash under the calendar', async () => {
    renderPage(undefined, () => ({ status: 409, body: problem(409, 'override_overlap', 'Another override already covers one of these dates') }));
    const ui = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a date override' });

    await ui.click(within(form).getByRole('radio', { name: 'Vacation' }));
    await ui.click(within(form).getByRole('button', { name: 'Monday, 16 November 2026' }));
    await ui.click(within(form).getByRole('button', { name: 'Friday, 20 November 2026' }));
    expect(within(form).getByTestId('picked-dates')).toHaveTextContent('Mon, 16 Nov, 2026 – Fri, 20 Nov, 2026');
    await ui.click(within(form).getByRole('button', { name: 'Add vacation' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Another entry already covers one of these dates. Delete it first, then add this one.');
  });
});

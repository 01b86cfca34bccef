import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Reply } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import type { Availability, Slot } from '../types';
import { SlotsPage } from './slots-page';

const availability: Availability = {
  settings: {
    timeZone: 'Asia/Kolkata',
    sessionLengths: [30, 60],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 720,
    horizonDays: 28,
    slotIntervalMinutes: 30,
    dailyLimit: null,
    weeklyLimit: null,
  },
  weekly: [],
  overrides: [],
};

const slot = (overrides: Partial<Slot>): Slot => ({
  id: 'c0a8012e-0000-4000-8000-000000000001',
  kind: 'group',
  title: 'System design AMA',
  // 16:00–17:00 in Kolkata.
  startsAt: '2026-11-13T10:30:00.000Z',
  endsAt: '2026-11-13T11:30:00.000Z',
  durationMinutes: 60,
  capacity: 8,
  seatsTaken: 3,
  seatsLeft: 5,
  pricePaise: 499_00,
  status: 'published',
  ...overrides,
});

const slots = [
  slot({}),
  slot({
    id: 'c0a8012e-0000-4000-8000-000000000002',
    kind: 'one_to_one',
    title: 'Resume deep dive',
    startsAt: '2026-11-16T05:30:00.000Z',
    endsAt: '2026-11-16T06:15:00.000Z',
    durationMinutes: 45,
    capacity: 1,
    seatsTaken: 0,
    seatsLeft: 1,
    pricePaise: 1_200_00,
  }),
];

function renderPage(onCreate: (body: unknown) => Reply = (body) => ({ status: 201, body: { ...slot({}), ...(body as object) } })) {
  const backend = installFakeBackend({
    ...sessionRoutes(testUser({ role: 'mentor' })),
    'GET /api/mentors/me/availability': () => json(availability),
    'GET /api/mentors/me/slots': () => json({ items: slots }),
    'POST /api/mentors/me/slots': (request) => onCreate(request.body),
  });
  renderWithApp([{ path: '/mentor/availability/slots', element: <SlotsPage /> }], { initialPath: '/mentor/availability/slots' });
  return backend;
}

async function fillNewSlot(ui: ReturnType<typeof userEvent.setup>) {
  await ui.click(screen.getByRole('button', { name: 'New slot' }));
  const dialog = await screen.findByRole('dialog', { name: 'New slot' });
  await ui.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Mock interview panel');
  await ui.click(within(dialog).getByRole('button', { name: /^Date/ }));
  await ui.click(await screen.findByRole('button', { name: 'Friday, 20 November 2026' }));
  await ui.selectOptions(within(dialog).getByRole('combobox', { name: /^Start time/ }), '18:30');
  const seats = within(dialog).getByRole('textbox', { name: /^Seats/ });
  await ui.clear(seats);
  await ui.type(seats, '6');
  await ui.type(within(dialog).getByRole('textbox', { name: /^Price per person/ }), '799');
  return dialog;
}

describe('a mentor’s slots', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when slots load, then each shows its kind, time in the mentor’s zone, seats booked and price; a booked one cannot be edited or deleted', async () => {
    renderPage();

    const booked = await screen.findByRole('listitem', { name: 'System design AMA, Fri, 13 Nov · 16:00–17:00' });
    expect(within(booked).getByText('Group')).toBeInTheDocument();
    expect(within(booked).getByText('3/8 booked')).toBeInTheDocument();
    expect(within(booked).getByText('₹499')).toBeInTheDocument();
    expect(within(booked).getByRole('button', { name: 'Edit System design AMA' })).toBeDisabled();
    expect(within(booked).getByRole('button', { name: 'Delete System design AMA' })).toBeDisabled();
    expect(within(booked).getByRole('button', { name: 'Edit System design AMA' })).toHaveAccessibleDescription("Booked: can't be edited or deleted");

    const open = screen.getByRole('listitem', { name: 'Resume deep dive, Mon, 16 Nov · 11:00–11:45' });
    expect(within(open).getByText('1-to-1')).toBeInTheDocument();
    expect(within(open).getByText('0/1 booked')).toBeInTheDocument();
    expect(within(open).getByRole('button', { name: 'Edit Resume deep dive' })).toBeEnabled();
  });

  it('when a group slot is published, then the date and time go out as the UTC instant of that Kolkata time and the rupees as paise', async () => {
    const backend = renderPage();
    const ui = userEvent.setup();
    await screen.findByText('3/8 booked');

    const dialog = await fillNewSlot(ui);
    await ui.click(within(dialog).getByRole('button', { name: 'Publish slot' }));

    expect(await screen.findByText('Slot published')).toBeInTheDocument();
    expect(backend.sent('POST /api/mentors/me/slots').map((request) => request.body)).toEqual([
      { startsAt: '2026-11-20T13:00:00.000Z', durationMinutes: 60, capacity: 6, title: 'Mock interview panel', pricePaise: 799_00 },
    ]);
  });

  it('when the server answers 409 slot_overlap, then the message shows on the start time and the dialog stays open', async () => {
    renderPage(() => ({ status: 409, body: problem(409, 'slot_overlap', 'This time overlaps another slot or booking of yours') }));
    const ui = userEvent.setup();
    await screen.findByText('3/8 booked');

    const dialog = await fillNewSlot(ui);
    await ui.click(within(dialog).getByRole('button', { name: 'Publish slot' }));

    const time = within(dialog).getByRole('combobox', { name: /^Start time/ });
    expect(await within(dialog).findByText('This time overlaps another of your slots or bookings. Pick another time.')).toBeInTheDocument();
    expect(time).toHaveAttribute('aria-invalid', 'true');
  });
});

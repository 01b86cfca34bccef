import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, aDisputeRecord, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { AdminDisputePage } from './admin-dispute-page';
import { AdminDisputesPage } from './admin-disputes-page';

// The admin's disputes queue and a dispute's page, against the bookings fake playing the disputes API.
// Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const aditi = testUser({ id: 'ad000000-0000-4000-8000-000000000001', name: 'Aditi Admin', email: 'aditi@example.com', role: 'admin' });
const asha = testMentor();
const zoya = viewerOf(testUser());
const rohan = { id: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9', name: 'Rohan Das', email: 'rohan@example.com' };

const ZOYA_REASON =
  'Asha joined 20 minutes late and we never got to the system design part, which was the whole point of booking the session in the first place. I would like part of it back.';
const NOTE = 'The mentor missed the first 20 minutes: that part is refunded.';
const TZ = 'Asia/Kolkata';

const disputed = { status: 'disputed', releaseAt: '2026-11-10T05:00:00.000Z', releasedAt: null, refundPaise: 0 } as const;

/** Zoya's session yesterday, Mon 9 Nov 09:30–10:30 Kolkata, ₹2,500: Asha there from 09:50 (66%), Zoya from before the start to the end (100%). */
function zoyasSession(): FakeBookingRecord {
  return aBookingRecord(asha, zoya, {
    startsAt: '2026-11-09T04:00:00.000Z',
    status: 'completed',
    settlement: { ...disputed },
    notes: { text: 'Covered the URL shortener design.\nHomework: caching.', updatedAt: '2026-11-09T05:05:00.000Z' },
    presence: {
      mentor: [{ from: '2026-11-09T04:20:00.000Z', to: '2026-11-09T05:00:00.000Z' }],
      student: [
        { from: '2026-11-09T03:55:00.000Z', to: '2026-11-09T04:30:00.000Z' },
        { from: '2026-11-09T04:25:00.000Z', to: '2026-11-09T05:02:00.000Z' },
      ],
    },
  });
}

/** Rohan's, the day before, reported later than Zoya's. */
function rohansSession(): FakeBookingRecord {
  return aBookingRecord(asha, rohan, { startsAt: '2026-11-08T04:00:00.000Z', status: 'completed', settlement: { ...disputed } });
}

function DisputeRoute() {
  const { id = '' } = useParams();
  return <AdminDisputePage id={id} timeZone={TZ} />;
}

function renderDisputes({ override = {} }: { override?: Routes } = {}) {
  const zoyas = zoyasSession();
  const rohans = rohansSession();
  const zoyasDispute = aDisputeRecord(zoyas, { reason: ZOYA_REASON, createdAt: '2026-11-09T06:00:00.000Z' });
  const rohansDispute = aDisputeRecord(rohans, { reason: 'The call kept dropping and the mentor did not reschedule.', createdAt: '2026-11-09T09:00:00.000Z' });
  const view = renderWithBookings(
    [
      { path: '/admin/disputes', element: <AdminDisputesPage timeZone={TZ} /> },
      { path: '/admin/disputes/:id', element: <DisputeRoute /> },
    ],
    { user: aditi, mentors: [asha], bookings: [zoyas, rohans], disputes: [zoyasDispute, rohansDispute], routes: override, initialPath: '/admin/disputes' },
  );
  return { ...view, zoyas, zoyasDispute };
}

async function openZoyasDispute(code: string) {
  const ui = userEvent.setup();
  const item = await screen.findByRole('article', { name: `Dispute on ${code}` });
  await ui.click(within(item).getByRole('link', { name: code }));
  await screen.findByRole('heading', { level: 1, name: `Dispute on ${code}` });
  return { ui, form: screen.getByRole('form', { name: 'Resolve dispute' }) };
}

describe('admin disputes', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the admin opens the queue, then the open disputes are listed oldest first with code, who against whom, amount, date and the reason’s start', async () => {
    const { backend, zoyas } = renderDisputes();

    const items = await screen.findAllByRole('article', { name: /^Dispute on / });
    expect(items).toHaveLength(2);
    const [first, second] = items;
    expect(first).toHaveAccessibleName(`Dispute on ${zoyas.code}`);
    expect(first).toHaveTextContent('Zoya Khan →against Asha Rao');
    expect(within(first!).getByTestId('dispute-amount')).toHaveTextContent('₹2,500');
    expect(first).toHaveTextContent('Opened Mon, 9 Nov, 2026');
    const excerpt = within(first!).getByTestId('dispute-excerpt').textContent ?? '';
    expect(excerpt).toMatch(/^“Asha joined 20 minutes late and we never got to the system design part.*…”$/);
    expect(excerpt.length).toBeLessThan(ZOYA_REASON.length);
    expect(second).toHaveTextContent('Rohan Das →against Asha Rao');
    expect(screen.getByText('2 disputes')).toBeInTheDocument();
    expect(backend.sent('GET /api/admin/disputes').map((request) => Object.fromEntries(request.query))).toEqual([{ status: 'open', page: '1', limit: '20' }]);
  });

  it('when a dispute is opened, then both attendance timelines show with their share and spans, and the mentor’s notes and the reason in full', async () => {
    const { zoyas } = renderDisputes();
    await openZoyasDispute(zoyas.code);

    expect(screen.getByTestId('dispute-time')).toHaveTextContent('Mon, 9 Nov, 2026 · 09:30–10:30');
    expect(screen.getByTestId('dispute-price')).toHaveTextContent('₹2,500');
    expect(screen.getByTestId('dispute-reason')).toHaveTextContent(ZOYA_REASON);

    const mentor = screen.getByRole('region', { name: 'Mentor attendance' });
    expect(within(mentor).getByText('Mentor · Asha Rao')).toBeInTheDocument();
    expect(within(mentor).getByTestId('attendance-percent')).toHaveTextContent('66% of the session (40 min)');
    expect(within(mentor).getByRole('list')).toHaveTextContent('09:50–10:30');
    // The bar is a picture of the list: one segment from a third of the way to the end.
    const [segment] = within(mentor).getAllByTestId('attendance-segment');
    expect(segment?.style.left).toMatch(/^33\.33/);
    expect(segment?.style.width).toMatch(/^66\.66/);

    const student = screen.getByRole('region', { name: 'Student attendance' });
    expect(within(student).getByTestId('attendance-percent')).toHaveTextContent('100% of the session (1 h 00 min)');
    // The two overlapping spans are one, and it started before the session did.
    expect(within(student).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['09:25–10:32']);

    const notes = screen.getByRole('region', { name: 'The mentor’s notes' });
    expect(within(notes).getByTestId('dispute-mentor-notes')).toHaveTextContent('Covered the URL shortener design. Homework: caching.');
  });

  it('when a partial refund above the price is entered, then the form refuses it and nothing is sent', async () => {
    const { zoyas, zoyasDispute, backend } = renderDisputes();
    const { ui, form } = await openZoyasDispute(zoyas.code);

    await ui.click(within(form).getByRole('radio', { name: 'Partial refund' }));
    const amount = within(form).getByRole('textbox', { name: /Amount to refund/ });
    await ui.type(amount, '3000');
    await ui.type(within(form).getByRole('textbox', { name: /^Note/ }), NOTE);
    await ui.click(within(form).getByRole('button', { name: 'Resolve dispute' }));

    await waitFor(() => expect(amount).toHaveAccessibleDescription(expect.stringContaining('At most ₹2,500, what the student paid')));
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('dialog', { name: 'Confirm decision' })).not.toBeInTheDocument();
    expect(backend.sent(`POST /api/admin/disputes/${zoyasDispute.id}/resolve`)).toHaveLength(0);
  });

  it('when no decision or note is given, then the form asks for them and nothing is sent', async () => {
    const { zoyas, zoyasDispute, backend } = renderDisputes();
    const { ui, form } = await openZoyasDispute(zoyas.code);

    await ui.click(within(form).getByRole('button', { name: 'Resolve dispute' }));

    expect(await within(form).findByText('Choose a decision')).toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: /^Note/ })).toHaveAccessibleDescription(expect.stringContaining('Say why (3–1,000 characters)'));
    expect(backend.sent(`POST /api/admin/disputes/${zoyasDispute.id}/resolve`)).toHaveLength(0);
  });

  it('when a valid partial refund is confirmed, then it posts the paise and the note, the page shows the decision and the dispute moves to Resolved', async () => {
    const { zoyas, zoyasDispute, backend, fake } = renderDisputes();
    const { ui, form } = await openZoyasDispute(zoyas.code);

    await ui.click(within(form).getByRole('radio', { name: 'Partial refund' }));
    await ui.type(within(form).getByRole('textbox', { name: /Amount to refund/ }), '1000.50');
    await ui.type(within(form).getByRole('textbox', { name: /^Note/ }), `  ${NOTE}`);
    await ui.click(within(form).getByRole('button', { name: 'Resolve dispute' }));

    const dialog = await screen.findByRole('dialog', { name: 'Confirm decision' });
    expect(within(dialog).getByTestId('decision-summary')).toHaveTextContent('Refund ₹1,000.50 of the ₹2,500 to Zoya Khan, and release the rest to Asha Rao.');
    expect(backend.sent(`POST /api/admin/disputes/${zoyasDispute.id}/resolve`)).toHaveLength(0);
    await ui.click(within(dialog).getByRole('button', { name: 'Confirm decision' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/admin/disputes/${zoyasDispute.id}/resolve`).map((request) => request.body)).toEqual([
      { outcome: 'partial', refundPaise: 1_000_50, note: NOTE },
    ]);
    expect(fake.records.find((record) => record.id === zoyas.id)?.settlement).toMatchObject({ status: 'partially_refunded', refundPaise: 1_000_50 });
    const decision = screen.getByRole('region', { name: 'Decision' });
    expect(within(decision).getByTestId('dispute-outcome')).toHaveTextContent('₹1,000.50 refunded');
    expect(within(decision).getByTestId('dispute-note')).toHaveTextContent(NOTE);
    expect(screen.queryByRole('form', { name: 'Resolve dispute' })).not.toBeInTheDocument();
    expect(await screen.findByText('Dispute resolved')).toBeInTheDocument();

    await ui.click(screen.getByRole('link', { name: '← Disputes' }));
    const open = await screen.findAllByRole('article', { name: /^Dispute on / });
    expect(open.map((item) => item.getAttribute('aria-label'))).not.toContain(`Dispute on ${zoyas.code}`);
    expect(open).toHaveLength(1);

    await ui.click(screen.getByRole('tab', { name: 'Resolved' }));
    const resolved = await screen.findByRole('article', { name: `Dispute on ${zoyas.code}` });
    expect(resolved).toHaveTextContent('₹1,000.50 refunded');
    expect(resolved).toHaveTextContent('Resolved Tue, 10 Nov, 2026');
  });

  it('when another admin resolved it first (409), then the page says so and shows their decision instead of the form', async () => {
    const { zoyas, zoyasDispute } = renderDisputes();
    const { ui, form } = await openZoyasDispute(zoyas.code);
    // Meanwhile, another admin released the money.
    Object.assign(zoyasDispute, { status: 'resolved', outcome: 'release', note: 'Attendance looks fine to me.', resolvedAt: '2026-11-10T05:55:00.000Z' });

    await ui.click(within(form).getByRole('radio', { name: 'Refund in full' }));
    await ui.type(within(form).getByRole('textbox', { name: /^Note/ }), NOTE);
    await ui.click(within(form).getByRole('button', { name: 'Resolve dispute' }));
    await ui.click(within(await screen.findByRole('dialog', { name: 'Confirm decision' })).getByRole('button', { name: 'Confirm decision' }));

    expect(await screen.findByText('This dispute has already been resolved')).toBeInTheDocument();
    const decision = screen.getByRole('region', { name: 'Decision' });
    await waitFor(() => expect(within(decision).getByTestId('dispute-outcome')).toHaveTextContent('Released to the mentor'));
    expect(within(decision).getByTestId('dispute-note')).toHaveTextContent('Attendance looks fine to me.');
  });
});

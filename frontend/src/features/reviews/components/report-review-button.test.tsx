import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, testMentor } from '@/testing/fake-bookings';
import { aReviewRecord } from '@/testing/fake-reviews';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { ReportReviewButton } from './report-review-button';

// Reporting a review from a mentor's profile, against the bookings fake playing the reviews API.
const asha = testMentor();
const zoya = testUser();
const rohan = testUser({ id: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9', name: 'Rohan Das', email: 'rohan@example.com' });

function renderButton({ override = {} }: { override?: Routes } = {}) {
  const booking = aBookingRecord(asha, viewerOf(zoya), { startsAt: '2026-11-09T04:00:00.000Z', status: 'completed' });
  const review = aReviewRecord(booking, { text: 'Buy cheap followers at example.test!' });
  const view = renderWithBookings([{ path: '*', element: <ReportReviewButton reviewId={review.id} studentName="Zoya Khan" /> }], {
    user: rohan,
    mentors: [asha],
    bookings: [booking],
    reviews: [review],
    routes: override,
    initialPath: '/',
  });
  return { ...view, review };
}

async function openModal() {
  const ui = userEvent.setup();
  await ui.click(await screen.findByRole('button', { name: 'Report Zoya Khan’s review' }));
  const dialog = await screen.findByRole('dialog', { name: 'Report this review' });
  return { ui, dialog, reason: within(dialog).getByRole('textbox', { name: /What’s wrong with it/ }) };
}

describe('reporting a review', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the reason is too short, then the modal says so and nothing is sent; a real reason is sent and the modal thanks the reporter', async () => {
    const { backend, fake, review } = renderButton();
    const { ui, dialog, reason } = await openModal();
    expect(reason).toHaveFocus();

    await ui.type(reason, 'ad');
    await ui.click(within(dialog).getByRole('button', { name: 'Send report' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('Say what is wrong (3–500 characters)')));
    expect(backend.sent(`POST /api/reviews/${review.id}/report`)).toHaveLength(0);

    await ui.type(reason, 'vertising, not a review  ');
    await ui.click(within(dialog).getByRole('button', { name: 'Send report' }));

    expect(await within(dialog).findByText('Thanks, our team will look at it.')).toBeInTheDocument();
    expect(backend.sent(`POST /api/reviews/${review.id}/report`).map((request) => request.body)).toEqual([{ reason: 'advertising, not a review' }]);
    expect(fake.reviews[0]?.reports.map((report) => report.reason)).toEqual(['advertising, not a review']);
    await ui.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('when the server refuses the reason (422), then its message shows on the field and the modal stays open', async () => {
    renderButton({
      override: {
        'POST /api/reviews/:id/report': () => ({
          status: 422,
          body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'reason', message: 'At most 500 characters' }]),
        }),
      },
    });
    const { ui, dialog, reason } = await openModal();

    await ui.type(reason, 'Spam');
    await ui.click(within(dialog).getByRole('button', { name: 'Send report' }));

    await waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('At most 500 characters')));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByText('Thanks, our team will look at it.')).not.toBeInTheDocument();
  });

  it('when the review is gone (404), then the modal says so above the form', async () => {
    renderButton({ override: { 'POST /api/reviews/:id/report': () => ({ status: 404, body: problem(404, 'not_found', 'Review not found') }) } });
    const { ui, dialog, reason } = await openModal();

    await ui.type(reason, 'Spam');
    await ui.click(within(dialog).getByRole('button', { name: 'Send report' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Review not found');
  });
});

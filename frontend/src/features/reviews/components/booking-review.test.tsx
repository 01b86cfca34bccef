import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, testMentor, type FakeBookingRecord } from '@/testing/fake-bookings';
import { aReviewRecord, type FakeReviewRecord } from '@/testing/fake-reviews';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { BookingReview } from './booking-review';

// A completed session's review on its booking page, against the bookings fake playing the reviews API.
// Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).
const zoya = testUser();
const asha = testMentor();
const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
const TZ = 'Asia/Kolkata';
const TEXT = 'Asha walked me through sharding with real examples, and the mock interview felt like the real thing.';

/** This morning, 09:30–10:30 Kolkata. */
const completed = (overrides: Partial<FakeBookingRecord> = {}) =>
  aBookingRecord(asha, viewerOf(zoya), {
    startsAt: '2026-11-10T04:00:00.000Z',
    status: 'completed',
    settlement: { status: 'held', releaseAt: '2026-11-11T05:00:00.000Z', releasedAt: null, refundPaise: 0 },
    ...overrides,
  });

function ReviewRoute({ viewerRole }: { viewerRole: 'student' | 'mentor' }) {
  const { id = '' } = useParams();
  return <BookingReview bookingId={id} viewerRole={viewerRole} mentorName={asha.name} studentName={zoya.name} timeZone={TZ} />;
}

function renderReview(
  booking: FakeBookingRecord,
  { viewer = zoya, reviews = [], override = {} }: { viewer?: ReturnType<typeof testUser>; reviews?: FakeReviewRecord[]; override?: Routes } = {},
) {
  const viewerRole = viewer.id === asha.id ? 'mentor' : 'student';
  return renderWithBookings([{ path: '/bookings/:id', element: <ReviewRoute viewerRole={viewerRole} /> }], {
    user: viewer,
    mentors: [asha],
    bookings: [booking],
    reviews,
    routes: override,
    initialPath: `/bookings/${booking.id}`,
  });
}

async function reviewForm() {
  const ui = userEvent.setup();
  const form = await screen.findByRole('form', { name: 'Review your session' });
  return {
    ui,
    form,
    stars: within(form).getByRole('radiogroup', { name: 'Your rating' }),
    text: within(form).getByRole('textbox', { name: 'Your review' }),
    visible: within(form).getByRole('switch', { name: /Show on the mentor’s profile/ }),
    submit: within(form).getByRole('button', { name: 'Post review' }),
  };
}

describe('a completed session’s review', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the student posts without stars or with too much text, then each field says what is wrong, the counter shows the length, and nothing is sent', async () => {
    const booking = completed();
    const { backend } = renderReview(booking);
    const { ui, stars, text, submit } = await reviewForm();
    expect(screen.getByRole('heading', { name: 'Review your session' })).toBeInTheDocument();
    expect(text).toHaveAccessibleDescription(expect.stringContaining('0 / 1,000'));

    await ui.click(text);
    await ui.paste('x'.repeat(1001));
    expect(text).toHaveAccessibleDescription(expect.stringContaining('1,001 / 1,000'));
    await ui.click(submit);

    await waitFor(() => expect(stars).toHaveAccessibleDescription(expect.stringContaining('Choose 1 to 5 stars')));
    expect(stars).toHaveAttribute('aria-invalid', 'true');
    expect(text).toHaveAccessibleDescription(expect.stringContaining('At most 1,000 characters'));
    expect(text).toHaveAttribute('aria-invalid', 'true');
    expect(backend.sent(`POST /api/bookings/${booking.id}/review`)).toHaveLength(0);
  });

  it('when the student picks stars with the keyboard, writes, makes it private and posts, then the review shows in place of the form with its private badge', async () => {
    const booking = completed();
    const { backend, fake } = renderReview(booking);
    const { ui, stars, text, visible, submit } = await reviewForm();
    expect(visible).toBeChecked();

    // Enter picks the focused star without sending the form; then the arrow keys choose, as in any radio group.
    within(stars).getByRole('radio', { name: '1 star' }).focus();
    await ui.keyboard('{Enter}');
    expect(screen.getByTestId('rating-words')).toHaveTextContent('1 star · Poor');
    await ui.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(within(stars).getByRole('radio', { name: '4 stars' })).toBeChecked();
    expect(screen.getByTestId('rating-words')).toHaveTextContent('4 stars · Very good');
    await ui.click(text);
    await ui.paste(`  ${TEXT}  `);
    expect(text).toHaveAccessibleDescription(expect.stringContaining(`${TEXT.length} / 1,000`));
    await ui.click(visible);
    expect(visible).not.toBeChecked();
    await ui.click(submit);

    const section = await screen.findByRole('region', { name: 'Your review' });
    expect(backend.sent(`POST /api/bookings/${booking.id}/review`).map((request) => request.body)).toEqual([{ rating: 4, text: TEXT, isPublic: false }]);
    expect(fake.reviews).toHaveLength(1);
    expect(within(section).getByRole('img', { name: '4 out of 5 stars' })).toBeInTheDocument();
    expect(within(section).getByTestId('review-text')).toHaveTextContent(TEXT);
    expect(within(section).getByTestId('review-private')).toHaveTextContent('Private');
    expect(section).toHaveTextContent('Not shown on Asha Rao’s profile; the stars still count in the rating.');
    expect(screen.queryByRole('form', { name: 'Review your session' })).not.toBeInTheDocument();
    expect(await screen.findByText('Review posted')).toBeInTheDocument();
  });

  it('when the server refuses a field (422), then its message shows on that field and the form stays', async () => {
    const booking = completed();
    renderReview(booking, {
      override: {
        'POST /api/bookings/:id/review': () => ({
          status: 422,
          body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'text', message: 'At most 1,000 characters' }]),
        }),
      },
    });
    const { ui, stars, text, submit } = await reviewForm();

    await ui.click(within(stars).getByRole('radio', { name: '5 stars' }));
    await ui.type(text, 'Great session.');
    await ui.click(submit);

    await waitFor(() => expect(text).toHaveAccessibleDescription(expect.stringContaining('At most 1,000 characters')));
    expect(text).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('form', { name: 'Review your session' })).toBeInTheDocument();
  });

  it('when the session was reviewed meanwhile (409 already_reviewed), then the student is told so and reads the review that was posted', async () => {
    const booking = completed();
    const { backend, fake } = renderReview(booking);
    const { ui, stars, submit } = await reviewForm();
    // From another tab, a three-star review is posted first.
    fake.reviews.push(aReviewRecord(booking, { rating: 3, text: 'Posted from my phone.' }));

    await ui.click(within(stars).getByRole('radio', { name: '5 stars' }));
    await ui.click(submit);

    expect(await screen.findByText('You have already reviewed this session')).toBeInTheDocument();
    const section = await screen.findByRole('region', { name: 'Your review' });
    expect(within(section).getByRole('img', { name: '3 out of 5 stars' })).toBeInTheDocument();
    expect(within(section).getByTestId('review-text')).toHaveTextContent('Posted from my phone.');
    expect(backend.sent(`POST /api/bookings/${booking.id}/review`)).toHaveLength(1);
    expect(fake.reviews).toHaveLength(1);
  });

  it('when the student reads a review the mentor answered, then the stars, words and reply show, and there is no form', async () => {
    const booking = completed();
    const review = aReviewRecord(booking, { rating: 5, text: TEXT, mentorReply: 'Thank you, Zoya! Good luck on Friday.', mentorRepliedAt: '2026-11-10T05:45:00.000Z' });
    renderReview(booking, { reviews: [review] });

    const section = await screen.findByRole('region', { name: 'Your review' });
    expect(within(section).getByRole('img', { name: '5 out of 5 stars' })).toBeInTheDocument();
    expect(within(section).getByTestId('review-reply')).toHaveTextContent('Reply from Asha Rao · Tue, 10 Nov, 2026Thank you, Zoya! Good luck on Friday.');
    expect(within(section).queryByTestId('review-private')).not.toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('when the mentor replies, then an empty reply is refused, a real one shows under the review, and no second reply is offered', async () => {
    const booking = completed();
    const review = aReviewRecord(booking, { rating: 4, text: TEXT });
    const { backend, fake } = renderReview(booking, { viewer: ashaUser, reviews: [review] });
    const ui = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Review from Zoya Khan' });
    const form = within(section).getByRole('form', { name: 'Reply to the review' });
    const reply = within(form).getByRole('textbox', { name: /Your reply/ });
    expect(reply).toHaveAccessibleDescription(expect.stringContaining('0 / 500'));
    await ui.click(within(form).getByRole('button', { name: 'Post reply' }));
    await waitFor(() => expect(reply).toHaveAccessibleDescription(expect.stringContaining('Write a reply')));
    expect(backend.sent(`POST /api/reviews/${review.id}/reply`)).toHaveLength(0);

    await ui.type(reply, '  Thanks, Zoya: keep practising the estimates.  ');
    expect(reply).toHaveAccessibleDescription(expect.stringContaining('44 / 500'));
    await ui.click(within(form).getByRole('button', { name: 'Post reply' }));

    await waitFor(() => expect(within(section).getByTestId('review-reply')).toHaveTextContent('Your reply · Tue, 10 Nov, 2026Thanks, Zoya: keep practising the estimates.'));
    expect(backend.sent(`POST /api/reviews/${review.id}/reply`).map((request) => request.body)).toEqual([{ text: 'Thanks, Zoya: keep practising the estimates.' }]);
    expect(fake.reviews[0]?.mentorReply).toBe('Thanks, Zoya: keep practising the estimates.');
    expect(within(section).queryByRole('form', { name: 'Reply to the review' })).not.toBeInTheDocument();
  });

  it('when the mentor’s reply was posted from elsewhere first (409 already_replied), then they are told so and see the reply that stands', async () => {
    const booking = completed();
    const review = aReviewRecord(booking, { rating: 4, text: TEXT });
    const { backend } = renderReview(booking, { viewer: ashaUser, reviews: [review] });
    const ui = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Reply to the review' });
    Object.assign(review, { mentorReply: 'Replied from the other tab.', mentorRepliedAt: '2026-11-10T05:50:00.000Z' });

    await ui.type(within(form).getByRole('textbox', { name: /Your reply/ }), 'A second reply');
    await ui.click(within(form).getByRole('button', { name: 'Post reply' }));

    expect(await screen.findByText('You have already replied to this review')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('review-reply')).toHaveTextContent('Replied from the other tab.'));
    expect(screen.queryByRole('form', { name: 'Reply to the review' })).not.toBeInTheDocument();
    expect(backend.sent(`POST /api/reviews/${review.id}/reply`)).toHaveLength(1);
  });

  it('when the mentor opens a session not reviewed yet, then they are told so and there is nothing to fill in', async () => {
    const booking = completed();
    renderReview(booking, { viewer: ashaUser });

    expect(await screen.findByTestId('no-review-yet')).toHaveTextContent('Zoya Khan hasn’t reviewed this session yet.');
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('when the review can’t be loaded, then an error with a retry shows, and the retry brings the form', async () => {
    const booking = completed();
    let failing = true;
    const { fake } = renderReview(booking, {
      override: {
        'GET /api/bookings/:id/review': () =>
          failing ? { status: 503, body: problem(503, 'unavailable', 'The service is busy, try again') } : { status: 200, body: { review: null, canReview: true } },
      },
    });
    const ui = userEvent.setup();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load the review');
    expect(alert).toHaveTextContent('The service is busy, try again');
    failing = false;
    await ui.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('form', { name: 'Review your session' })).toBeInTheDocument();
    expect(fake.reviews).toHaveLength(0);
  });
});

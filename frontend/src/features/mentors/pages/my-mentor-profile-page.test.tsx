import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Reply } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import type { MentorProfile } from '../types';
import { MyMentorProfilePage } from './my-mentor-profile-page';

const mentor = testUser({ role: 'mentor', name: 'Asha Rao' });

const profile: MentorProfile = {
  slug: 'asha-rao',
  name: 'Asha Rao',
  avatarUrl: null,
  headline: 'Staff Engineer at Google · system design',
  expertise: ['System Design'],
  sessionTopics: ['System Design'],
  languages: ['English'],
  companies: ['Google'],
  price30Paise: 1_500_00,
  price60Paise: 2_500_00,
  ratingAvg: null,
  ratingCount: 0,
  sessionsCompleted: 0,
  acceptingBookings: true,
  bio: 'I have run more than 300 system design interviews at Google and Flipkart and I love it.',
  experience: [{ company: 'Google', role: 'Staff Engineer', years: 6 }],
  linkedinUrl: null,
  timeZone: 'Asia/Kolkata',
  memberSince: '2025-01-01T00:00:00.000Z',
  ratingSummary: { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
  stats: { sessionsCompleted: 0, cancellationRate: null, repeatStudentRate: null, noShows: 0, averageRating: null },
  sessionLengths: [30, 60],
};

function renderPage({ avatarReply }: { avatarReply?: Reply } = {}) {
  let current = profile;
  const backend = installFakeBackend({
    ...sessionRoutes(mentor),
    'GET /api/mentors/facets': () => json({ expertise: [], companies: [], languages: [], topics: [], priceRange: { minPaise: null, maxPaise: null } }),
    'GET /api/mentors/me': () => json(current),
    'PATCH /api/mentors/me': (request) => {
      current = { ...current, ...(request.body as Partial<MentorProfile>) };
      return json(current);
    },
    'PUT /api/mentors/me/avatar': () => avatarReply ?? json({ ...mentor, avatarUrl: '/uploads/avatars/asha.webp' }),
    'PUT /api/mentors/me/accepting-bookings': (request) => {
      current = { ...current, acceptingBookings: (request.body as { accepting: boolean }).accepting };
      return json({ accepting: current.acceptingBookings, slug: current.slug });
    },
  });
  const onUserChanged = vi.fn();
  renderWithApp([{ path: '/mentor/profile', element: <MyMentorProfilePage onUserChanged={onUserChanged} /> }], { initialPath: '/mentor/profile' });
  return { backend, onUserChanged };
}

const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;

// The whole profile form renders on each change; jsdom is slow at that, hence the longer timeout.
describe('the mentor’s own profile', { timeout: 20_000 }, () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the headline is changed and saved, then only the headline is sent', async () => {
    const { backend } = renderPage();
    const ui = userEvent.setup();

    const headline = await screen.findByRole('textbox', { name: /^headline/i });
    expect(screen.getByRole('button', { name: 'Save profile' })).toBeDisabled();
    await ui.click(headline);
    await ui.keyboard('{End}');
    await ui.paste(' and careers');
    await ui.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Profile saved')).toBeInTheDocument();
    expect(backend.sent('PATCH /api/mentors/me').map((request) => request.body)).toEqual([
      { headline: 'Staff Engineer at Google · system design and careers' },
    ]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save profile' })).toBeDisabled());
  });

  it('when the chosen photo is too large or not an image, then it says so and uploads nothing', async () => {
    const { backend } = renderPage();
    const ui = userEvent.setup({ applyAccept: false });
    await screen.findByRole('button', { name: 'Choose a photo' });

    await ui.upload(fileInput(), new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
    expect(await screen.findByText('The image must be at most 2 MB.')).toBeInTheDocument();

    await ui.upload(fileInput(), new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(await screen.findByText('Choose a PNG, JPEG or WebP image.')).toBeInTheDocument();

    expect(screen.queryByRole('button', { name: 'Upload photo' })).not.toBeInTheDocument();
    expect(backend.sent('PUT /api/mentors/me/avatar')).toHaveLength(0);
  });

  it('when a photo is uploaded, then it goes as multipart "avatar" and the app learns the new avatar', async () => {
    const { backend, onUserChanged } = renderPage();
    const ui = userEvent.setup();
    await screen.findByRole('button', { name: 'Choose a photo' });

    await ui.upload(fileInput(), new File(['png bytes'], 'me.png', { type: 'image/png' }));
    await ui.click(await screen.findByRole('button', { name: 'Upload photo' }));

    expect(await screen.findByText('Photo updated')).toBeInTheDocument();
    const [upload] = backend.sent('PUT /api/mentors/me/avatar');
    expect(upload?.body).toBeInstanceOf(FormData);
    expect((upload?.body as FormData).get('avatar')).toMatchObject({ name: 'me.png', type: 'image/png' });
    expect(onUserChanged).toHaveBeenCalledWith(expect.objectContaining({ avatarUrl: '/uploads/avatars/asha.webp' }));
  });

  it("when the server says the upload isn't an image, then its message shows", async () => {
    renderPage({
      avatarReply: {
        status: 422,
        body: problem(422, 'invalid_image', 'The request is invalid', [{ path: 'avatar', message: 'Upload a PNG, JPEG or WebP image' }]),
      },
    });
    const ui = userEvent.setup();
    await screen.findByRole('button', { name: 'Choose a photo' });

    await ui.upload(fileInput(), new File(['not really a png'], 'fake.png', { type: 'image/png' }));
    await ui.click(await screen.findByRole('button', { name: 'Upload photo' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Upload a PNG, JPEG or WebP image');
  });

  it('when bookings are paused, then the server is told and the switch says so', async () => {
    const { backend } = renderPage();
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('switch', { name: /Accepting bookings/ }));

    expect(await screen.findByRole('switch', { name: /Bookings paused/ })).not.toBeChecked();
    expect(backend.sent('PUT /api/mentors/me/accepting-bookings').map((request) => request.body)).toEqual([{ accepting: false }]);
  });
});

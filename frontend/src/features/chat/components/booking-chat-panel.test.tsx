import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { fakeChatBackend, type FakeConversationSeed } from '@/testing/fake-chat';
import { installFakeBackend, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import { BookingChatPanel } from './booking-chat-panel';

// The chat panel of a booking's page (and its call), against the chat fake. Now is Tuesday 10 November 2026, 11:30 in
// Kolkata (06:00Z).

const zoya = testUser();
const asha = { id: 'a5a00000-0000-4000-8000-000000000001', name: 'Asha Rao', role: 'mentor' as const };
const ravi = { id: 'a5a00000-0000-4000-8000-000000000003', name: 'Ravi Menon', role: 'student' as const };
const me = { id: zoya.id, name: zoya.name, role: 'student' as const };
const withAsha = 'c0000000-0000-4000-8000-000000000001';
const circle = 'c0000000-0000-4000-8000-000000000009';
const confirmed = 'b0000000-0000-4000-8000-000000000001';
const groupBooking = 'b0000000-0000-4000-8000-000000000002';
const unpaid = 'b0000000-0000-4000-8000-000000000003';

const seeds = (): FakeConversationSeed[] => [
  {
    id: withAsha,
    mentorId: asha.id,
    members: [asha, me],
    bookingIds: [confirmed],
    messages: [{ senderId: asha.id, text: 'See you at **18:30**', createdAt: '2026-11-10T05:00:00.000Z' }],
  },
  {
    id: circle,
    kind: 'group',
    title: 'System design circle',
    mentorId: asha.id,
    members: [asha, me, ravi],
    bookingIds: [groupBooking],
  },
];

function renderPanel(bookingId: string, routes: Routes = {}) {
  const chat = fakeChatBackend({ viewer: zoya, conversations: seeds() });
  const backend = installFakeBackend({ ...sessionRoutes(zoya), ...chat.routes, ...routes });
  const view = renderWithApp([{ path: '*', element: <BookingChatPanel bookingId={bookingId} viewer={{ id: zoya.id, role: 'student' }} timeZone="Asia/Kolkata" /> }]);
  return { ...view, chat, backend };
}

describe('booking chat panel', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when the booking has no conversation yet, then the panel says chat opens once it is confirmed', async () => {
    const { backend } = renderPanel(unpaid);

    expect(await screen.findByText('Chat opens once the booking is confirmed.')).toBeInTheDocument();
    expect(backend.sent(`GET /api/conversations/by-booking/${unpaid}`)).toHaveLength(1);
    expect(screen.queryByRole('textbox', { name: 'Message' })).not.toBeInTheDocument();
  });

  it('when the booking’s conversation loads, then its history, the composer and a link to it in Messages show, and a message written there is sent to it', async () => {
    const { chat } = renderPanel(confirmed);
    const ui = userEvent.setup();

    const panel = await screen.findByRole('region', { name: 'Chat' });
    await within(panel).findByRole('region', { name: 'Message history' });
    expect(within(panel).getByRole('heading', { level: 2, name: 'Asha Rao' })).toBeInTheDocument();
    expect(within(panel).getByTestId('message')).toHaveTextContent('See you at 18:30');
    expect(within(panel).getByRole('link', { name: 'Open in Messages' })).toHaveAttribute('href', `/messages/${withAsha}`);
    // Not the Messages page's way back to its list.
    expect(within(panel).queryByRole('link', { name: 'All conversations' })).not.toBeInTheDocument();

    await ui.type(within(panel).getByRole('textbox', { name: 'Message' }), 'Running 5 minutes late{Enter}');

    await waitFor(() => expect(chat.messages(withAsha).at(-1)?.text).toBe('Running 5 minutes late'));
    await waitFor(() => expect(within(panel).getAllByTestId('message').at(-1)).toHaveTextContent('Running 5 minutes late'));
  });

  it('when the booking is a group session’s, then the panel is its group conversation, called by the session’s title', async () => {
    renderPanel(groupBooking);

    expect(await screen.findByRole('heading', { level: 2, name: 'System design circle' })).toBeInTheDocument();
    expect(screen.getByText('3 members')).toBeInTheDocument();
  });

  it('when the conversation can’t be loaded for another reason, then the panel says so with a way to try again', async () => {
    renderPanel(confirmed, { 'GET /api/conversations/by-booking/:bookingId': () => ({ status: 403, body: problem(403, 'forbidden', 'Not allowed') }) });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load the chat');
    expect(alert).toHaveTextContent('Not allowed');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByText('Chat opens once the booking is confirmed.')).not.toBeInTheDocument();
  });
});

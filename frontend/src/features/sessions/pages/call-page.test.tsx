import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEachTestAt } from '@/testing/clock';
import { json, problem, testUser, type Routes } from '@/testing/fake-backend';
import { aBookingRecord, testMentor, type FakeBookingRecord, type FakeCallService } from '@/testing/fake-bookings';
import { failScript, FakeJitsiMeetExternalApi, installJitsi, jitsiScript, loadScript, uninstallJitsi } from '@/testing/fake-jitsi';
import { renderWithBookings, viewerOf } from '@/testing/render-with-bookings';
import { HEARTBEAT_MS } from '../hooks/use-attendance';
import { AUTOSAVE_DELAY_MS } from '../hooks/use-notes-autosave';
import { CallPage, type CallPageProps } from './call-page';

// Zoya's session with Asha on Friday 4 December 2026, 18:30–19:30 in Kolkata: the call is open 18:20–19:45.
const zoya = testUser();
const asha = testMentor();
const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
const STARTS_AT = '2026-12-04T13:00:00.000Z';
const DURING = new Date('2026-12-04T13:05:00.000Z'); // 18:35, five minutes in
const PUBLIC_SCRIPT = 'https://meet.jit.si/external_api.js';

type RenderChat = NonNullable<CallPageProps['renderChat']>;

/** The app gives the chat feature's panel; here a stand-in with a box whose text must survive hiding it. */
const stubChat: RenderChat = (bookingId) => (
  <section aria-label="Chat">
    Chat of booking {bookingId}
    <textarea aria-label="Chat message" />
  </section>
);

function CallRoute({ renderChat }: { renderChat?: RenderChat }) {
  const { id = '' } = useParams();
  return <CallPage bookingId={id} timeZone="Asia/Kolkata" {...(renderChat ? { renderChat } : {})} />;
}

function renderCall(
  booking: FakeBookingRecord,
  { viewer = zoya, call, routes, renderChat }: { viewer?: ReturnType<typeof testUser>; call?: FakeCallService; routes?: Routes; renderChat?: RenderChat } = {},
) {
  const view = renderWithBookings(
    [
      { path: '/bookings/:id/call', element: <CallRoute {...(renderChat ? { renderChat } : {})} /> },
      { path: '/bookings/:id', element: <h1>Booking page</h1> },
    ],
    { user: viewer, mentors: [asha], bookings: [booking], initialPath: `/bookings/${booking.id}/call`, ...(call ? { call } : {}), ...(routes ? { routes } : {}) },
  );
  const attendance = () => view.backend.sent(`POST /api/bookings/${booking.id}/attendance`).map((request) => (request.body as { type: string }).type);
  return { ...view, attendance };
}

const aSession = (overrides: Partial<FakeBookingRecord> = {}) => aBookingRecord(asha, viewerOf(zoya), { startsAt: STARTS_AT, ...overrides });

/** The call the page created, once the SDK has made it. */
async function theCall() {
  await waitFor(() => expect(FakeJitsiMeetExternalApi.instances.length).toBeGreaterThan(0));
  return FakeJitsiMeetExternalApi.latest();
}

const jump = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('call page', { timeout: 30_000 }, () => {
  afterEach(() => {
    uninstallJitsi();
  });

  describe('during the session', () => {
    startEachTestAt(DURING, { timers: 'jumpable' });

    it('when the Jitsi script fails to load, then a message names the server with a Retry, and Retry loads it again and shows the call', async () => {
      const booking = aSession();
      renderCall(booking);
      const ui = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

      await waitFor(() => expect(jitsiScript(PUBLIC_SCRIPT)).not.toBeNull());
      failScript(jitsiScript(PUBLIC_SCRIPT)!);

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The video call could not load. Check your connection or whether something blocks meet.jit.si.');
      expect(jitsiScript(PUBLIC_SCRIPT)).toBeNull();
      expect(FakeJitsiMeetExternalApi.instances).toHaveLength(0);

      await ui.click(within(alert).getByRole('button', { name: 'Retry' }));

      await waitFor(() => expect(jitsiScript(PUBLIC_SCRIPT)).not.toBeNull());
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      loadScript(jitsiScript(PUBLIC_SCRIPT)!);

      const call = await theCall();
      expect(call.domain).toBe('meet.jit.si');
      expect(call.options).toMatchObject({
        roomName: `mentor-connect-${booking.id}`,
        userInfo: { displayName: 'Zoya Khan' },
        configOverwrite: { prejoinPageEnabled: false },
      });
      expect(call.options.jwt).toBeUndefined();
      expect(within(screen.getByTestId('call-frame')).getByTitle('Video call')).toBeInTheDocument();
      expect(screen.getByTestId('public-server-note')).toHaveTextContent('Calls on the public meet.jit.si server are time-limited');
    });

    it('when the server is JaaS, then the script comes from the tenant’s path on 8x8.vc and the call gets the JWT', async () => {
      const booking = aSession();
      renderCall(booking, { call: { provider: 'jaas', domain: '8x8.vc', appId: 'vpaas-magic-cookie-abc' } });
      const script = 'https://8x8.vc/vpaas-magic-cookie-abc/external_api.js';

      await waitFor(() => expect(jitsiScript(script)).not.toBeNull());
      loadScript(jitsiScript(script)!);

      const call = await theCall();
      expect(call.domain).toBe('8x8.vc');
      expect(call.options).toMatchObject({ roomName: `vpaas-magic-cookie-abc/mentor-connect-${booking.id}`, jwt: `jwt-for-student-${booking.id}` });
      expect(screen.queryByTestId('public-server-note')).not.toBeInTheDocument();
    });

    it('when the viewer joins, then "joined" is posted and a heartbeat every 30 s; when they leave, "left" is posted, heartbeats stop and Rejoin starts a new call', async () => {
      installJitsi();
      const booking = aSession();
      const { attendance, fake } = renderCall(booking);
      const ui = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

      const call = await theCall();
      expect(attendance()).toEqual([]);

      act(() => call.emit('videoConferenceJoined', { roomName: call.options.roomName }));
      await waitFor(() => expect(attendance()).toEqual(['joined']));

      await jump(HEARTBEAT_MS - 1_000);
      expect(attendance()).toEqual(['joined']);
      await jump(1_000);
      await waitFor(() => expect(attendance()).toEqual(['joined', 'heartbeat']));
      await jump(HEARTBEAT_MS);
      await waitFor(() => expect(attendance()).toEqual(['joined', 'heartbeat', 'heartbeat']));

      act(() => call.emit('videoConferenceLeft', { roomName: call.options.roomName }));

      expect(await screen.findByRole('heading', { name: 'You left the call' })).toBeInTheDocument();
      await waitFor(() => expect(attendance()).toEqual(['joined', 'heartbeat', 'heartbeat', 'left']));
      expect(call.disposed).toBe(true);
      expect(screen.getByRole('link', { name: 'Back to the booking' })).toHaveAttribute('href', `/bookings/${booking.id}`);

      await jump(2 * HEARTBEAT_MS);
      expect(attendance()).toHaveLength(4);
      expect(fake.attendance.map((event) => event.type)).toEqual(['joined', 'heartbeat', 'heartbeat', 'left']);

      await ui.click(screen.getByRole('button', { name: 'Rejoin' }));

      await waitFor(() => expect(FakeJitsiMeetExternalApi.instances).toHaveLength(2));
      expect(screen.queryByRole('heading', { name: 'You left the call' })).not.toBeInTheDocument();
      act(() => FakeJitsiMeetExternalApi.latest().emit('videoConferenceJoined', {}));
      await waitFor(() => expect(attendance().at(-1)).toBe('joined'));
    });

    it('when the app gives the booking’s chat, then it shows beside the call, and hiding it keeps what was written in it', async () => {
      installJitsi();
      const booking = aSession();
      renderCall(booking, { renderChat: stubChat });
      const ui = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      await theCall();

      const chat = screen.getByRole('region', { name: 'Chat' });
      expect(chat).toHaveTextContent(`Chat of booking ${booking.id}`);
      expect(screen.getByTestId('call-frame').compareDocumentPosition(chat) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      await ui.type(within(chat).getByRole('textbox', { name: 'Chat message' }), 'Can you hear me?');

      const toggle = screen.getByRole('button', { name: 'Hide chat' });
      expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await ui.click(toggle);

      expect(screen.queryByRole('region', { name: 'Chat' })).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Show chat' })).toHaveAttribute('aria-expanded', 'false');
      await ui.click(screen.getByRole('button', { name: 'Show chat' }));
      expect(within(screen.getByRole('region', { name: 'Chat' })).getByRole('textbox', { name: 'Chat message' })).toHaveValue('Can you hear me?');
    });

    it('when there is no chat to show, then the call offers no chat toggle', async () => {
      installJitsi();
      renderCall(aSession());
      await theCall();

      expect(screen.queryByRole('button', { name: 'Hide chat' })).not.toBeInTheDocument();
      expect(screen.queryByRole('region', { name: 'Chat' })).not.toBeInTheDocument();
    });

    it('when Leave is pressed, then the call is hung up and the left screen shows', async () => {
      installJitsi();
      const booking = aSession();
      const { attendance } = renderCall(booking);
      const ui = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const call = await theCall();
      act(() => call.emit('videoConferenceJoined', {}));

      await ui.click(await screen.findByRole('button', { name: 'Leave' }));

      expect(call.commands).toEqual(['hangup']);
      expect(await screen.findByRole('heading', { name: 'You left the call' })).toBeInTheDocument();
      await waitFor(() => expect(attendance()).toEqual(['joined', 'left']));
      expect(screen.queryByRole('button', { name: 'End for everyone' })).not.toBeInTheDocument();
    });

    it('when the page is left mid-call, then "left" is still posted and the heartbeat stops', async () => {
      installJitsi();
      const booking = aSession();
      const { attendance, router } = renderCall(booking);
      const call = await theCall();
      act(() => call.emit('videoConferenceJoined', {}));
      await waitFor(() => expect(attendance()).toEqual(['joined']));

      await act(() => router.navigate(`/bookings/${booking.id}`));

      expect(await screen.findByRole('heading', { name: 'Booking page' })).toBeInTheDocument();
      await waitFor(() => expect(attendance()).toEqual(['joined', 'left']));
      await jump(2 * HEARTBEAT_MS);
      expect(attendance()).toEqual(['joined', 'left']);
    });

    it('when the mentor ends the call for everyone, then they confirm first and the conference is ended', async () => {
      installJitsi();
      const booking = aSession();
      renderCall(booking, { viewer: ashaUser });
      const ui = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const call = await theCall();
      act(() => call.emit('videoConferenceJoined', {}));

      await ui.click(await screen.findByRole('button', { name: 'End for everyone' }));
      const dialog = await screen.findByRole('dialog', { name: 'End the call for everyone?' });
      expect(call.commands).toEqual([]);
      await ui.click(within(dialog).getByRole('button', { name: 'End for everyone' }));

      expect(call.commands).toEqual(['endConference']);
      expect(await screen.findByRole('heading', { name: 'You left the call' })).toBeInTheDocument();
      expect(call.options.userInfo?.displayName).toBe('Asha Rao');
    });

    it('when the mentor types notes, then one PUT is sent a second after typing stops, with all of it, and the time it was saved shows', async () => {
      installJitsi();
      const booking = aSession({ notes: { text: 'Goal: caching.', updatedAt: '2026-12-04T12:40:00.000Z' } });
      const { backend, fake } = renderCall(booking, { viewer: ashaUser });
      const ui = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const saves = () => backend.sent(`PUT /api/bookings/${booking.id}/notes`);

      const notes = await screen.findByRole('textbox', { name: 'Notes' });
      expect(notes).toHaveValue('Goal: caching.');
      expect(screen.getByTestId('notes-status')).toHaveTextContent('Saved 18:10');

      await ui.type(notes, ' Next: queues.');
      await jump(AUTOSAVE_DELAY_MS - 100);
      expect(saves()).toHaveLength(0);

      await jump(100);
      await waitFor(() => expect(saves()).toHaveLength(1));
      expect(saves()[0]?.body).toEqual({ text: 'Goal: caching. Next: queues.' });
      await waitFor(() => expect(screen.getByTestId('notes-status')).toHaveTextContent('Saved 18:35'));
      expect(fake.records[0]?.notes.text).toBe('Goal: caching. Next: queues.');

      await jump(5 * AUTOSAVE_DELAY_MS);
      expect(saves()).toHaveLength(1);
    });

    it('when saving the notes fails, then the error shows with Retry, and Retry saves them', async () => {
      installJitsi();
      let failing = true;
      const booking = aSession();
      const stored: { text: string }[] = [];
      const { backend } = renderCall(booking, {
        viewer: ashaUser,
        routes: {
          'PUT /api/bookings/:id/notes': (request) => {
            if (failing) return { status: 503, body: problem(503, 'unavailable', 'The server is busy') };
            stored.push(request.body as { text: string });
            return json({ text: (request.body as { text: string }).text, updatedAt: new Date().toISOString() });
          },
        },
      });
      const ui = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

      const notes = await screen.findByRole('textbox', { name: 'Notes' });
      await ui.type(notes, 'Covered sharding');
      await ui.tab();

      expect(await screen.findByText('Couldn’t save: The server is busy')).toBeInTheDocument();
      failing = false;
      await ui.click(screen.getByRole('button', { name: 'Retry' }));

      await waitFor(() => expect(screen.getByTestId('notes-status')).toHaveTextContent('Saved 18:35'));
      expect(stored).toEqual([{ text: 'Covered sharding' }]);
      expect(backend.sent(`PUT /api/bookings/${booking.id}/notes`)).toHaveLength(2);
    });
  });

  describe('before the call opens', () => {
    startEachTestAt(new Date('2026-12-04T12:20:00.000Z'), { timers: 'jumpable' }); // 17:50, half an hour before it opens

    it('when the call is not open yet, then the page says when it opens with a way back, and lets the viewer in by itself when it opens', async () => {
      installJitsi();
      const booking = aSession();
      const { backend } = renderCall(booking);

      expect(await screen.findByRole('heading', { name: 'The call isn’t open yet' })).toBeInTheDocument();
      expect(screen.getByTestId('call-opens')).toHaveTextContent('It opens Fri 4 Dec, 18:20 (in 30 min)');
      expect(screen.getByRole('link', { name: 'Back to the booking' })).toHaveAttribute('href', `/bookings/${booking.id}`);
      expect(FakeJitsiMeetExternalApi.instances).toHaveLength(0);

      await jump(30 * 60_000);

      await theCall();
      expect(await screen.findByRole('heading', { name: 'Your session' })).toBeInTheDocument();
      expect(backend.sent(`GET /api/bookings/${booking.id}/meeting`)).toHaveLength(2);
    });
  });

  describe('after the call', () => {
    startEachTestAt(new Date('2026-12-04T14:30:00.000Z'));

    it('when the window has closed, then the page says so and when', async () => {
      renderCall(aSession());

      expect(await screen.findByRole('heading', { name: 'The call has closed' })).toBeInTheDocument();
      expect(screen.getByTestId('call-closed')).toHaveTextContent('It closed Fri 4 Dec, 19:45');
    });

    it('when the booking was cancelled, then the page says it can’t be joined', async () => {
      renderCall(aSession({ status: 'cancelled', cancellation: { by: 'mentor', reason: null, at: '2026-12-01T10:00:00.000Z' } }));

      expect(await screen.findByRole('heading', { name: 'This session can’t be joined' })).toBeInTheDocument();
      expect(jitsiScript(PUBLIC_SCRIPT)).toBeNull();
    });
  });
});

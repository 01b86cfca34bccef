import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { paths } from '@/config/paths';
import { startEachTestAt } from '@/testing/clock';
import { fakeChatBackend, type FakeConversationSeed } from '@/testing/fake-chat';
import { installFakeBackend, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { createFakeRealtime, type FakeSocket } from '@/testing/fake-socket';
import { renderWithApp } from '@/testing/render-app';
import type { Viewer } from '../types';
import { MessagesPage } from './messages-page';

// The Messages page against the chat fake (REST) and a fake /chat socket the test connects and plays the server on.
// Now is Tuesday 10 November 2026, 11:30 in Kolkata (06:00Z).

const zoya = testUser({ id: '5b0f7a3e-8d5f-4a8e-9d55-0b1c7b7e2a10', name: 'Zoya Khan', role: 'student' });
const asha = { id: 'a5a00000-0000-4000-8000-000000000001', name: 'Asha Rao', role: 'mentor' as const };
const ravi = { id: 'a5a00000-0000-4000-8000-000000000002', name: 'Ravi Menon', role: 'mentor' as const };
const me = { id: zoya.id, name: zoya.name, role: 'student' as const };
const withAsha = 'c0000000-0000-4000-8000-000000000001';
const withRavi = 'c0000000-0000-4000-8000-000000000002';
const TZ = 'Asia/Kolkata';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function seeds(): FakeConversationSeed[] {
  return [
    {
      id: withRavi,
      mentorId: ravi.id,
      members: [ravi, me],
      messages: [
        { senderId: ravi.id, text: 'Welcome! Send me your resume.', createdAt: '2026-11-02T04:00:00.000Z' },
        { senderId: me.id, text: 'Here it is, **thanks**', createdAt: '2026-11-02T05:00:00.000Z' },
      ],
      readUpTo: { [me.id]: 2 },
    },
    {
      id: withAsha,
      mentorId: asha.id,
      members: [asha, me],
      messages: [
        { senderId: me.id, text: 'Hi Asha, can we talk about caching?', createdAt: '2026-11-09T10:00:00.000Z' },
        { senderId: asha.id, text: 'Sure. Read about `write-through` first.', createdAt: '2026-11-09T10:05:00.000Z' },
        // 01:30 on the 10th in Kolkata (still the 9th in UTC): "Today" on the viewer's calendar.
        { senderId: asha.id, text: 'And this:\n\n```ts\nconst ttl = 60;\n```', createdAt: '2026-11-09T20:00:00.000Z' },
      ],
      readUpTo: { [me.id]: 1, [asha.id]: 1 },
    },
  ];
}

function MessagesAt({ viewer }: { viewer: Viewer }) {
  const { conversationId = null } = useParams();
  return <MessagesPage viewer={viewer} timeZone={TZ} conversationId={conversationId} />;
}

interface RenderOptions {
  conversations?: FakeConversationSeed[];
  routes?: Routes;
  acks?: 'auto' | 'held';
  viewer?: ReturnType<typeof testUser>;
  /** The chat fake, when the test wraps some of its routes. */
  chat?: ReturnType<typeof fakeChatBackend>;
}

function renderMessages(initialPath: string, { conversations = seeds(), routes = {}, acks = 'auto', viewer = zoya, chat = fakeChatBackend({ viewer, conversations }) }: RenderOptions = {}) {
  const backend = installFakeBackend({ ...sessionRoutes(viewer), ...chat.routes, ...routes });
  const realtime = createFakeRealtime({ onSocket: (socket) => chat.serve(socket, { acks }) });
  const view = renderWithApp([{ path: paths.app.messages.path, element: <MessagesAt viewer={{ id: viewer.id, role: viewer.role as Viewer['role'] }} /> }], {
    initialPath,
    realtime,
  });
  const socket = async () => {
    await waitFor(() => expect(realtime.sockets.filter((s) => !s.closed)).not.toHaveLength(0));
    return realtime.socket('/chat');
  };
  return { ...view, chat, backend, socket };
}

const connect = (socket: FakeSocket) => act(() => socket.accept());
const history = () => screen.findByRole('region', { name: 'Message history' });
const bubbles = () => within(screen.getByRole('region', { name: 'Message history' })).queryAllByTestId('message');
const deliveries = () => bubbles().flatMap((bubble) => within(bubble).queryAllByTestId('delivery').map((d) => d.getAttribute('data-delivery')));
const composer = () => screen.getByRole('textbox', { name: 'Message' });
const conversationItems = () => screen.getAllByTestId('conversation-item');

describe('the Messages page', { timeout: 30_000 }, () => {
  startEachTestAt();

  it('when it opens, then the conversations are listed latest first, with who, the last message, its time and the unread count', async () => {
    renderMessages('/messages');

    const list = await screen.findByRole('list', { name: 'Conversations' });
    const items = within(list).getAllByRole('link');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveAttribute('href', `/messages/${withAsha}`);
    expect(items[0]).toHaveTextContent('Asha Rao');
    expect(items[0]).toHaveTextContent('01:30');
    expect(within(items[0]!).getByTestId('conversation-preview')).toHaveTextContent('And this: const ttl = 60;');
    expect(within(items[0]!).getByTestId('unread-badge')).toHaveTextContent(/^2$/);
    expect(items[0]).toHaveAccessibleName(/, 2 unread$/);
    expect(items[1]).toHaveTextContent('Ravi Menon');
    expect(items[1]).toHaveTextContent('Mon, 2 Nov');
    expect(within(items[1]!).getByTestId('conversation-preview')).toHaveTextContent('You: Here it is, thanks');
    expect(within(items[1]!).queryByTestId('unread-badge')).not.toBeInTheDocument();
    expect(screen.getByText('Choose a conversation to read it and reply.')).toBeInTheDocument();
  });

  it('when a conversation opens, then its history shows in days on the viewer’s calendar, own messages with ticks, code highlighted, and it is marked read', async () => {
    const { backend } = renderMessages(`/messages/${withAsha}`);

    await history();
    expect(screen.getByRole('heading', { level: 2, name: 'Asha Rao' })).toBeInTheDocument();
    const days = within(screen.getByRole('region', { name: 'Message history' })).getAllByRole('region');
    expect(days.map((day) => day.getAttribute('aria-label'))).toEqual(['Yesterday', 'Today']);
    expect(within(days[0]!).getAllByTestId('message')).toHaveLength(2);
    expect(within(days[1]!).getAllByTestId('message')).toHaveLength(1);
    const [mine, theirs] = within(days[0]!).getAllByTestId('message');
    expect(mine).toHaveAttribute('data-mine', 'true');
    expect(mine).toHaveTextContent('You, 15:30:');
    expect(theirs).not.toHaveAttribute('data-mine');
    expect(within(theirs!).getByText('write-through').tagName).toBe('CODE');
    // Asha had read up to the first message: Zoya's own message shows ✓✓.
    expect(within(mine!).getByRole('img', { name: 'Read' })).toBeInTheDocument();
    expect(document.querySelector('pre code.hljs .hljs-keyword')).toHaveTextContent('const');

    // No socket yet: the newest message is marked read over HTTP.
    await waitFor(() => expect(backend.sent(`POST /api/conversations/${withAsha}/read`).map((r) => r.body)).toEqual([{ messageId: expect.any(String) }]));
    const newest = backend.sent(`GET /api/conversations/${withAsha}/messages`)[0];
    expect(Object.fromEntries(newest!.query)).toEqual({ limit: '50' });
    await waitFor(() => expect(within(conversationItems()[0]!).queryByTestId('unread-badge')).not.toBeInTheDocument());
  });

  it('when the history is longer than a page, then "Load earlier messages" fetches the page before, and the start is said once reached', async () => {
    const many: FakeConversationSeed = {
      id: withAsha,
      mentorId: asha.id,
      members: [asha, me],
      messages: Array.from({ length: 60 }, (_, index) => ({
        senderId: index % 2 ? asha.id : me.id,
        text: `Message number ${index + 1}`,
        createdAt: new Date(Date.parse('2026-11-10T00:00:00.000Z') + index * 60_000).toISOString(),
      })),
      readUpTo: { [me.id]: 60, [asha.id]: 60 },
    };
    const { backend } = renderMessages(`/messages/${withAsha}`, { conversations: [many] });
    const ui = userEvent.setup();

    await history();
    expect(bubbles()).toHaveLength(50);
    expect(bubbles()[0]).toHaveTextContent('Message number 11');
    expect(screen.queryByText('This is the start of your conversation.')).not.toBeInTheDocument();

    await ui.click(screen.getByRole('button', { name: 'Load earlier messages' }));

    await waitFor(() => expect(bubbles()).toHaveLength(60));
    expect(bubbles()[0]).toHaveTextContent('Message number 1');
    expect(bubbles().at(-1)).toHaveTextContent('Message number 60');
    expect(backend.sent(`GET /api/conversations/${withAsha}/messages`).map((r) => Object.fromEntries(r.query))).toEqual([{ limit: '50' }, { limit: '50', before: '11' }]);
    expect(screen.queryByRole('button', { name: 'Load earlier messages' })).not.toBeInTheDocument();
    expect(screen.getByText('This is the start of your conversation.')).toBeInTheDocument();
  });

  it('when a message is sent over the socket, then it shows pending with a clock, ✓ once acknowledged, and ✓✓ once the other has read it', async () => {
    const { socket: socketOf, chat } = renderMessages(`/messages/${withAsha}`, { acks: 'held' });
    const ui = userEvent.setup();
    await history();
    const socket = await socketOf();
    connect(socket);

    await ui.type(composer(), 'Thanks! Here is mine:{Shift>}{Enter}{/Shift}```js{Shift>}{Enter}{/Shift}cache.set(key, value){Shift>}{Enter}{/Shift}```');
    await ui.keyboard('{Enter}');

    expect(composer()).toHaveValue('');
    await waitFor(() => expect(socket.sent('message:send')).toHaveLength(1));
    const payload = socket.sent('message:send')[0]!.payload as { conversationId: string; clientId: string; text: string };
    expect(payload).toEqual({ conversationId: withAsha, clientId: expect.stringMatching(uuid), text: 'Thanks! Here is mine:\n```js\ncache.set(key, value)\n```' });
    expect(deliveries().at(-1)).toBe('sending');
    expect(within(bubbles().at(-1)!).getByRole('img', { name: 'Sending' })).toBeInTheDocument();

    act(() => chat.release(socket));

    await waitFor(() => expect(deliveries().at(-1)).toBe('sent'));
    expect(bubbles()).toHaveLength(4);
    expect(bubbles().at(-1)!.querySelector('code.hljs.language-js')).not.toBeNull();
    // The list follows: Zoya's message is the latest.
    expect(within(conversationItems()[0]!).getByTestId('conversation-preview')).toHaveTextContent('You: Thanks! Here is mine:');

    const stored = chat.messages(withAsha).at(-1)!;
    expect(stored.clientId).toBe(payload.clientId);
    act(() => socket.push('read', chat.readBy(withAsha, asha.id, stored.id)));
    await waitFor(() => expect(deliveries().at(-1)).toBe('read'));
  });

  it('when there is no socket, then a message goes over HTTP with its clientId, pending until the server answers', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const chat = fakeChatBackend({ viewer: zoya, conversations: seeds() });
    const { backend } = renderMessages(`/messages/${withAsha}`, {
      routes: {
        'POST /api/conversations/:id/messages': async (request, params) => {
          await answered;
          return chat.routes['POST /api/conversations/:id/messages']!(request, params);
        },
        'GET /api/conversations/:id/messages': (request, params) => chat.routes['GET /api/conversations/:id/messages']!(request, params),
      },
    });
    const ui = userEvent.setup();
    await history();

    await ui.type(composer(), 'Over plain HTTP{Enter}');

    await waitFor(() => expect(backend.sent(`POST /api/conversations/${withAsha}/messages`)).toHaveLength(1));
    expect(backend.sent(`POST /api/conversations/${withAsha}/messages`)[0]!.body).toEqual({ clientId: expect.stringMatching(uuid), text: 'Over plain HTTP' });
    expect(deliveries().at(-1)).toBe('sending');
    expect(within(bubbles().at(-1)!).getByRole('img', { name: 'Sending' })).toBeInTheDocument();
    answer();
    await waitFor(() => expect(deliveries().at(-1)).toBe('sent'));
    expect(bubbles().at(-1)).toHaveTextContent('Over plain HTTP');
  });

  it('when messages are written while offline, then they wait in order and go on reconnect in that order, each with the clientId it was given', async () => {
    const { socket: socketOf, backend } = renderMessages(`/messages/${withAsha}`, {
      routes: {
        'POST /api/conversations/:id/messages': () => {
          throw new TypeError('Failed to fetch');
        },
      },
    });
    const ui = userEvent.setup();
    await history();
    const socket = await socketOf();

    await ui.type(composer(), 'one{Enter}');
    await waitFor(() => expect(backend.sent(`POST /api/conversations/${withAsha}/messages`)).toHaveLength(1));
    await waitFor(() => expect(deliveries().at(-1)).toBe('queued'));
    await ui.type(composer(), 'two{Enter}');
    await ui.type(composer(), 'three{Enter}');

    await waitFor(() => expect(bubbles().slice(-3).map((b) => b.textContent)).toEqual(['You:oneWaiting for a connection', 'You:twoWaiting for a connection', 'You:threeWaiting for a connection']));
    expect(deliveries().slice(-3)).toEqual(['queued', 'queued', 'queued']);
    expect(within(bubbles().at(-1)!).getByRole('img', { name: 'Waiting for a connection' })).toBeInTheDocument();
    // Waiting: no new attempt for each message written.
    expect(backend.sent(`POST /api/conversations/${withAsha}/messages`)).toHaveLength(1);
    const firstClientId = (backend.sent(`POST /api/conversations/${withAsha}/messages`)[0]!.body as { clientId: string }).clientId;
    // They live only in this page: leaving it asks first.
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leaving()).toBe(true);

    connect(socket);

    await waitFor(() => expect(deliveries().slice(-3)).toEqual(['sent', 'sent', 'sent']));
    expect(leaving()).toBe(false);
    const sends = socket.sent('message:send').map((e) => e.payload as { clientId: string; text: string });
    expect(sends.map((s) => s.text)).toEqual(['one', 'two', 'three']);
    expect(sends[0]!.clientId).toBe(firstClientId);
    expect(new Set(sends.map((s) => s.clientId)).size).toBe(3);
    expect(bubbles().slice(-3).map((b) => b.textContent)).toEqual([expect.stringContaining('one'), expect.stringContaining('two'), expect.stringContaining('three')]);
  });

  it('when the server refuses a message, then it shows "Not sent" with the reason, and Retry sends it again with the same clientId', async () => {
    const { socket: socketOf, chat } = renderMessages(`/messages/${withAsha}`);
    const ui = userEvent.setup();
    await history();
    const socket = await socketOf();
    connect(socket);
    // The first send is refused; everything else is answered as the server does.
    const serve = socket.onEmit;
    let refuse = true;
    socket.onEmit = (emitted) => {
      if (emitted.event === 'message:send' && refuse) {
        refuse = false;
        queueMicrotask(() => emitted.ack?.({ error: { code: 'internal', message: 'Something went wrong; try again' } }));
      } else serve?.(emitted);
    };

    await ui.type(composer(), 'Please arrive{Enter}');

    await waitFor(() => expect(deliveries().at(-1)).toBe('failed'));
    const failed = bubbles().at(-1)!;
    expect(within(failed).getByRole('alert')).toHaveTextContent('Something went wrong; try again');
    await ui.click(within(failed).getByRole('button', { name: 'Retry' }));

    await waitFor(() => expect(deliveries().at(-1)).toBe('sent'));
    const [first, second] = socket.sent('message:send').map((e) => (e.payload as { clientId: string }).clientId);
    expect(second).toBe(first);
    expect(chat.messages(withAsha).filter((m) => m.text === 'Please arrive')).toHaveLength(1);
  });

  it('when the socket is up, then the open conversation is marked read over it, and new messages, unread counts and typing arrive live', async () => {
    const { socket: socketOf, chat, backend } = renderMessages(`/messages/${withAsha}`);
    const ui = userEvent.setup();
    await history();
    const socket = await socketOf();
    connect(socket);
    await waitFor(() => expect(backend.sent(`POST /api/conversations/${withAsha}/read`).length + socket.sent('read').length).toBeGreaterThan(0));

    // Asha writes in the open conversation: it joins the history, is announced, and is marked read over the socket.
    const reads = socket.sent('read').length;
    act(() => socket.push('typing', { conversationId: withAsha, userId: asha.id }));
    expect(screen.getByTestId('typing')).toHaveTextContent('Asha is typing…');
    const incoming = chat.receive(withAsha, asha.id, 'Did you get the **notes**?');
    act(() => socket.push('message:new', { conversationId: withAsha, message: incoming.message }));
    expect(screen.getByTestId('typing')).toHaveTextContent(/^$/);
    await waitFor(() => expect(bubbles().at(-1)).toHaveTextContent('Did you get the notes?'));
    expect(screen.getByTestId('announcement')).toHaveTextContent('New message from Asha Rao: Did you get the notes?');
    await waitFor(() => expect(socket.sent('read').length).toBe(reads + 1));
    expect(socket.sent('read').at(-1)!.payload).toEqual({ conversationId: withAsha, messageId: incoming.message.id });

    // Ravi writes elsewhere: his conversation moves up with its unread count.
    const fromRavi = chat.receive(withRavi, ravi.id, 'Resume looks good', '2026-11-10T06:00:05.000Z');
    act(() => socket.push('message:new', { conversationId: withRavi, message: fromRavi.message }));
    act(() => socket.push('conversation:updated', { conversationId: withRavi, unread: 1 }));
    await waitFor(() => expect(conversationItems()[0]).toHaveTextContent('Ravi Menon'));
    expect(within(conversationItems()[0]!).getByTestId('unread-badge')).toHaveTextContent(/^1$/);
    expect(within(conversationItems()[0]!).getByTestId('conversation-preview')).toHaveTextContent('Resume looks good');

    // Typing is told to the others at most every 2 s.
    await ui.type(composer(), 'typing fast');
    expect(socket.sent('typing')).toEqual([expect.objectContaining({ payload: { conversationId: withAsha } })]);
    // Nothing was polled while the socket was up.
    expect(backend.sent('GET /api/conversations').length).toBeLessThanOrEqual(2);
  });

  it('when the conversation is not the viewer’s, then it says so and links back to the list', async () => {
    renderMessages('/messages/c0000000-0000-4000-8000-00000000ffff');

    expect(await screen.findByRole('heading', { name: 'Conversation not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All conversations' })).toHaveAttribute('href', '/messages');
  });

  it('when the viewer has no conversations, then the page says where they come from', async () => {
    renderMessages('/messages', { conversations: [] });

    expect(await screen.findByRole('heading', { name: 'No conversations yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Find mentors' })).toHaveAttribute('href', '/mentors');
  });

  it('when the mentor mutes a conversation, then the header says so and the button offers to unmute', async () => {
    const ashaUser = testUser({ id: asha.id, name: asha.name, email: 'asha@example.com', role: 'mentor' });
    const { backend } = renderMessages(`/messages/${withAsha}`, { viewer: ashaUser });
    const ui = userEvent.setup();
    await history();

    const mute = screen.getByRole('button', { name: 'Mute' });
    expect(mute).toHaveAttribute('aria-pressed', 'false');
    await ui.click(mute);

    expect(await screen.findByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('Muted')).toBeInTheDocument();
    expect(backend.sent(`PATCH /api/conversations/${withAsha}`).map((r) => r.body)).toEqual([{ muted: true }]);
    expect(within(conversationItems()[0]!).getByRole('img', { name: 'Muted' })).toBeInTheDocument();
  });
});

describe('the typing line', { timeout: 30_000 }, () => {
  startEachTestAt(undefined, { timers: 'jumpable' });

  it('when nothing more is heard from the other for about 4 s, then "is typing" goes away', async () => {
    const { socket: socketOf } = renderMessages(`/messages/${withAsha}`);
    await history();
    const socket = await socketOf();
    connect(socket);

    act(() => socket.push('typing', { conversationId: withAsha, userId: asha.id }));
    expect(screen.getByTestId('typing')).toHaveTextContent('Asha is typing…');
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    act(() => socket.push('typing', { conversationId: withAsha, userId: asha.id }));
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    expect(screen.getByTestId('typing')).toHaveTextContent('Asha is typing…');
    await act(() => vi.advanceTimersByTimeAsync(1_500));
    expect(screen.getByTestId('typing')).toHaveTextContent(/^$/);

    // Someone typing in another conversation is not shown here.
    act(() => socket.push('typing', { conversationId: withRavi, userId: ravi.id }));
    expect(screen.getByTestId('typing')).toHaveTextContent(/^$/);
  });
});

describe('files in the Messages page', { timeout: 30_000 }, () => {
  startEachTestAt();

  /** Zoya's conversation with Asha, where Asha sent a whiteboard photo and her notes as a PDF. */
  const withFiles = (): FakeConversationSeed[] => [
    {
      id: withAsha,
      mentorId: asha.id,
      members: [asha, me],
      messages: [
        {
          senderId: asha.id,
          text: 'From today:',
          createdAt: '2026-11-10T05:00:00.000Z',
          files: [
            { name: 'whiteboard.png', type: 'image/png', content: 'PNG whiteboard bytes' },
            { name: 'notes.pdf', type: 'application/pdf', content: '%PDF-1.7 notes', size: Math.round(2.4 * 1024 * 1024) },
          ],
        },
      ],
    },
  ];

  const fileId = (chat: ReturnType<typeof fakeChatBackend>, name: string) => chat.files(withAsha).find((file) => file.name === name)!.id;

  it('when an image is attached, then it uploads with its progress, shows as a chip with a preview, and the message sent names it and shows it', async () => {
    const shown = vi.spyOn(URL, 'createObjectURL');
    let finishUpload = () => {};
    const uploaded = new Promise<void>((resolve) => (finishUpload = resolve));
    const chat = fakeChatBackend({ viewer: zoya, conversations: seeds() });
    const { socket: socketOf, backend } = renderMessages(`/messages/${withAsha}`, {
      chat,
      routes: {
        'POST /api/conversations/:id/attachments': async (request, params) => {
          await uploaded;
          return chat.routes['POST /api/conversations/:id/attachments']!(request, params);
        },
      },
    });
    const ui = userEvent.setup();
    await history();
    const socket = await socketOf();
    connect(socket);

    await ui.upload(screen.getByLabelText('Files to attach'), new File(['PNG board bytes'], 'board.png', { type: 'image/png' }));

    // 7 of its 15 bytes have gone out (the fake network sends half at once); the server hasn't answered yet.
    const progress = await screen.findByRole('progressbar', { name: 'Uploading board.png' });
    await waitFor(() => expect(progress).toHaveAttribute('aria-valuenow', '47'));
    const [upload] = backend.sent(`POST /api/conversations/${withAsha}/attachments`);
    expect(upload!.headers.get('Authorization')).toBe('Bearer token');
    expect((upload!.body as FormData).get('file')).toMatchObject({ name: 'board.png', type: 'image/png' });

    finishUpload();

    const chip = screen.getByTestId('draft-attachment');
    await waitFor(() => expect(chip).toHaveAttribute('data-status', 'uploaded'));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(chip).toHaveTextContent('board.png');
    expect(within(chip).getByTestId('draft-preview')).toHaveAttribute('src', expect.stringMatching(/^blob:/));

    await ui.type(composer(), 'The board from today{Enter}');

    await waitFor(() => expect(socket.sent('message:send')).toHaveLength(1));
    const boardId = fileId(chat, 'board.png');
    expect(socket.sent('message:send')[0]!.payload).toEqual({ conversationId: withAsha, clientId: expect.stringMatching(uuid), text: 'The board from today', attachmentIds: [boardId] });
    expect(screen.queryByTestId('draft-attachment')).not.toBeInTheDocument();
    await waitFor(() => expect(deliveries().at(-1)).toBe('sent'));
    expect(chat.messages(withAsha).at(-1)!.attachments).toEqual([{ id: boardId, name: 'board.png', type: 'image/png', size: 15 }]);
    // The sender's bubble shows the very file uploaded, without fetching it back.
    const image = await within(bubbles().at(-1)!).findByRole('img', { name: 'board.png' });
    const index = shown.mock.results.findIndex((result) => result.value === image.getAttribute('src'));
    expect(await (shown.mock.calls[index]![0] as Blob).text()).toBe('PNG board bytes');
    expect(backend.sent(`GET /api/attachments/${boardId}`)).toHaveLength(0);
  });

  it('when a message carries an image, then it shows from the fetched file as a thumbnail that opens full size', async () => {
    const shown = vi.spyOn(URL, 'createObjectURL');
    const chat = fakeChatBackend({ viewer: zoya, conversations: withFiles() });
    const { backend } = renderMessages(`/messages/${withAsha}`, { chat });
    const ui = userEvent.setup();
    await history();

    const bubble = bubbles()[0]!;
    const thumbnail = await within(bubble).findByRole('img', { name: 'whiteboard.png' });
    const imageId = fileId(chat, 'whiteboard.png');
    expect(backend.sent(`GET /api/attachments/${imageId}`).map((r) => r.headers.get('Authorization'))).toEqual(['Bearer token']);
    // What the <img> shows is the Blob the server sent.
    const index = shown.mock.results.findIndex((result) => result.value === thumbnail.getAttribute('src'));
    const blob = shown.mock.calls[index]![0] as Blob;
    expect(blob.type).toBe('image/png');
    expect(await blob.text()).toBe('PNG whiteboard bytes');

    await ui.click(within(bubble).getByRole('button', { name: 'Open whiteboard.png full size' }));

    const dialog = await screen.findByRole('dialog', { name: 'whiteboard.png' });
    expect(within(dialog).getByRole('img', { name: 'whiteboard.png' })).toHaveAttribute('src', thumbnail.getAttribute('src'));
  });

  it('when a message carries a PDF, then it shows as a card with its name and size, and Open fetches it and opens it in a new tab', async () => {
    const chat = fakeChatBackend({ viewer: zoya, conversations: withFiles() });
    const { backend } = renderMessages(`/messages/${withAsha}`, { chat });
    const ui = userEvent.setup();
    await history();
    const tab = { opener: window as unknown, location: { href: '' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);

    const card = within(bubbles()[0]!).getByTestId('file-attachment');
    expect(card).toHaveTextContent('notes.pdf');
    expect(card).toHaveTextContent('PDF · 2.4 MB');
    const pdfId = fileId(chat, 'notes.pdf');
    // Not fetched until it is opened.
    expect(backend.sent(`GET /api/attachments/${pdfId}`)).toHaveLength(0);

    await ui.click(within(card).getByRole('button', { name: 'Open notes.pdf' }));

    await waitFor(() => expect(tab.location.href).toMatch(/^blob:/));
    expect(open).toHaveBeenCalledOnce();
    expect(tab.opener).toBeNull();
    expect(backend.sent(`GET /api/attachments/${pdfId}`).map((r) => r.headers.get('Authorization'))).toEqual(['Bearer token']);
  });

  it('when a file can’t be fetched, then its place says so', async () => {
    renderMessages(`/messages/${withAsha}`, {
      conversations: withFiles(),
      routes: { 'GET /api/attachments/:id': () => ({ status: 404, body: { code: 'not_found', title: 'Problem', status: 404, detail: 'File not found' } }) },
    });
    await history();

    const failed = await within(bubbles()[0]!).findByTestId('attachment-error');
    expect(within(failed).getByRole('alert')).toHaveTextContent('Couldn’t load the file');
    expect(failed).toHaveTextContent('whiteboard.png');
    expect(within(bubbles()[0]!).queryByRole('img', { name: 'whiteboard.png' })).not.toBeInTheDocument();
  });
});

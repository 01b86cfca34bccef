import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '@/testing/fake-socket';
import type { SessionEvent } from './api-client';
import { createRealtime, emitWithAck, RealtimeContext, SocketNoAnswerError, useRealtimeSocket, useSocketConnected, type Realtime } from './realtime';

// The shared sockets against fake Socket.IO sockets and a fake session (its token, its refresh, its end).

function fakeSession(token: string | null = 'token-1') {
  let current = token;
  const listeners = new Set<(event: SessionEvent) => void>();
  const refreshes: Array<(outcome: string | null) => void> = [];
  return {
    client: {
      getAccessToken: () => current,
      refreshSession: () =>
        new Promise<unknown>((resolve) =>
          refreshes.push((next) => {
            current = next;
            resolve(next === null ? null : { accessToken: next });
          }),
        ),
      onSessionEvent: (listener: (event: SessionEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    /** Answers the oldest refresh in flight with a new token (or null: no session any more). */
    answerRefresh: (next: string | null) => refreshes.shift()?.(next),
    refreshesInFlight: () => refreshes.length,
    expire: () => {
      current = null;
      for (const listener of listeners) listener({ type: 'expired' });
    },
    listeners: () => listeners.size,
  };
}

function withFakeSockets(session = fakeSession()) {
  const sockets: FakeSocket[] = [];
  const realtime = createRealtime({
    client: session.client,
    connect: (namespace, { auth }) => {
      const socket = new FakeSocket(namespace, auth);
      sockets.push(socket);
      return socket;
    },
  });
  return { realtime, sockets, session };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('shared sockets', () => {
  it('when several users of a namespace acquire it, then they share one socket, which closes after the last release', async () => {
    const { realtime, sockets } = withFakeSockets();

    const first = realtime.acquire('/chat', 'u-1');
    const second = realtime.acquire('/chat', 'u-1');
    const other = realtime.acquire('/notifications', 'u-1');
    expect(sockets.map((s) => s.namespace)).toEqual(['/chat', '/notifications']);
    expect(second.socket).toBe(first.socket);

    first.release();
    await tick();
    expect(sockets[0]!.closed).toBe(false);
    second.release();
    // Released and taken again at once (a remount) keeps the socket.
    const again = realtime.acquire('/chat', 'u-1');
    await tick();
    expect(again.socket).toBe(first.socket);
    expect(sockets[0]!.closed).toBe(false);
    again.release();
    await tick();
    expect(sockets[0]!.closed).toBe(true);
    expect(sockets[1]!.closed).toBe(false);
    other.release();
  });

  it('when another user signs in, then they get a socket of their own', () => {
    const { realtime, sockets } = withFakeSockets();
    realtime.acquire('/chat', 'u-1');
    realtime.acquire('/chat', 'u-2');
    expect(sockets).toHaveLength(2);
  });

  it('when the server refuses the token as unauthorized, then the session is refreshed once and the socket connects again with the new token', async () => {
    const { realtime, sockets, session } = withFakeSockets();
    const { socket } = realtime.acquire('/chat', 'u-1');
    const fake = sockets[0]!;

    fake.refuse('unauthorized');
    await vi.waitFor(() => expect(session.refreshesInFlight()).toBe(1));
    expect(fake.connectCalls).toBe(0);
    session.answerRefresh('token-2');
    await vi.waitFor(() => expect(fake.connectCalls).toBe(1));
    fake.accept();
    expect(fake.tokens).toEqual(['token-1', 'token-2']);
    expect(socket.connected).toBe(true);
  });

  it('when the socket is refused for another reason, then no refresh is asked for', async () => {
    const { realtime, sockets, session } = withFakeSockets();
    realtime.acquire('/chat', 'u-1');
    sockets[0]!.refuse('server error');
    await tick();
    expect(session.refreshesInFlight()).toBe(0);
    expect(sockets[0]!.connectCalls).toBe(0);
  });

  it('when the refresh finds no session any more, then the socket is closed and not connected again', async () => {
    const { realtime, sockets, session } = withFakeSockets();
    realtime.acquire('/chat', 'u-1');
    sockets[0]!.refuse('unauthorized');
    await vi.waitFor(() => expect(session.refreshesInFlight()).toBe(1));
    session.answerRefresh(null);
    await vi.waitFor(() => expect(sockets[0]!.closed).toBe(true));
    expect(sockets[0]!.connectCalls).toBe(0);
  });

  it('when the session expires, then every socket closes, and nothing listens to the session any more', () => {
    const { realtime, sockets, session } = withFakeSockets();
    realtime.acquire('/chat', 'u-1');
    realtime.acquire('/notifications', 'u-1');
    expect(session.listeners()).toBe(1);
    session.expire();
    expect(sockets.every((s) => s.closed)).toBe(true);
    expect(session.listeners()).toBe(0);
  });
});

describe('emitWithAck', () => {
  it('when the server answers, then the answer resolves; when the connection drops first, then it rejects as disconnected', async () => {
    const socket = new FakeSocket('/chat', (cb) => cb({ token: 't' }));
    socket.accept();
    const answered = emitWithAck(socket, 'read', { messageId: 'm' }, 1_000);
    socket.emitted[0]!.ack?.({ ok: true });
    await expect(answered).resolves.toEqual({ ok: true });

    const dropped = emitWithAck(socket, 'read', { messageId: 'm' }, 1_000);
    socket.drop();
    await expect(dropped).rejects.toMatchObject({ name: 'SocketNoAnswerError', disconnected: true });
  });

  it('when nobody answers in time, then it rejects with an unknown outcome', async () => {
    const socket = new FakeSocket('/chat', (cb) => cb({ token: 't' }));
    socket.accept();
    const error = await emitWithAck(socket, 'message:send', {}, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SocketNoAnswerError);
    expect(error).toMatchObject({ disconnected: false });
  });
});

function Probe({ userId }: { userId: string | null }) {
  const socket = useRealtimeSocket('/chat', userId);
  const connected = useSocketConnected(socket);
  return <p>{socket ? (connected ? 'connected' : 'connecting') : 'no socket'}</p>;
}

function renderProbe(realtime: Realtime, userId: string | null) {
  return render(
    <StrictMode>
      <RealtimeContext value={realtime}>
        <Probe userId={userId} />
      </RealtimeContext>
    </StrictMode>,
  );
}

describe('useRealtimeSocket', () => {
  it('when a user is signed in, then one socket opens (even in StrictMode), the component follows its connection, and signing out closes it', async () => {
    const { realtime, sockets } = withFakeSockets();
    const view = renderProbe(realtime, 'u-1');

    expect(await screen.findByText('connecting')).toBeInTheDocument();
    await tick();
    expect(sockets.filter((s) => !s.closed)).toHaveLength(1);
    const socket = sockets.find((s) => !s.closed)!;
    act(() => socket.accept());
    expect(screen.getByText('connected')).toBeInTheDocument();
    act(() => socket.drop());
    expect(screen.getByText('connecting')).toBeInTheDocument();

    view.rerender(
      <StrictMode>
        <RealtimeContext value={realtime}>
          <Probe userId={null} />
        </RealtimeContext>
      </StrictMode>,
    );
    expect(screen.getByText('no socket')).toBeInTheDocument();
    await tick();
    expect(sockets.every((s) => s.closed)).toBe(true);
  });
});

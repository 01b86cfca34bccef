import { createContext, use, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import { env } from '@/config/env';
import { apiClient, type ApiClient } from './api-client';

/**
 * The signed-in user's live connections to the server: one Socket.IO socket per namespace (`/chat`), shared by every
 * component that asks for it, opened with the current access token, and closed when nobody uses it any more (after
 * signing out) or when the session ends. Nothing here knows what a namespace carries.
 *
 * The server checks the token only when a socket connects and refuses a bad or expired one with `unauthorized`:
 * then the session is refreshed the way the API client does it (one refresh for every caller) and the socket
 * connects again with the new token. Socket.IO itself reconnects after a dropped network.
 */

// Listeners of any payload: each caller validates what it is given.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SocketListener = (...args: any[]) => void;

/** What the app uses of a Socket.IO client socket; tests hand in a fake with the same shape. */
export interface RealtimeSocket {
  readonly connected: boolean;
  /** After a reconnection: whether the server replayed what was missed while away (connection-state recovery). */
  readonly recovered?: boolean;
  on(event: string, listener: SocketListener): unknown;
  off(event: string, listener: SocketListener): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

/** Called on every connection attempt, so each one carries the token of that moment. */
export type SocketAuth = (callback: (data: { token: string }) => void) => void;

export type SocketFactory = (namespace: string, options: { auth: SocketAuth }) => RealtimeSocket;

export interface SocketLease {
  socket: RealtimeSocket;
  /** This user no longer needs the socket; the last release closes it. */
  release: () => void;
}

export interface Realtime {
  /** The shared socket of `namespace` for `userId`, opened on first use. */
  acquire: (namespace: string, userId: string) => SocketLease;
  /** Closes every socket at once (the session ended). */
  closeAll: () => void;
}

export interface RealtimeOptions {
  client?: Pick<ApiClient, 'getAccessToken' | 'refreshSession' | 'onSessionEvent'>;
  connect?: SocketFactory;
}

/** After a refused token, the first retry is at once; more refusals in a row wait longer, up to this. */
const MAX_RETRY_DELAY_MS = 30_000;

const connectSocketIo: SocketFactory = (namespace, { auth }) =>
  io(`${env.API_URL}${namespace}`, { auth, withCredentials: true }) as unknown as RealtimeSocket;

interface Entry {
  key: string;
  socket: RealtimeSocket;
  users: number;
  closed: boolean;
  /** The token the last connection attempt carried: a refusal of an older token needs no refresh. */
  tokenSent: string | null;
  /** Refusals since the last successful connection. */
  refusals: number;
  closeTimer: ReturnType<typeof setTimeout> | undefined;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
}

export function createRealtime({ client = apiClient, connect = connectSocketIo }: RealtimeOptions = {}): Realtime {
  const entries = new Map<string, Entry>();
  // Listening to the session only while a socket is open, so an unused instance holds nothing.
  let stopListening: (() => void) | null = null;

  function close(entry: Entry) {
    if (entry.closed) return;
    entry.closed = true;
    clearTimeout(entry.closeTimer);
    clearTimeout(entry.retryTimer);
    entries.delete(entry.key);
    entry.socket.disconnect();
    if (entries.size === 0) {
      stopListening?.();
      stopListening = null;
    }
  }

  function closeAll() {
    for (const entry of [...entries.values()]) close(entry);
  }

  /** The server refused the token: refresh it (unless another call already did) and connect again. */
  function reconnectWithFreshToken(entry: Entry) {
    entry.refusals += 1;
    const delay = entry.refusals === 1 ? 0 : Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (entry.refusals - 2));
    clearTimeout(entry.retryTimer);
    entry.retryTimer = setTimeout(() => {
      void (async () => {
        if (entry.closed) return;
        if (client.getAccessToken() === entry.tokenSent) {
          let session: unknown;
          try {
            session = await client.refreshSession();
          } catch {
            // The server could not be reached: connecting again waits for the network (Socket.IO retries).
          }
          // No session any more: the API client announces it, and the app signs the user out.
          if (session === null) return close(entry);
        }
        if (!entry.closed && !entry.socket.connected) entry.socket.connect();
      })();
    }, delay);
  }

  function open(key: string, namespace: string): Entry {
    stopListening ??= client.onSessionEvent((event) => {
      if (event.type === 'expired') closeAll();
    });
    const state: Omit<Entry, 'socket'> = { key, users: 0, closed: false, tokenSent: null, refusals: 0, closeTimer: undefined, retryTimer: undefined };
    const socket = connect(namespace, {
      auth: (callback) => {
        state.tokenSent = client.getAccessToken();
        callback({ token: state.tokenSent ?? '' });
      },
    });
    const entry: Entry = Object.assign(state, { socket });
    entry.socket.on('connect', () => {
      entry.refusals = 0;
    });
    entry.socket.on('connect_error', (error: unknown) => {
      if (error instanceof Error && error.message === 'unauthorized') reconnectWithFreshToken(entry);
    });
    entries.set(key, entry);
    return entry;
  }

  function acquire(namespace: string, userId: string): SocketLease {
    const key = `${userId} ${namespace}`;
    const entry = entries.get(key) ?? open(key, namespace);
    entry.users += 1;
    clearTimeout(entry.closeTimer);
    let released = false;
    return {
      socket: entry.socket,
      release: () => {
        if (released) return;
        released = true;
        entry.users -= 1;
        // A component that remounts at once (React's StrictMode, a page change) keeps the same socket.
        if (entry.users === 0) entry.closeTimer = setTimeout(() => close(entry), 0);
      },
    };
  }

  return { acquire, closeAll };
}

let appRealtime: Realtime | null = null;

/** The app's sockets, made on first use. */
function defaultRealtime(): Realtime {
  appRealtime ??= createRealtime();
  return appRealtime;
}

/** Which sockets the components below use: the app's by default; tests provide their own (see testing/fake-socket). */
export const RealtimeContext = createContext<Realtime | null>(null);

/** The shared socket of `namespace` while `userId` is signed in; null for nobody. */
export function useRealtimeSocket(namespace: string, userId: string | null): RealtimeSocket | null {
  const realtime = use(RealtimeContext) ?? defaultRealtime();
  const [lease, setLease] = useState<{ key: string; socket: RealtimeSocket } | null>(null);
  const key = userId ? `${userId} ${namespace}` : null;

  useEffect(() => {
    if (!userId) return;
    const acquired = realtime.acquire(namespace, userId);
    setLease({ key: `${userId} ${namespace}`, socket: acquired.socket });
    return () => {
      acquired.release();
      setLease(null);
    };
  }, [realtime, namespace, userId]);

  return lease && lease.key === key ? lease.socket : null;
}

/** Whether `socket` is connected now; re-renders when that changes. */
export function useSocketConnected(socket: RealtimeSocket | null): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (!socket) return () => undefined;
      socket.on('connect', onChange);
      socket.on('disconnect', onChange);
      return () => {
        socket.off('connect', onChange);
        socket.off('disconnect', onChange);
      };
    },
    () => socket?.connected ?? false,
  );
}

/** Calls `listener` for each `event` on `socket` (the latest `listener`, without re-subscribing). */
export function useSocketEvent(socket: RealtimeSocket | null, event: string, listener: SocketListener): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (!socket) return;
    const forward: SocketListener = (...args) => latest.current(...args);
    socket.on(event, forward);
    return () => {
      socket.off(event, forward);
    };
  }, [socket, event]);
}

/** The server did not acknowledge in time, or the connection dropped first: what became of the event is unknown. */
export class SocketNoAnswerError extends Error {
  override readonly name = 'SocketNoAnswerError';
  constructor(
    message: string,
    /** True when the connection dropped while waiting (the event can be sent again once it is back). */
    readonly disconnected: boolean,
  ) {
    super(message);
  }
}

/**
 * Emits `event` and resolves with the server's acknowledgement. Rejects with SocketNoAnswerError after `timeoutMs`, or
 * as soon as the socket disconnects (Socket.IO never calls an acknowledgement across a reconnection).
 */
export function emitWithAck(socket: RealtimeSocket, event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      socket.off('disconnect', onDisconnect);
    };
    const onDisconnect = () => {
      settle();
      reject(new SocketNoAnswerError(`The connection dropped before ${event} was answered`, true));
    };
    const timer = setTimeout(() => {
      settle();
      reject(new SocketNoAnswerError(`No answer to ${event} within ${timeoutMs} ms`, false));
    }, timeoutMs);
    socket.on('disconnect', onDisconnect);
    socket.emit(event, payload, (answer: unknown) => {
      settle();
      resolve(answer);
    });
  });
}

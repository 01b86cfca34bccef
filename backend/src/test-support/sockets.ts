import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './test-app.js';

/** A real socket.io-client socket on the app's `/chat` or `/notifications`, over WebSocket, connected (or refused). */
export function connectSocket(t: TestApp, namespace: '/chat' | '/notifications', token: string | undefined): Socket {
  return io(`${t.origin}${namespace}`, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200, forceNew: true });
}

/** Resolves once connected; rejects with the server's reason (`unauthorized`) when refused. */
export function connected(socket: Socket): Promise<Socket> {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

/**
 * The next `event` on `socket` that `matches`: events are collected from the moment this is called. The time limit
 * only bounds a failure (an event that never comes); nothing waits for it when the event arrives.
 */
export function nextEvent<T = Record<string, unknown>>(socket: Socket, event: string, matches: (payload: T) => boolean = () => true, limitMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" event came`));
    }, limitMs);
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Everything `socket` receives of `event` from now on, for asserting what did *not* come. */
export function collect<T = Record<string, unknown>>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Emits with an acknowledgement and resolves with the server's answer. */
export function emitWithAck<T = Record<string, unknown>>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
}

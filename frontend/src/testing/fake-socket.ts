import { apiClient } from '@/lib/api-client';
import { createRealtime, type Realtime, type RealtimeSocket, type SocketAuth, type SocketListener } from '@/lib/realtime';

/** One event the app emitted on a fake socket, with its acknowledgement callback when it asked for one. */
export interface EmittedEvent {
  event: string;
  payload: unknown;
  ack: ((answer: unknown) => void) | undefined;
}

/**
 * A Socket.IO client socket played in memory for component tests: the app's code uses it as the real one (on, off,
 * emit with an acknowledgement, connect, disconnect), and the test plays the server — accept or refuse a connection,
 * drop it, push events, answer what the app emitted. Nothing connects until the test says so.
 */
export class FakeSocket implements RealtimeSocket {
  connected = false;
  recovered = false;
  /** The app asked to connect (again), e.g. after refreshing a refused token. */
  connectCalls = 0;
  /** The app closed it (signed out, or nobody uses it any more). */
  closed = false;
  readonly emitted: EmittedEvent[] = [];
  /** The tokens each connection attempt carried, in order. */
  readonly tokens: string[] = [];
  private readonly listeners = new Map<string, Set<SocketListener>>();
  /** What the "server" does with each event the app emits (set by fakeChatBackend, or by a test). */
  onEmit: ((emitted: EmittedEvent) => void) | null = null;

  constructor(
    readonly namespace: string,
    private readonly auth: SocketAuth,
  ) {}

  on(event: string, listener: SocketListener) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: SocketListener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: string, ...args: unknown[]) {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
    const emitted: EmittedEvent = { event, payload: args[0], ack };
    this.emitted.push(emitted);
    this.onEmit?.(emitted);
    return this;
  }

  connect() {
    this.connectCalls += 1;
    return this;
  }

  disconnect() {
    this.closed = true;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  // ---- the server's side ----

  /** The server accepts the connection (with the token the app sends now). */
  accept({ recovered = false }: { recovered?: boolean } = {}) {
    this.auth((data) => this.tokens.push(data.token));
    this.recovered = recovered;
    this.connected = true;
    this.fire('connect');
  }

  /** The server refuses the connection, as it does a bad or expired token. */
  refuse(message = 'unauthorized') {
    this.auth((data) => this.tokens.push(data.token));
    this.fire('connect_error', new Error(message));
  }

  /** The network drops. */
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server sends `event`. */
  push(event: string, payload: unknown) {
    this.fire(event, payload);
  }

  /** Every event of a kind the app emitted, in order. */
  sent(event: string): EmittedEvent[] {
    return this.emitted.filter((e) => e.event === event);
  }

  private fire(event: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

export interface FakeRealtime extends Realtime {
  /** Every socket made, in order. */
  sockets: FakeSocket[];
  /** The newest socket of `namespace` (throws when there is none yet). */
  socket: (namespace: string) => FakeSocket;
  /** Called with each socket as it is made (to give it a server, or connect it at once). */
  onSocket: ((socket: FakeSocket) => void) | null;
}

/** The app's real socket sharing (lib/realtime) over fake sockets, for `renderWithApp(…, { realtime })`. */
export function createFakeRealtime({ onSocket = null }: { onSocket?: ((socket: FakeSocket) => void) | null } = {}): FakeRealtime {
  const sockets: FakeSocket[] = [];
  const fake: FakeRealtime = {
    sockets,
    onSocket,
    socket: (namespace) => {
      const socket = sockets.filter((s) => s.namespace === namespace).at(-1);
      if (!socket) throw new Error(`No socket of ${namespace} was opened`);
      return socket;
    },
    ...createRealtime({
      client: apiClient,
      connect: (namespace, { auth }) => {
        const socket = new FakeSocket(namespace, auth);
        sockets.push(socket);
        fake.onSocket?.(socket);
        return socket;
      },
    }),
  };
  return fake;
}

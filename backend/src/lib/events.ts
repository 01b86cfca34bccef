import type { Db } from '../db/client.js';
import { afterCommit, rootOf } from '../db/transaction.js';

/**
 * Something that happened, told after it committed: `booking.confirmed`, `refund.requested`, `email.queued`…
 * Names are `domain.event`; the rest is whatever the subscribers need (ids, not rows).
 */
export interface DomainEvent {
  type: string;
  [detail: string]: unknown;
}

export type Subscriber = (event: DomainEvent) => void;

// Per database handle, so two apps in one process (tests) hear only their own events.
const subscribers = new WeakMap<object, Set<Subscriber>>();

/**
 * The publish port (shaped like `notify(tx, …)`): services call it inside their transaction and subscribers hear
 * the event only once it has committed, so a worker never looks for a row that is not there yet. Outside a
 * transaction the event goes out at once. Delivery is in-process and best effort: every job is also on a
 * schedule, and other instances find the work in the database.
 */
export function publish(db: Db, event: DomainEvent): void {
  const root = rootOf(db);
  afterCommit(db, () => {
    for (const subscriber of subscribers.get(root) ?? []) {
      try {
        subscriber(event);
      } catch {
        // A subscriber's failure is its own; the change it was told about has committed.
      }
    }
  });
}

/** Hears every event published on `db` (the app wires its workers, and next the realtime layer, this way). */
export function subscribe(db: Db, subscriber: Subscriber): () => void {
  let set = subscribers.get(db);
  if (!set) {
    set = new Set();
    subscribers.set(db, set);
  }
  set.add(subscriber);
  return () => set.delete(subscriber);
}

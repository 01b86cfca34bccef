/**
 * Every TanStack Query key of the app, in one place. Features read and invalidate each other's data
 * (a cancellation refreshes payments, saved hours refresh the public calendar), and server-pushed
 * events will invalidate keys by name: so no key is spelled out anywhere else (lib/query-keys.test.ts
 * fails on a `queryKey: [...]` literal under features/).
 *
 * Keys are hierarchical: invalidating a prefix (`bookings.all`) refreshes everything under it (lists,
 * details, quotes). Fixed keys are arrays, keys with parameters are functions. The parameter types are
 * generic, so this file knows no feature's types and each feature's query options keep their own.
 */

const bookings = ['bookings'] as const;
const payments = ['payments'] as const;
const mentors = ['mentors'] as const;
const mentorApplications = ['admin', 'mentor-applications'] as const;
const availability = ['availability'] as const;
const myAvailability = [...availability, 'me'] as const;
const publicAvailability = [...availability, 'public'] as const;
const notifications = ['notifications'] as const;
const sessions = ['sessions'] as const;
const disputes = ['disputes'] as const;
const adminDisputes = ['admin', 'disputes'] as const;
const reviews = ['reviews'] as const;
const adminReviews = ['admin', 'reviews'] as const;
const wallet = ['wallet'] as const;
const adminWithdrawals = ['admin', 'withdrawals'] as const;
const adminFinance = ['admin', 'finance'] as const;
const adminReconciliation = ['admin', 'reconciliation'] as const;
const adminAudit = ['admin', 'audit'] as const;
const adminQueues = ['admin', 'queues'] as const;
const chat = ['chat'] as const;

export const queryKeys = {
  /** The signed-in user's own record. */
  me: ['users', 'me'] as const,

  /** Deployment facts (test payments, demo mode). */
  meta: ['meta'] as const,

  bookings: {
    all: bookings,
    lists: [...bookings, 'list'] as const,
    list: <Query>(query: Query) => [...bookings, 'list', query] as const,
    detail: (id: string) => [...bookings, 'detail', id] as const,
    cancellationQuote: (id: string) => [...bookings, 'cancellation-quote', id] as const,
  },

  payments: {
    all: payments,
    list: <Query>(query: Query) => [...payments, 'list', query] as const,
    invoice: (paymentId: string) => [...payments, 'invoice', paymentId] as const,
  },

  mentors: {
    /** Discovery, public profiles, reviews and facets, and the signed-in mentor's own profile and application. */
    all: mentors,
    /** `search` is discovery's query string, so equal filters share one cache entry. */
    list: (search: string) => [...mentors, 'list', search] as const,
    facets: [...mentors, 'facets'] as const,
    profile: (slug: string) => [...mentors, 'profile', slug] as const,
    reviews: (slug: string, page: number) => [...mentors, 'reviews', slug, page] as const,
    me: [...mentors, 'me'] as const,
    myApplication: [...mentors, 'applications', 'me'] as const,
  },

  /** The admin's review queue of mentor applications. */
  mentorApplications: {
    all: mentorApplications,
    list: <Query>(query: Query) => [...mentorApplications, query] as const,
  },

  availability: {
    all: availability,
    /** The signed-in mentor's weekly hours, overrides and settings (their slots sit under it). */
    mine: myAvailability,
    mySlots: [...myAvailability, 'slots'] as const,
    /** Every mentor's public calendar, as students see it. */
    publicAll: publicAvailability,
    public: <Params>(slug: string, params: Params) => [...publicAvailability, slug, params] as const,
  },

  /**
   * A booking's call and what is kept about it. Not under `bookings`: refreshing a booking must not fetch
   * the meeting again mid-call, nor reload notes the mentor is typing.
   */
  sessions: {
    all: sessions,
    meeting: (bookingId: string) => [...sessions, 'meeting', bookingId] as const,
    notes: (bookingId: string) => [...sessions, 'notes', bookingId] as const,
  },

  /**
   * A booking's dispute as its student and mentor see it. Not under `bookings`: a dispute changes the booking's
   * settlement, so opening or resolving one refreshes both by name.
   */
  disputes: {
    all: disputes,
    ofBooking: (bookingId: string) => [...disputes, 'booking', bookingId] as const,
  },

  /** The admin's queue of disputes and each case in full. */
  adminDisputes: {
    all: adminDisputes,
    lists: [...adminDisputes, 'list'] as const,
    list: <Query>(query: Query) => [...adminDisputes, 'list', query] as const,
    detail: (id: string) => [...adminDisputes, 'detail', id] as const,
  },

  /**
   * A booking's review as its student and mentor see it. Not under `mentors`: writing one moves the mentor's
   * rating, so a review or a reply refreshes the mentor's profile and public reviews by name.
   */
  reviews: {
    all: reviews,
    ofBooking: (bookingId: string) => [...reviews, 'booking', bookingId] as const,
  },

  /** The admin's queue of reported (and hidden) reviews. */
  adminReviews: {
    all: adminReviews,
    lists: [...adminReviews, 'list'] as const,
    list: <Query>(query: Query) => [...adminReviews, 'list', query] as const,
  },

  /**
   * The signed-in mentor's wallet: its figures, statement, withdrawals and payout method. A withdrawal moves the
   * figures and the statement, so one invalidation of `all` refreshes the whole page.
   */
  wallet: {
    all: wallet,
    summary: [...wallet, 'summary'] as const,
    /** Every page of the statement (to refresh them all at once). */
    allTransactions: [...wallet, 'transactions'] as const,
    transactions: <Query>(query: Query) => [...wallet, 'transactions', query] as const,
    withdrawals: <Query>(query: Query) => [...wallet, 'withdrawals', query] as const,
    payoutMethod: [...wallet, 'payout-method'] as const,
  },

  /** The admin's queue of withdrawals. */
  adminWithdrawals: {
    all: adminWithdrawals,
    list: <Query>(query: Query) => [...adminWithdrawals, 'list', query] as const,
  },

  /** The admin's revenue dashboard, one entry per period. */
  adminFinance: {
    all: adminFinance,
    summary: <Query>(query: Query) => [...adminFinance, 'summary', query] as const,
  },

  /** Reconciliation runs kept (nightly and on demand): the list and each run whole. A new run refreshes `all`. */
  adminReconciliation: {
    all: adminReconciliation,
    runs: <Query>(query: Query) => [...adminReconciliation, 'runs', query] as const,
    run: (id: string) => [...adminReconciliation, 'run', id] as const,
  },

  /** The admin's audit trail (admin actions and money movements), one entry per filter and page. */
  adminAudit: {
    all: adminAudit,
    list: <Query>(query: Query) => [...adminAudit, 'list', query] as const,
  },

  /**
   * How many items wait in each admin queue (the header's badges). Pushed whole by the socket's `admin:queues`; not
   * under any queue's key, so refreshing a queue's page does not ask for the counts again.
   */
  adminQueues: {
    counts: adminQueues,
  },

  notifications: {
    /** One invalidation refreshes the list and the bell. */
    all: notifications,
    /** Every page of the list (a pushed notification refreshes them, and leaves the bell's pushed count alone). */
    lists: [...notifications, 'list'] as const,
    list: <Query>(query: Query) => [...notifications, 'list', query] as const,
    unreadCount: [...notifications, 'unread-count'] as const,
  },

  /**
   * The signed-in user's conversations (the list carries the header's unread total), each one, and each one's history
   * (one infinite query: its pages go back in time). Live events update these in place; a long disconnection
   * invalidates `all`.
   */
  chat: {
    all: chat,
    conversations: [...chat, 'conversations'] as const,
    conversation: (id: string) => [...chat, 'conversation', id] as const,
    messages: (conversationId: string) => [...chat, 'messages', conversationId] as const,
    /** A booking's conversation (its pair's, or its group session's). */
    byBooking: (bookingId: string) => [...chat, 'booking', bookingId] as const,
    /** A file sent in a conversation, as a Blob. Not under `all`: a file never changes, a reconnection must not fetch it again. */
    attachment: (id: string) => ['chat-attachment', id] as const,
  },

  /** The signed-in user's notification preferences. Not under `notifications`: reading those must not refetch them. */
  notificationSettings: ['notification-settings'] as const,
} as const;

/** What the checkout page is asked to book. */
export type CheckoutChoice = { startsAt: string; durationMinutes: number } | { slotId: string; startsAt: string };

/** Every route of the app, so links and redirects never spell a path by hand. */
export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  auth: {
    login: {
      path: '/login',
      getHref: (next?: string | null) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
    },
    register: {
      path: '/register',
      getHref: (next?: string | null) => (next ? `/register?next=${encodeURIComponent(next)}` : '/register'),
    },
  },
  app: {
    dashboard: {
      path: '/dashboard',
      getHref: () => '/dashboard',
    },
    profile: {
      path: '/profile',
      getHref: () => '/profile',
    },
    notifications: {
      path: '/notifications',
      getHref: () => '/notifications',
    },
    /**
     * The signed-in user's conversations, and one open beside them (on a phone, one or the other). One route for both,
     * so opening another conversation keeps the page (and its messages waiting to be sent).
     */
    messages: {
      path: '/messages/:conversationId?',
      getHref: (conversationId?: string) => (conversationId ? `/messages/${encodeURIComponent(conversationId)}` : '/messages'),
    },
    /** Per category of notification, in-app and email switches (emails' unsubscribe footers link here). */
    notificationSettings: {
      path: '/settings/notifications',
      getHref: () => '/settings/notifications',
    },
    becomeMentor: {
      path: '/become-a-mentor',
      getHref: () => '/become-a-mentor',
    },
    mentorProfile: {
      path: '/mentor/profile',
      getHref: () => '/mentor/profile',
    },
    availability: {
      path: '/mentor/availability',
      getHref: () => '/mentor/availability',
    },
    availabilitySlots: {
      path: '/mentor/availability/slots',
      getHref: () => '/mentor/availability/slots',
    },
    adminApplications: {
      path: '/admin/applications',
      getHref: () => '/admin/applications',
    },
    adminDisputes: {
      path: '/admin/disputes',
      /** `search` is a ready query string (status, page), with or without the "?". */
      getHref: (search?: string) => {
        const query = search?.replace(/^\?/, '');
        return query ? `/admin/disputes?${query}` : '/admin/disputes';
      },
    },
    /** One dispute in full, where the admin decides it. */
    adminDispute: {
      path: '/admin/disputes/:id',
      getHref: (id: string) => `/admin/disputes/${encodeURIComponent(id)}`,
    },
    /** Reviews someone reported, and the ones hidden from profiles, for the admin to decide on. */
    adminReviews: {
      path: '/admin/reviews',
      /** `search` is a ready query string (status, page), with or without the "?". */
      getHref: (search?: string) => {
        const query = search?.replace(/^\?/, '');
        return query ? `/admin/reviews?${query}` : '/admin/reviews';
      },
    },
    /** The mentor's wallet: figures, withdrawals, statement and payout method. */
    wallet: {
      path: '/wallet',
      getHref: () => '/wallet',
    },
    /** Withdrawals waiting for the admin, and the ones decided. */
    adminWithdrawals: {
      path: '/admin/withdrawals',
      /** `search` is a ready query string (status, page), with or without the "?". */
      getHref: (search?: string) => {
        const query = search?.replace(/^\?/, '');
        return query ? `/admin/withdrawals?${query}` : '/admin/withdrawals';
      },
    },
    /** The revenue dashboard: the platform's money by week, for a period (`?from=…&to=…&chart=…`). */
    adminFinance: {
      path: '/admin/finance',
      getHref: () => '/admin/finance',
    },
    /** Reconciliation with the gateway: run it now, the runs kept and their mismatches (`?run=…`). */
    adminReconciliation: {
      path: '/admin/reconciliation',
      getHref: (runId?: string) => (runId ? `/admin/reconciliation?run=${encodeURIComponent(runId)}` : '/admin/reconciliation'),
    },
    /** Every admin action and money movement (`?actor=…&action=…&from=…&to=…&page=…`). */
    adminAudit: {
      path: '/admin/audit',
      getHref: () => '/admin/audit',
    },
    checkout: {
      path: '/book/:slug',
      /** A 1-to-1 time of the mentor's (start and length), or one of their specific-date slots (its id and start). */
      getHref: (slug: string, choice: CheckoutChoice) => {
        const query =
          'slotId' in choice
            ? new URLSearchParams({ slot: choice.slotId, start: choice.startsAt })
            : new URLSearchParams({ start: choice.startsAt, duration: String(choice.durationMinutes) });
        return `/book/${encodeURIComponent(slug)}?${query.toString()}`;
      },
    },
    bookings: {
      path: '/bookings',
      /** `search` is a ready query string (tab, role, page), with or without the "?". */
      getHref: (search?: string) => {
        const query = search?.replace(/^\?/, '');
        return query ? `/bookings?${query}` : '/bookings';
      },
    },
    booking: {
      path: '/bookings/:id',
      getHref: (id: string) => `/bookings/${encodeURIComponent(id)}`,
    },
    /** The booking's video call, embedded; joinable from 10 minutes before the start to 15 after the end. */
    bookingCall: {
      path: '/bookings/:id/call',
      getHref: (id: string) => `/bookings/${encodeURIComponent(id)}/call`,
    },
    bookingConfirmed: {
      path: '/bookings/:id/confirmed',
      getHref: (id: string) => `/bookings/${encodeURIComponent(id)}/confirmed`,
    },
    payments: {
      path: '/payments',
      getHref: () => '/payments',
    },
    invoice: {
      path: '/payments/:id/invoice',
      getHref: (id: string) => `/payments/${encodeURIComponent(id)}/invoice`,
    },
  },
  mentors: {
    list: {
      path: '/mentors',
      /** `search` is a ready query string (see the discovery filters), with or without the "?". */
      getHref: (search?: string) => {
        const query = search?.replace(/^\?/, '');
        return query ? `/mentors?${query}` : '/mentors';
      },
    },
    profile: {
      path: '/mentors/:slug',
      getHref: (slug: string) => `/mentors/${encodeURIComponent(slug)}`,
    },
  },
} as const;

const authPaths: string[] = [paths.auth.login.path, paths.auth.register.path];

/**
 * Where to send someone after they sign in. Only same-origin paths are accepted, so a crafted
 * `?next=https://evil.example` link can't turn our login page into an open redirect; and never a
 * login or register page, which would bounce a signed-in user straight back.
 */
export function safeNextPath(next: string | null | undefined): string {
  const fallback = paths.app.dashboard.getHref();
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  const pathname = new URL(next, 'http://app.invalid').pathname;
  return authPaths.includes(pathname) ? fallback : next;
}

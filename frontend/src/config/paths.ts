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

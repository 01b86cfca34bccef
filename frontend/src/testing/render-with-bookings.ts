import type { RouteObject } from 'react-router-dom';
import { installFakeBackend, sessionRoutes, type Routes, type testUser } from './fake-backend';
import { fakeBookingsBackend, type FakeBookingsOptions, type FakeViewer } from './fake-bookings';
import { renderWithApp } from './render-app';

type TestUser = ReturnType<typeof testUser>;

/** A test user as the bookings fake knows them: a booking's student, or the viewer. */
export const viewerOf = (user: TestUser): FakeViewer => ({ id: user.id, name: user.name, email: user.email });

export interface RenderWithBookingsOptions extends Omit<FakeBookingsOptions, 'viewer'> {
  /** Signed in, and the viewer of the bookings fake. */
  user: TestUser;
  /** More routes, or some of the fake's answered differently. */
  routes?: Routes;
  initialPath: string;
}

/**
 * Renders `pages` with the app's providers, signed in as `user`, against the bookings and payments fake
 * (plus `routes`). Returns the view, the fake backend's record of requests, and the fake itself.
 */
export function renderWithBookings(pages: RouteObject[], { user, routes = {}, initialPath, ...bookings }: RenderWithBookingsOptions) {
  const fake = fakeBookingsBackend({ viewer: viewerOf(user), ...bookings });
  const backend = installFakeBackend({ ...sessionRoutes(user), ...fake.routes, ...routes });
  return { ...renderWithApp(pages, { initialPath }), backend, fake };
}

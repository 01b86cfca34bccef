import { AppShell, Burger, Button, Group, NavLink as MantineNavLink, Progress, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigation } from 'react-router-dom';
import { paths } from '@/config/paths';
import { useAdminQueueCounts } from '@/features/admin-queues/hooks/use-admin-queue-counts';
import type { AdminQueueCounts } from '@/features/admin-queues/types';
import { useAuth } from '@/features/auth/auth-provider';
import { useMessagesUnread } from '@/features/chat/hooks/use-messages-unread';
import { TestPaymentsBanner } from '@/features/meta/components/test-payments-banner';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { useNotificationsLive } from '@/features/notifications/hooks/use-notifications-live';
import type { Role } from '@/types/api';
import { Brand } from './brand';
import { CountBadge } from './count-badge';
import { MessagesLink } from './messages-link';
import { isCurrent, isGroup, type NavEntry, type NavItem } from './nav-items';
import { NavMenu } from './nav-menu';
import { UserMenu } from './user-menu';

const findMentors: NavItem = { label: 'Find mentors', to: paths.mentors.list.getHref() };
const dashboard: NavItem = { label: 'Dashboard', to: paths.app.dashboard.getHref() };

/** The section links each role gets besides the shared ones. */
const myBookings: NavItem = { label: 'My bookings', to: paths.app.bookings.getHref() };

/** An admin queue's link, with how many items wait in it (no badge while the counts are unknown). */
const queueLink = (label: string, to: string, count: number | undefined): NavItem => ({ label, to, count: count ?? null, countNoun: 'waiting' });

function roleLinks(role: Role, queues: AdminQueueCounts | null): NavEntry[] {
  switch (role) {
    case 'student':
      return [myBookings, { label: 'Payments', to: paths.app.payments.getHref() }, { label: 'Become a mentor', to: paths.app.becomeMentor.getHref() }];
    case 'mentor':
      return [
        myBookings,
        { label: 'My profile', to: paths.app.mentorProfile.getHref() },
        { label: 'Availability', to: paths.app.availability.getHref() },
        { label: 'Wallet', to: paths.app.wallet.getHref() },
      ];
    case 'admin':
      return [
        queueLink('Applications', paths.app.adminApplications.getHref(), queues?.applications),
        queueLink('Disputes', paths.app.adminDisputes.getHref(), queues?.disputes),
        queueLink('Reviews', paths.app.adminReviews.getHref(), queues?.reviews),
        // One header menu, so that nine links still leave room for the bell and the account menu from `md` up.
        {
          label: 'Money',
          links: [
            queueLink('Withdrawals', paths.app.adminWithdrawals.getHref(), queues?.withdrawals),
            { label: 'Finance', to: paths.app.adminFinance.getHref() },
            { label: 'Reconciliation', to: paths.app.adminReconciliation.getHref() },
            { label: 'Audit log', to: paths.app.adminAudit.getHref() },
          ],
        },
      ];
  }
}

const visitorLinks: NavItem[] = [
  { label: 'Home', to: paths.home.getHref() },
  findMentors,
  { label: 'Log in', to: paths.auth.login.getHref() },
  { label: 'Sign up', to: paths.auth.register.getHref() },
];

/** Students and mentors talk to each other; admins are in no conversation. */
const chats = (role: Role) => role !== 'admin';

/**
 * The header's links (and menus of links) for a role; the phone's navbar adds Messages (an icon beside the bell on
 * desktop) and the account pages (the account menu has them on desktop).
 */
function headerLinks(role: Role, queues: AdminQueueCounts | null): NavEntry[] {
  return [findMentors, dashboard, ...roleLinks(role, queues)];
}

function navbarLinks(role: Role, unreadMessages: number | null, queues: AdminQueueCounts | null): NavEntry[] {
  const messages: NavItem[] = chats(role) ? [{ label: 'Messages', to: paths.app.messages.getHref(), count: unreadMessages }] : [];
  return [
    ...headerLinks(role, queues),
    ...messages,
    { label: 'Notifications', to: paths.app.notifications.getHref() },
    { label: 'Profile', to: paths.app.profile.getHref() },
  ];
}

const groupLabelId = (label: string) => `navbar-group-${label.toLowerCase().replace(/\W+/g, '-')}`;

function NavbarLink({ link, pathname }: { link: NavItem; pathname: string }) {
  const here = isCurrent(pathname, link.to);
  return (
    <MantineNavLink
      component={Link}
      to={link.to}
      label={link.label}
      rightSection={<CountBadge count={link.count} noun={link.countNoun} />}
      active={here}
      aria-current={here ? 'page' : undefined}
      variant="light"
    />
  );
}

/**
 * The shell every page renders in: a header with the brand, the section links (an admin's queues with how much
 * waits in each), Messages with its unread count (students and mentors), the notification bell and the account
 * menu (or log in / sign up); below the `md` breakpoint the links move into a burger-toggled navbar. Above every
 * page, a banner says when payments are the sandbox's. While someone is signed in it holds the notifications socket
 * open, which keeps the bell, the booking pages, the wallet and the admin's counts live on every page.
 */
export function AppLayout() {
  const { user } = useAuth();
  const [navOpened, nav] = useDisclosure(false);
  const { pathname } = useLocation();
  const closeNav = nav.close;

  // On phones the navbar covers the page: close it once a link has taken the user somewhere.
  useEffect(() => {
    closeNav();
  }, [pathname, closeNav]);

  const unreadMessages = useMessagesUnread(user && chats(user.role) ? user.id : null);
  const live = useNotificationsLive(user?.id ?? null);
  const queues = useAdminQueueCounts(live.socket, user?.role === 'admin');
  const links = user ? navbarLinks(user.role, unreadMessages, queues) : visitorLinks;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'md', collapsed: { desktop: true, mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={navOpened}
              aria-controls="app-navbar"
            />
            <Brand />
          </Group>
          <Group gap="xs" wrap="nowrap">
            {user ? (
              <>
                <Group component="nav" aria-label="Main" gap={4} visibleFrom="md" mr="xs" wrap="nowrap">
                  {headerLinks(user.role, queues).map((link) =>
                    isGroup(link) ? (
                      <NavMenu key={link.label} group={link} pathname={pathname} />
                    ) : (
                      <Button
                        key={link.to}
                        component={NavLink}
                        to={link.to}
                        variant={isCurrent(pathname, link.to) ? 'light' : 'subtle'}
                        color={isCurrent(pathname, link.to) ? undefined : 'gray'}
                        px={{ base: 'sm', md: 6, lg: 'sm' }}
                        rightSection={link.count ? <CountBadge count={link.count} noun={link.countNoun} /> : undefined}
                      >
                        {link.label}
                      </Button>
                    ),
                  )}
                </Group>
                {chats(user.role) ? <MessagesLink count={unreadMessages} current={isCurrent(pathname, paths.app.messages.getHref())} /> : null}
                <NotificationBell live={live.connected} />
                <UserMenu user={user} />
              </>
            ) : (
              <>
                <Button
                  component={NavLink}
                  to={findMentors.to}
                  variant={isCurrent(pathname, findMentors.to) ? 'light' : 'subtle'}
                  color={isCurrent(pathname, findMentors.to) ? undefined : 'gray'}
                  visibleFrom="sm"
                >
                  {findMentors.label}
                </Button>
                <Group gap="xs" visibleFrom="xs" wrap="nowrap">
                  <Button component={Link} to={paths.auth.login.getHref()} variant="default">
                    Log in
                  </Button>
                  <Button component={Link} to={paths.auth.register.getHref()}>
                    Sign up
                  </Button>
                </Group>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      {/* Collapsed, the navbar is only moved off screen: keep it out of the tab order and away from screen readers. */}
      <AppShell.Navbar id="app-navbar" p="md" aria-label="Main navigation" hiddenFrom="md" inert={!navOpened}>
        <Stack gap={4}>
          {links.map((link) =>
            isGroup(link) ? (
              // Every link of a header menu is listed here too, under the menu's name.
              <Stack key={link.label} gap={4} role="group" aria-labelledby={groupLabelId(link.label)}>
                <Text id={groupLabelId(link.label)} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="xs">
                  {link.label}
                </Text>
                {link.links.map((inner) => (
                  <NavbarLink key={inner.to} link={inner} pathname={pathname} />
                ))}
              </Stack>
            ) : (
              <NavbarLink key={link.to} link={link} pathname={pathname} />
            ),
          )}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main>
        <PageLoading />
        <TestPaymentsBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** A thin bar across the top while the next page's code loads (each page loads on its first visit). */
function PageLoading() {
  const navigation = useNavigation();
  if (navigation.state === 'idle') return null;
  return <Progress value={100} striped animated size={3} radius={0} pos="fixed" top={0} left={0} right={0} style={{ zIndex: 1000 }} aria-label="Loading the page" />;
}

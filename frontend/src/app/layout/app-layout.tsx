import { AppShell, Burger, Button, Group, NavLink as MantineNavLink, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { paths } from '@/config/paths';
import { useAuth } from '@/features/auth/auth-provider';
import { Brand } from './brand';
import { UserMenu } from './user-menu';

interface NavItem {
  label: string;
  to: string;
}

const signedInLinks: NavItem[] = [
  { label: 'Dashboard', to: paths.app.dashboard.getHref() },
  { label: 'Profile', to: paths.app.profile.getHref() },
];

const visitorLinks: NavItem[] = [
  { label: 'Home', to: paths.home.getHref() },
  { label: 'Log in', to: paths.auth.login.getHref() },
  { label: 'Sign up', to: paths.auth.register.getHref() },
];

/**
 * The shell every page renders in: a header with the brand, the section links and the account menu
 * (or log in / sign up); below the `sm` breakpoint the links move into a burger-toggled navbar.
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

  const links = user ? signedInLinks : visitorLinks;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { desktop: true, mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
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
                <Group component="nav" aria-label="Main" gap={4} visibleFrom="sm" mr="sm">
                  {signedInLinks.map((link) => (
                    <Button
                      key={link.to}
                      component={NavLink}
                      to={link.to}
                      variant={pathname === link.to ? 'light' : 'subtle'}
                      color={pathname === link.to ? undefined : 'gray'}
                    >
                      {link.label}
                    </Button>
                  ))}
                </Group>
                <UserMenu user={user} />
              </>
            ) : (
              <Group gap="xs" visibleFrom="xs" wrap="nowrap">
                <Button component={Link} to={paths.auth.login.getHref()} variant="default">
                  Log in
                </Button>
                <Button component={Link} to={paths.auth.register.getHref()}>
                  Sign up
                </Button>
              </Group>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="app-navbar" p="md" aria-label="Main navigation">
        <Stack gap={4}>
          {links.map((link) => (
            <MantineNavLink
              key={link.to}
              component={Link}
              to={link.to}
              label={link.label}
              active={pathname === link.to}
              variant="light"
            />
          ))}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

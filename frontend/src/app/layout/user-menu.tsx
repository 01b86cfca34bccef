import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { useLogout } from '@/features/auth/api/logout';
import { assetUrl } from '@/lib/api-client';
import type { User } from '@/types/api';

export function UserMenu({ user }: { user: User }) {
  const logout = useLogout();

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.name}`} p={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar src={assetUrl(user.avatarUrl)} name={user.name} alt="" radius="xl" size={34} color="violet" />
            {/* Between md and lg the header's section links need the room. */}
            <Text size="sm" fw={500} display={{ base: 'none', sm: 'block', md: 'none', lg: 'block' }} maw={180} truncate="end">
              {user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="bright" truncate="end">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to={paths.app.dashboard.getHref()}>
          Dashboard
        </Menu.Item>
        {user.role !== 'admin' ? (
          <>
            <Menu.Item component={Link} to={paths.app.bookings.getHref()}>
              My bookings
            </Menu.Item>
            {/* Mentors pay too when they book another mentor. */}
            <Menu.Item component={Link} to={paths.app.payments.getHref()}>
              Payments
            </Menu.Item>
          </>
        ) : null}
        {user.role === 'mentor' ? (
          <>
            <Menu.Item component={Link} to={paths.app.mentorProfile.getHref()}>
              My mentor profile
            </Menu.Item>
            <Menu.Item component={Link} to={paths.app.availability.getHref()}>
              Availability
            </Menu.Item>
            <Menu.Item component={Link} to={paths.app.wallet.getHref()}>
              Wallet
            </Menu.Item>
          </>
        ) : null}
        <Menu.Item component={Link} to={paths.app.notifications.getHref()}>
          Notifications
        </Menu.Item>
        <Menu.Item component={Link} to={paths.app.notificationSettings.getHref()}>
          Notification settings
        </Menu.Item>
        <Menu.Item component={Link} to={paths.app.profile.getHref()}>
          Profile
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => logout.mutate()} disabled={logout.isPending}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

import { Avatar, Badge, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/config/paths';
import { assetUrl } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import type { MentorCard as MentorCardData } from '../types';
import classes from './mentor-card.module.css';
import { RatingBadge } from './rating-badge';

const MAX_CHIPS = 4;

/** A mentor in the discovery results; the whole card links to their profile. */
export function MentorCard({ mentor }: { mentor: MentorCardData }) {
  const shown = mentor.expertise.slice(0, MAX_CHIPS);
  const more = mentor.expertise.length - shown.length;
  const price = formatPaise(mentor.price30Paise);

  return (
    <Card
      component={Link}
      to={paths.mentors.profile.getHref(mentor.slug)}
      withBorder
      radius="md"
      padding="lg"
      h="100%"
      aria-label={`${mentor.name}: ${mentor.headline}. From ${price} for 30 minutes.`}
      className={classes.card}
    >
      <Stack gap="sm" style={{ flex: 1 }}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Avatar src={assetUrl(mentor.avatarUrl)} name={mentor.name} color="initials" size={56} radius="xl" alt="" />
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Text fw={700} size="lg" lh={1.25} truncate="end">
              {mentor.name}
            </Text>
            {mentor.companies.length ? (
              <Text size="sm" c="dimmed" truncate="end">
                {mentor.companies.join(' · ')}
              </Text>
            ) : null}
          </Stack>
        </Group>
        <Text size="sm" lineClamp={2}>
          {mentor.headline}
        </Text>
        <Group gap={6}>
          {shown.map((tag) => (
            <Badge key={tag} variant="light" radius="sm" tt="none" fw={500}>
              {tag}
            </Badge>
          ))}
          {more > 0 ? (
            <Badge variant="outline" color="gray" radius="sm" tt="none" fw={500}>
              +{more}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          Speaks {mentor.languages.join(', ')}
        </Text>
        <Group justify="space-between" align="flex-end" mt="auto" pt="xs" gap="xs">
          <Text size="sm">
            from{' '}
            <Text span fw={700} size="md" c="bright">
              {price}
            </Text>{' '}
            <Text span c="dimmed" size="sm">
              / 30 min
            </Text>
          </Text>
          <RatingBadge average={mentor.ratingAvg} count={mentor.ratingCount} />
        </Group>
        {!mentor.acceptingBookings ? (
          <Badge color="gray" variant="outline" tt="none">
            Not accepting bookings
          </Badge>
        ) : null}
      </Stack>
    </Card>
  );
}

export function MentorCardSkeleton() {
  return (
    <Card withBorder radius="md" padding="lg" aria-hidden>
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <Skeleton height={56} circle />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={16} width="60%" />
            <Skeleton height={12} width="40%" />
          </Stack>
        </Group>
        <Skeleton height={12} />
        <Skeleton height={12} width="80%" />
        <Group gap={6}>
          <Skeleton height={22} width={70} />
          <Skeleton height={22} width={90} />
          <Skeleton height={22} width={60} />
        </Group>
        <Skeleton height={16} width="45%" mt="sm" />
      </Stack>
    </Card>
  );
}

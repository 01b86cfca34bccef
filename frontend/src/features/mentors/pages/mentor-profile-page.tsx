import { Anchor, Avatar, Badge, Button, Card, Container, Grid, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { paths } from '@/config/paths';
import { ApiError, assetUrl } from '@/lib/api-client';
import { useMentor } from '../api/get-mentor';
import { BookingCard } from '../components/booking-card';
import { ChipList } from '../components/chip-list';
import { MentorReviews, type RenderReviewActions } from '../components/mentor-reviews';
import { MentorStats } from '../components/mentor-stats';
import { MessageMentorButton } from '../components/message-mentor-button';
import { RatingBadge } from '../components/rating-badge';
import { RatingSummary } from '../components/rating-summary';
import type { MentorProfile } from '../types';
import classes from './mentor-profile-page.module.css';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const yearsText = (years: number) => (years === 1 ? '1 year' : `${years} years`);

function ProfileHeader({ mentor, canMessage }: { mentor: MentorProfile; canMessage: boolean }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <Group gap="lg" align="flex-start" wrap="nowrap">
        <Avatar
          src={assetUrl(mentor.avatarUrl)}
          name={mentor.name}
          color="initials"
          size={88}
          radius={88}
          alt={`${mentor.name}'s photo`}
          visibleFrom="xs"
        />
        <Avatar src={assetUrl(mentor.avatarUrl)} name={mentor.name} color="initials" size={64} radius={64} alt="" hiddenFrom="xs" />
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {mentor.name}
            </Title>
            {!mentor.acceptingBookings ? (
              <Badge color="gray" variant="outline" tt="none">
                Not accepting bookings
              </Badge>
            ) : null}
          </Group>
          <Text size="lg">{mentor.headline}</Text>
          {mentor.companies.length ? (
            <Text c="dimmed" size="sm">
              {mentor.companies.join(' · ')}
            </Text>
          ) : null}
          <Group gap="md" mt={4}>
            <RatingBadge average={mentor.ratingAvg} count={mentor.ratingCount} size="md" />
            <Text size="sm" c="dimmed">
              Speaks {mentor.languages.join(', ')}
            </Text>
            {mentor.linkedinUrl ? (
              <Anchor href={mentor.linkedinUrl} target="_blank" rel="noopener noreferrer" size="sm">
                LinkedIn
              </Anchor>
            ) : null}
          </Group>
          {canMessage ? (
            <Stack mt="xs">
              <MessageMentorButton slug={mentor.slug} />
            </Stack>
          ) : null}
        </Stack>
      </Group>
    </Paper>
  );
}

function ProfileSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-label="Loading the mentor's profile">
      <Skeleton height={150} radius="md" />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Skeleton height={20} width="30%" />
            <Skeleton height={14} />
            <Skeleton height={14} />
            <Skeleton height={14} width="70%" />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton height={220} radius="md" />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

interface MentorProfilePageProps {
  slug: string;
  /**
   * The booking area, composed by the app from another feature (features don't import each other);
   * without it the page shows the prices and a button that waits.
   */
  renderBooking?: ((mentor: MentorProfile) => ReactNode) | undefined;
  /** What a visitor may do with each review (report it), composed by the app from the reviews feature. */
  renderReviewActions?: RenderReviewActions | undefined;
  /** Whether the viewer may start a conversation with the mentor (signed-in students). */
  canMessage?: boolean;
}

/** A mentor's public page; open to everyone. */
export function MentorProfilePage({ slug, renderBooking, renderReviewActions, canMessage = false }: MentorProfilePageProps) {
  const mentor = useMentor(slug);

  if (mentor.isPending) {
    return (
      <Container size="lg" px={0}>
        <ProfileSkeleton />
      </Container>
    );
  }
  if (mentor.isError) {
    if (mentor.error instanceof ApiError && (mentor.error.status === 404 || mentor.error.status === 422)) {
      return (
        <EmptyState
          title="We couldn't find this mentor"
          description="The link may be mistyped, or the mentor's profile is no longer public."
        >
          <Button component={Link} to={paths.mentors.list.getHref()} mt="sm">
            Browse all mentors
          </Button>
        </EmptyState>
      );
    }
    return <ErrorState title="Couldn't load this mentor" message={mentor.error.message} onRetry={() => void mentor.refetch()} />;
  }

  const profile = mentor.data;
  const since = new Date(profile.memberSince).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });

  return (
    <Container size="lg" px={0}>
      <Stack gap="lg">
        <Anchor component={Link} to={paths.mentors.list.getHref()} size="sm">
          ← All mentors
        </Anchor>
        <ProfileHeader mentor={profile} canMessage={canMessage} />
        <div className={classes.layout}>
          <Stack gap="xl" className={classes.main}>
            <Section title="About">
              <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{profile.bio}</Text>
              <Text size="sm" c="dimmed">
                Member since {since} · Time zone {profile.timeZone.replaceAll('_', ' ')}
              </Text>
            </Section>
            <Section title="Experience">
              <List spacing="xs">
                {profile.experience.map((row, index) => (
                  <List.Item key={`${row.company}-${index}`}>
                    <Text span fw={600}>
                      {row.role}
                    </Text>{' '}
                    at {row.company}{' '}
                    <Text span c="dimmed" size="sm">
                      · {yearsText(row.years)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Section>
            <Section title="Expertise">
              <ChipList items={profile.expertise} label="Expertise" />
            </Section>
            <Section title="Session topics">
              <ChipList items={profile.sessionTopics} color="indigo" label="Session topics" />
            </Section>
            <Section title="Reviews">
              <MentorReviews slug={profile.slug} renderActions={renderReviewActions} />
            </Section>
          </Stack>
          <div className={classes.booking}>
            {renderBooking ? (
              renderBooking(profile)
            ) : (
              <BookingCard price30Paise={profile.price30Paise} price60Paise={profile.price60Paise} acceptingBookings={profile.acceptingBookings} />
            )}
          </div>
          <Stack gap="lg" className={classes.record}>
            <Card withBorder radius="md" padding="lg" component="section" aria-label="Ratings">
              <Stack gap="md">
                <Title order={2} size="h5">
                  Ratings
                </Title>
                <RatingSummary summary={profile.ratingSummary} />
              </Stack>
            </Card>
            <Card withBorder radius="md" padding="lg" component="section" aria-label="Track record">
              <Stack gap="md">
                <Title order={2} size="h5">
                  Track record
                </Title>
                <MentorStats stats={profile.stats} />
              </Stack>
            </Card>
          </Stack>
        </div>
      </Stack>
    </Container>
  );
}

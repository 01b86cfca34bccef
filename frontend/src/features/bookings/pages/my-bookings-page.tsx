import { Button, Container, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { paths } from '@/config/paths';
import { zoneLabel } from '@/lib/time-zone-clock';
import { bookingTabs, useBookings, type BookingTab } from '../api/get-bookings';
import { BookingListItem } from '../components/booking-list-item';
import type { RenderJoin } from '../types';

const PAGE_SIZE = 10;

const tabLabels: Record<BookingTab, string> = { upcoming: 'Upcoming', past: 'Past', cancelled: 'Cancelled' };

const emptyStates: Record<BookingTab, { title: string; student: string; mentor: string }> = {
  upcoming: {
    title: 'No upcoming sessions',
    student: 'Sessions you book appear here, with everything you need to join.',
    mentor: 'When students book you, their sessions appear here.',
  },
  past: { title: 'No past sessions yet', student: 'Sessions you have had appear here.', mentor: 'Sessions you have given appear here.' },
  cancelled: { title: 'Nothing cancelled', student: 'Cancelled bookings and their refunds appear here.', mentor: 'Cancelled bookings appear here.' },
};

export interface MyBookingsPageProps {
  /** Mentors also book other mentors: they get to switch between both sides. */
  canMentor: boolean;
  timeZone: string;
  /** The join button of an upcoming session; the app supplies the sessions feature's. */
  renderJoin?: RenderJoin;
}

const isTab = (value: string | null): value is BookingTab => bookingTabs.includes(value as BookingTab);

/** The viewer's bookings by Upcoming / Past / Cancelled, as a student or (for mentors) as the mentor. */
export function MyBookingsPage({ canMentor, timeZone, renderJoin }: MyBookingsPageProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const tab: BookingTab = isTab(statusParam) ? statusParam : 'upcoming';
  const role = canMentor && searchParams.get('role') !== 'student' ? 'mentor' : 'student';
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const list = useBookings({ role, status: tab, page, limit: PAGE_SIZE });

  function show(next: { tab?: BookingTab; role?: 'student' | 'mentor'; page?: number }) {
    const params = new URLSearchParams();
    params.set('status', next.tab ?? tab);
    if (canMentor) params.set('role', next.role ?? role);
    if ((next.page ?? 1) > 1) params.set('page', String(next.page));
    setSearchParams(params);
  }

  const empty = emptyStates[tab];
  return (
    <Container size="md" px={0}>
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <Stack gap={4}>
          <Title order={1} size="h2">
            My bookings
          </Title>
          <Text c="dimmed" size="sm">
            Times in {zoneLabel(timeZone)}
          </Text>
        </Stack>
        {canMentor ? (
          <SegmentedControl
            aria-label="Show bookings"
            value={role}
            onChange={(value) => show({ role: value === 'student' ? 'student' : 'mentor', page: 1 })}
            data={[
              { value: 'mentor', label: 'As mentor' },
              { value: 'student', label: 'As student' },
            ]}
          />
        ) : null}
      </Group>
      <Tabs value={tab} onChange={(value) => (isTab(value) ? show({ tab: value, page: 1 }) : undefined)} keepMounted={false}>
        <Tabs.List mb="md" grow>
          {bookingTabs.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {tabLabels[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {bookingTabs.map((value) => (
          <Tabs.Panel key={value} value={value}>
            {list.isPending ? (
              <ListSkeleton label="Loading bookings" height={132} />
            ) : list.isError ? (
              <ErrorState title="Couldn't load your bookings" message={list.error.message} onRetry={() => void list.refetch()} />
            ) : list.data.items.length === 0 ? (
              <EmptyState title={empty.title} description={role === 'mentor' ? empty.mentor : empty.student}>
                {role === 'student' && tab === 'upcoming' ? (
                  <Button component={Link} to={paths.mentors.list.getHref()} mt="sm">
                    Find a mentor
                  </Button>
                ) : null}
              </EmptyState>
            ) : (
              <>
                <Stack
                  gap="sm"
                  component="ul"
                  aria-label={`${tabLabels[tab]} bookings`}
                  aria-busy={list.isFetching}
                  style={{ listStyle: 'none', padding: 0, margin: 0, opacity: list.isPlaceholderData ? 0.6 : 1 }}
                >
                  {list.data.items.map((booking) => (
                    <BookingListItem key={booking.id} booking={booking} timeZone={timeZone} renderJoin={renderJoin} />
                  ))}
                </Stack>
                <ListPagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={(next) => show({ page: next })} label="Booking pages" />
              </>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Container>
  );
}

import { Alert, Badge, Button, Card, Group, SegmentedControl, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ErrorState } from '@/components/error-state';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { addDays, todayIn } from '@/lib/time-zone-clock';
import { timeZoneOptions } from '@/lib/time-zone-options';
import { useMentorAvailability } from '../api/get-mentor-availability';
import type { PublicSlot } from '../types';
import { addMonths, groupByDate, monthOf, monthWindow, type DayOffer } from '../utils/booking-calendar';
import { BookingDay } from './booking-day';
import { BookingSummary, type BookingChoice } from './booking-summary';
import { OfferCalendar } from './offer-calendar';

export interface BookingPanelProps {
  slug: string;
  price30Paise: number;
  price60Paise: number;
  acceptingBookings: boolean;
  /** The zone to show times in at first: the signed-in user's, else this browser's. */
  defaultTimeZone: string;
  /** Lengths the mentor offers; only these can be picked. */
  sessionLengths?: number[] | undefined;
}

type Length = 30 | 60;

const offeredLengths = (lengths: number[] | undefined): Length[] => {
  const offered = (lengths ?? [30, 60]).filter((l): l is Length => l === 30 || l === 60);
  return offered.length ? offered : [30, 60];
};

/** How far ahead the calendar goes; no mentor's booking horizon is longer (backend: at most 90 days). */
const MAX_AHEAD_DAYS = 90;

type Selection = { type: 'time'; startsAt: string } | { type: 'slot'; slotId: string } | null;

/** Two lines, so a long price (₹1,00,000) still fits half a phone's width. */
function LengthLabel({ minutes, pricePaise }: { minutes: Length; pricePaise: number }) {
  return (
    <Stack gap={0} align="center">
      <Text span size="sm" fw={600} inherit>
        {minutes} min
      </Text>
      <Text span size="xs" c="dimmed" data-testid={`price-${minutes}`}>
        {formatPaise(pricePaise)}
      </Text>
    </Stack>
  );
}

function Prices({ price30Paise, price60Paise, lengths }: Pick<BookingPanelProps, 'price30Paise' | 'price60Paise'> & { lengths: Length[] }) {
  return (
    <Stack gap="xs">
      {lengths.map((minutes) => (
        <Group key={minutes} justify="space-between">
          <Text size="sm">{minutes} minutes</Text>
          <Text fw={700} size="lg" data-testid={`price-${minutes}`}>
            {formatPaise(minutes === 30 ? price30Paise : price60Paise)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * The student's booking calendar on a mentor's page: a length, a month with the days that have free
 * times marked, the free start times and open sessions of the chosen day in the viewer's zone, and a
 * summary of the choice, which leads on to checkout.
 */
export function BookingPanel({ slug, price30Paise, price60Paise, acceptingBookings, defaultTimeZone, sessionLengths }: BookingPanelProps) {
  const lengths = offeredLengths(sessionLengths);
  const [length, setLength] = useState<Length>(lengths[0]!);
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const today = todayIn(timeZone);
  const [month, setMonth] = useState(() => monthOf(today));
  const [pickedDate, setPickedDate] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const zones = useMemo(() => timeZoneOptions(defaultTimeZone), [defaultTimeZone]);

  const range = monthWindow(month, today);
  const availability = useMentorAvailability(
    { slug, from: range?.from ?? today, to: range?.to ?? today, durationMinutes: length, timeZone },
    { enabled: acceptingBookings && range !== null },
  );
  const byDate = useMemo(() => (availability.data ? groupByDate(availability.data) : new Map<string, DayOffer>()), [availability.data]);
  const firstDate = byDate.keys().next().value ?? null;
  // The picked day, or else the month's first day with anything on it, so times show without a click.
  const activeDate = pickedDate && byDate.has(pickedDate) ? pickedDate : firstDate;
  const activeDay = activeDate ? byDate.get(activeDate) : undefined;

  const choice = useMemo((): BookingChoice | null => {
    if (!selection || !availability.data) return null;
    if (selection.type === 'time') {
      const found = activeDay?.times.some((time) => time.startsAt === selection.startsAt);
      if (!found) return null;
      const endsAt = new Date(new Date(selection.startsAt).getTime() + length * 60_000).toISOString();
      return { startsAt: selection.startsAt, endsAt, durationMinutes: length, pricePaise: length === 30 ? price30Paise : price60Paise };
    }
    const slot = availability.data.groupSlots.find((candidate) => candidate.id === selection.slotId);
    if (!slot) return null;
    return {
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      durationMinutes: slot.durationMinutes,
      pricePaise: slot.pricePaise,
      slot: { title: slot.title, seatsLeft: slot.seatsLeft, group: slot.kind === 'group' },
    };
  }, [selection, availability.data, activeDay, length, price30Paise, price60Paise]);

  const lastDate = addDays(today, MAX_AHEAD_DAYS);
  const nextMonth = addMonths(month, 1);
  const canGoNext = nextMonth <= lastDate;
  const lengthNotOffered =
    availability.error instanceof ApiError && availability.error.errors.some((problem) => problem.path === 'durationMinutes')
      ? (availability.error.errors.find((problem) => problem.path === 'durationMinutes')?.message ?? null)
      : null;

  if (!acceptingBookings) {
    return (
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="booking-card-title">
        <Stack gap="md">
          <Title order={2} size="h4" id="booking-card-title">
            Book a session
          </Title>
          <Prices price30Paise={price30Paise} price60Paise={price60Paise} lengths={lengths} />
          <Badge color="gray" variant="outline" tt="none" size="lg" fullWidth>
            Not accepting bookings
          </Badge>
          <Text size="sm" c="dimmed" ta="center">
            This mentor has paused new bookings. Check back later.
          </Text>
        </Stack>
      </Card>
    );
  }

  const loading = availability.isPending && !lengthNotOffered;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="booking-card-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="booking-card-title">
          Book a session
        </Title>
        <SegmentedControl
          fullWidth
          aria-label="Session length"
          value={String(length)}
          onChange={(value) => {
            setLength(value === '60' ? 60 : 30);
            setSelection(null);
          }}
          data={lengths.map((minutes) => ({ value: String(minutes), label: <LengthLabel minutes={minutes} pricePaise={minutes === 30 ? price30Paise : price60Paise} /> }))}
        />
        <OfferCalendar
          month={month}
          onMonthChange={setMonth}
          today={today}
          lastDate={lastDate}
          byDate={byDate}
          activeDate={activeDate}
          onPickDate={(date) => {
            setPickedDate(date);
            setSelection(null);
          }}
          busy={availability.isFetching}
        />
        <Select
          label="Times shown in"
          data={zones}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No matching time zone"
          maxDropdownHeight={260}
          value={timeZone}
          onChange={(zone) => {
            if (zone) setTimeZone(zone);
          }}
        />

        {lengthNotOffered ? (
          <Alert color="yellow" variant="light" title={`No ${length}-minute sessions`}>
            {lengthNotOffered}
          </Alert>
        ) : availability.isError ? (
          <ErrorState
            title="Couldn't load free times"
            message={availability.error.message}
            onRetry={() => void availability.refetch()}
          />
        ) : loading ? (
          <Stack gap={8} role="status" aria-label="Loading free times">
            <Skeleton height={18} width="60%" />
            <Group gap={8} grow>
              <Skeleton height={36} />
              <Skeleton height={36} />
              <Skeleton height={36} />
            </Group>
            <Group gap={8} grow>
              <Skeleton height={36} />
              <Skeleton height={36} />
              <Skeleton height={36} />
            </Group>
          </Stack>
        ) : !activeDay ? (
          <Stack gap="xs" align="center" ta="center" py="sm">
            <Text fw={600}>No free times in this month — try next month</Text>
            {canGoNext ? (
              <Button variant="light" onClick={() => setMonth(nextMonth)}>
                Show {new Intl.DateTimeFormat('en-IN', { month: 'long', timeZone: 'UTC' }).format(new Date(`${nextMonth}T00:00:00Z`))}
              </Button>
            ) : null}
          </Stack>
        ) : (
          <BookingDay
            day={activeDay}
            durationMinutes={length}
            timeZone={timeZone}
            selectedStartsAt={selection?.type === 'time' ? selection.startsAt : null}
            selectedSlotId={selection?.type === 'slot' ? selection.slotId : null}
            onPickTime={(startsAt) => setSelection({ type: 'time', startsAt })}
            onPickSlot={(slot: PublicSlot) => setSelection({ type: 'slot', slotId: slot.id })}
          />
        )}

        {choice && availability.data ? (
          <BookingSummary
            choice={choice}
            viewerTimeZone={timeZone}
            mentorTimeZone={availability.data.mentorTimeZone}
            checkoutHref={paths.app.checkout.getHref(
              slug,
              selection?.type === 'slot' ? { slotId: selection.slotId, startsAt: choice.startsAt } : { startsAt: choice.startsAt, durationMinutes: choice.durationMinutes },
            )}
          />
        ) : activeDay ? (
          <Text size="sm" c="dimmed" ta="center">
            Pick a time to see the summary.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

import { Alert, Badge, Card, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { timeZoneOptions } from '@/lib/time-zone-options';
import { useOfferMonth } from '../hooks/use-offer-month';
import type { PublicSlot } from '../types';
import { groupByDate } from '../utils/booking-calendar';
import { BookingSummary, type BookingChoice } from './booking-summary';
import { OfferCalendar } from './offer-calendar';
import { OfferDayPanel } from './offer-day-panel';

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
  const [selection, setSelection] = useState<Selection>(null);
  const zones = useMemo(() => timeZoneOptions(defaultTimeZone), [defaultTimeZone]);

  const offers = useOfferMonth({ slug, timeZone, durationMinutes: length, enabled: acceptingBookings, toDays: groupByDate });
  const { availability, activeDay } = offers;

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
          {...offers.calendar}
          onMonthChange={offers.setMonth}
          onPickDate={(date) => {
            offers.pickDate(date);
            setSelection(null);
          }}
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
        ) : (
          <OfferDayPanel
            offers={offers}
            skeletonRows={2}
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

import { Card, Divider, Stack, Text, Title } from '@mantine/core';
import { todayIn, zoneLabel } from '@/lib/time-zone-clock';
import type { DateOverride } from '../types';
import { OverrideForm } from './override-form';
import { OverrideList } from './override-list';

interface OverridesCardProps {
  overrides: DateOverride[];
  /** The mentor's saved zone: dates are days on its calendar. */
  timeZone: string;
}

export function OverridesCard({ overrides, timeZone }: OverridesCardProps) {
  const today = todayIn(timeZone);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="overrides-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="overrides-title">
            Dates off and other hours
          </Title>
          <Text size="sm" c="dimmed">
            Exceptions to your weekly hours, on your calendar in {zoneLabel(timeZone)}.
          </Text>
        </div>
        <OverrideForm overrides={overrides} today={today} />
        <Divider />
        <Title order={3} size="h5">
          Upcoming
        </Title>
        <OverrideList overrides={overrides} today={today} />
      </Stack>
    </Card>
  );
}

import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { paths } from '@/config/paths';

export type AvailabilitySection = 'hours' | 'slots';

const hrefs: Record<AvailabilitySection, () => string> = {
  hours: () => paths.app.availability.getHref(),
  slots: () => paths.app.availabilitySlots.getHref(),
};

/** The page title and the two sections of a mentor's schedule, each its own address. */
export function AvailabilityHeader({ section }: { section: AvailabilitySection }) {
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Availability
        </Title>
        <Text c="dimmed">Choose when students can book you: weekly hours, dates off, and sessions on specific dates.</Text>
      </div>
      <Tabs value={section} onChange={(value) => value && void navigate(hrefs[value as AvailabilitySection]())}>
        <Tabs.List>
          <Tabs.Tab value="hours">Hours and dates</Tabs.Tab>
          <Tabs.Tab value="slots">Slots</Tabs.Tab>
        </Tabs.List>
      </Tabs>
    </Stack>
  );
}

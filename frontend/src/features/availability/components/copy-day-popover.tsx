import { Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { WEEK_ORDER, WEEKDAY_NAMES } from '../utils/weekly-form';

interface CopyDayPopoverProps {
  weekday: number;
  onCopy: (targets: number[]) => void;
}

/** "Copy to…": the chosen days get this day's hours, replacing theirs. */
export function CopyDayPopover({ weekday, onCopy }: CopyDayPopoverProps) {
  const [opened, setOpened] = useState(false);
  const [targets, setTargets] = useState<string[]>([]);
  const name = WEEKDAY_NAMES[weekday];
  const others = WEEK_ORDER.filter((day) => day !== weekday);

  function close() {
    setOpened(false);
    setTargets([]);
  }

  return (
    <Popover opened={opened} onChange={(next) => (next ? setOpened(true) : close())} position="bottom-end" withArrow trapFocus shadow="md">
      <Popover.Target>
        <Button variant="subtle" size="compact-sm" onClick={() => (opened ? close() : setOpened(true))} aria-label={`Copy ${name}'s hours to other days`}>
          Copy to…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Checkbox.Group label={`Copy ${name}'s hours to`} value={targets} onChange={setTargets}>
            <Stack gap={6} mt={6}>
              {others.map((day) => (
                <Checkbox key={day} value={String(day)} label={WEEKDAY_NAMES[day]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group gap="xs" justify="space-between">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setTargets(targets.length === others.length ? [] : others.map(String))}
            >
              {targets.length === others.length ? 'Clear' : 'All days'}
            </Button>
            <Button
              size="compact-sm"
              disabled={targets.length === 0}
              onClick={() => {
                onCopy(targets.map(Number));
                close();
              }}
            >
              Copy
            </Button>
          </Group>
          <Text size="xs" c="dimmed" maw={200}>
            Their current hours are replaced.
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

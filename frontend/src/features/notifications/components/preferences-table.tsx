import { Stack, Switch, Table, Text } from '@mantine/core';
import type { NotificationCategory } from '../types';

export type Channel = 'inApp' | 'email';

interface PreferencesTableProps {
  categories: NotificationCategory[];
  onChange: (key: string, channel: Channel, on: boolean) => void;
  disabled?: boolean;
}

const channels: { channel: Channel; label: string }[] = [
  { channel: 'inApp', label: 'In-app' },
  { channel: 'email', label: 'Email' },
];

/**
 * Every category of notification in a row, with an in-app and an email switch. The switches are named by their
 * row and column ("Session reminders: email") for screen readers; the fixed layout keeps both switch columns
 * narrow, so the names wrap instead of the table scrolling at 360 px.
 */
export function PreferencesTable({ categories, onChange, disabled = false }: PreferencesTableProps) {
  return (
    <Table layout="fixed" verticalSpacing="sm" horizontalSpacing="sm" aria-label="Notification settings">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Notification</Table.Th>
          {channels.map(({ channel, label }) => (
            <Table.Th key={channel} scope="col" w={{ base: 72, sm: 96 }} ta="center" style={{ whiteSpace: 'nowrap' }}>
              {label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {categories.map((category) => (
          <Table.Tr key={category.key} data-category={category.key}>
            <Table.Th scope="row" fw="normal">
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {category.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {category.description}
                </Text>
              </Stack>
            </Table.Th>
            {channels.map(({ channel, label }) => (
              <Table.Td key={channel}>
                <Switch
                  aria-label={`${category.label}: ${label.toLowerCase()}`}
                  checked={category[channel]}
                  disabled={disabled}
                  onChange={(event) => onChange(category.key, channel, event.currentTarget.checked)}
                  styles={{ body: { justifyContent: 'center' } }}
                />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

import { Badge, Group, Text } from '@mantine/core';

/** Tags as chips, or a dimmed dash when there are none. */
export function ChipList({ items, color = 'violet', label }: { items: readonly string[]; color?: string; label?: string }) {
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        —
      </Text>
    );
  }
  return (
    <Group gap={6} component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <Badge key={item} component="li" variant="light" color={color} radius="sm" tt="none" fw={500} size="lg">
          {item}
        </Badge>
      ))}
    </Group>
  );
}

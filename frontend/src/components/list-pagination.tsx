import { Group, Pagination, Text } from '@mantine/core';

interface ListPaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  /** Names the pagination landmark, e.g. "Mentor pages". */
  label: string;
  /** The server stopped counting at `total`: there are more. */
  totalCapped?: boolean;
}

/** "21–40 of 57" (or "of 1,000+" when the server stopped counting) and the page buttons; nothing when everything fits on one page. */
export function ListPagination({ page, pageSize, total, onChange, label, totalCapped = false }: ListPaginationProps) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" gap="sm" mt="lg" component="nav" aria-label={label}>
      <Text size="sm" c="dimmed">
        {first}–{last} of {total.toLocaleString('en-IN')}
        {totalCapped ? '+' : ''}
      </Text>
      <Pagination total={pages} value={Math.min(page, pages)} onChange={onChange} siblings={1} boundaries={1} size="sm" />
    </Group>
  );
}

import { Container, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { useDisputes } from '../api/get-disputes';
import { DisputeListItem } from '../components/dispute-list-item';
import { disputeStatuses, type DisputeStatus } from '../types';

const PAGE_SIZE = 20;

const tabLabels: Record<DisputeStatus, string> = { open: 'Open', resolved: 'Resolved' };
const emptyText: Record<DisputeStatus, { title: string; description: string }> = {
  open: { title: 'No open disputes', description: 'When a student reports a problem with a session, it appears here.' },
  resolved: { title: 'No resolved disputes yet', description: 'Disputes you decide will be listed here.' },
};

function readStatus(value: string | null): DisputeStatus {
  return (disputeStatuses as readonly string[]).includes(value ?? '') ? (value as DisputeStatus) : 'open';
}

/** The admin's queue of disputes, open (oldest first) or resolved (newest first); the tab and page live in the URL. */
export function AdminDisputesPage({ timeZone }: { timeZone: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const status = readStatus(searchParams.get('status'));
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const list = useDisputes({ status, page, limit: PAGE_SIZE });

  function show(next: { status?: DisputeStatus; page?: number }) {
    const params = new URLSearchParams();
    const nextStatus = next.status ?? status;
    const nextPage = next.page ?? 1;
    if (nextStatus !== 'open') params.set('status', nextStatus);
    if (nextPage > 1) params.set('page', String(nextPage));
    setSearchParams(params);
  }

  const totalPages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  // Resolving the last dispute on the last page empties that page: step back to one that has some.
  const pastTheEnd = list.data !== undefined && !list.isPlaceholderData && page > totalPages;
  useEffect(() => {
    if (pastTheEnd)
      setSearchParams(
        (params) => {
          const next = new URLSearchParams(params);
          if (totalPages > 1) next.set('page', String(totalPages));
          else next.delete('page');
          return next;
        },
        { replace: true },
      );
  }, [pastTheEnd, totalPages, setSearchParams]);

  return (
    <Container size="md" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Disputes
        </Title>
        <Text c="dimmed">Problems students reported with a session. Their payment stays held until you decide.</Text>
      </Stack>
      <Tabs value={status} onChange={(value) => show({ status: readStatus(value) })} keepMounted={false}>
        <Tabs.List mb="md">
          {disputeStatuses.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {tabLabels[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {disputeStatuses.map((value) => (
          <Tabs.Panel key={value} value={value}>
            {list.isPending ? (
              <ListSkeleton label="Loading disputes" height={120} gap="md" />
            ) : list.isError ? (
              <ErrorState title="Couldn't load the disputes" message={list.error.message} onRetry={() => void list.refetch()} />
            ) : list.data.items.length === 0 ? (
              <EmptyState title={emptyText[value].title} description={emptyText[value].description} />
            ) : (
              <Stack gap="md" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} aria-busy={list.isFetching}>
                <Text size="sm" c="dimmed">
                  {list.data.total} {list.data.total === 1 ? 'dispute' : 'disputes'}
                </Text>
                {list.data.items.map((dispute) => (
                  <DisputeListItem key={dispute.id} dispute={dispute} timeZone={timeZone} />
                ))}
                <ListPagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={(next) => show({ page: next })} label="Dispute pages" />
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Container>
  );
}

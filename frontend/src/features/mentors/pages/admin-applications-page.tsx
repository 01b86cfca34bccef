import { Container, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { reviewStatuses, useApplications, type ReviewStatus } from '../api/get-applications';
import { ApplicationReviewCard } from '../components/application-review-card';
import { RejectApplicationModal } from '../components/reject-application-modal';
import type { AdminApplication } from '../types';

const PAGE_SIZE = 10;

const tabLabels: Record<ReviewStatus, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };
const emptyText: Record<ReviewStatus, { title: string; description: string }> = {
  pending: { title: 'No applications waiting', description: 'New mentor applications will appear here.' },
  approved: { title: 'No approved applications yet', description: 'Applications you approve will be listed here.' },
  rejected: { title: 'No rejected applications', description: 'Applications you reject will be listed here.' },
};

function readStatus(value: string | null): ReviewStatus {
  return (reviewStatuses as readonly string[]).includes(value ?? '') ? (value as ReviewStatus) : 'pending';
}

/** The admin's queue of mentor applications, by status; the tab and page live in the URL. */
export function AdminApplicationsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const status = readStatus(searchParams.get('status'));
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const list = useApplications({ status, page, limit: PAGE_SIZE });
  const [rejecting, setRejecting] = useState<AdminApplication | null>(null);

  function show(next: { status?: ReviewStatus; page?: number }) {
    const params = new URLSearchParams();
    const nextStatus = next.status ?? status;
    const nextPage = next.page ?? 1;
    if (nextStatus !== 'pending') params.set('status', nextStatus);
    if (nextPage > 1) params.set('page', String(nextPage));
    setSearchParams(params);
  }

  const totalPages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  // Deciding the last application on the last page empties that page: step back to one that has some.
  const pastTheEnd = list.data !== undefined && !list.isPlaceholderData && page > totalPages;
  useEffect(() => {
    if (pastTheEnd) setSearchParams((params) => {
      const next = new URLSearchParams(params);
      if (totalPages > 1) next.set('page', String(totalPages));
      else next.delete('page');
      return next;
    }, { replace: true });
  }, [pastTheEnd, totalPages, setSearchParams]);

  return (
    <Container size="md" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Mentor applications
        </Title>
        <Text c="dimmed">Read each application, then approve it or reject it with a reason.</Text>
      </Stack>
      <Tabs value={status} onChange={(value) => show({ status: readStatus(value) })} keepMounted={false}>
        <Tabs.List mb="md">
          {reviewStatuses.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {tabLabels[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {reviewStatuses.map((value) => (
          <Tabs.Panel key={value} value={value}>
            {list.isPending ? (
              <ListSkeleton label="Loading applications" height={150} gap="md" />
            ) : list.isError ? (
              <ErrorState title="Couldn't load the applications" message={list.error.message} onRetry={() => void list.refetch()} />
            ) : list.data.items.length === 0 ? (
              <EmptyState title={emptyText[value].title} description={emptyText[value].description} />
            ) : (
              <Stack gap="md" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} aria-busy={list.isFetching}>
                <Text size="sm" c="dimmed">
                  {list.data.total} {list.data.total === 1 ? 'application' : 'applications'}
                </Text>
                {list.data.items.map((application) => (
                  <ApplicationReviewCard key={application.id} application={application} onReject={setRejecting} />
                ))}
                <ListPagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={(next) => show({ page: next })} label="Application pages" />
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
      <RejectApplicationModal
        application={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(application) =>
          notifications.show({ color: 'teal', title: 'Application rejected', message: `${application.applicant.name} will be emailed your reason.` })
        }
      />
    </Container>
  );
}

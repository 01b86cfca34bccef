import { Container, Stack, Tabs, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';

/** `value` when it is one of `statuses`, else the first of them. */
const statusIn = <S extends string>(statuses: readonly [S, ...S[]], value: string | null): S =>
  (statuses as readonly string[]).includes(value ?? '') ? (value as S) : statuses[0];

export interface StatusQueueLocation<S extends string> {
  status: S;
  page: number;
  /** Goes to a tab and/or page; a new tab starts on its first page. The first status and page 1 stay out of the URL. */
  show: (next: { status?: S; page?: number }) => void;
}

/**
 * The tab and page of a queue as the URL has them (`?status=…&page=…`): an unknown status reads as the first of
 * `statuses`, a page that is not a whole number above 0 as page 1.
 */
export function useStatusQueueLocation<S extends string>(statuses: readonly [S, ...S[]]): StatusQueueLocation<S> {
  const [searchParams, setSearchParams] = useSearchParams();
  const status = statusIn(statuses, searchParams.get('status'));
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;

  function show(next: { status?: S; page?: number }) {
    const params = new URLSearchParams();
    const nextStatus = next.status ?? status;
    const nextPage = next.page ?? 1;
    if (nextStatus !== statuses[0]) params.set('status', nextStatus);
    if (nextPage > 1) params.set('page', String(nextPage));
    setSearchParams(params);
  }

  return { status, page, show };
}

export interface StatusQueueProps<S extends string, T> {
  title: string;
  description: string;
  /** The tabs, in order; the first is the default. */
  statuses: readonly [S, ...S[]];
  tabLabels: Record<S, string>;
  emptyText: Record<S, { title: string; description: string }>;
  location: StatusQueueLocation<S>;
  pageSize: number;
  /** The current tab's page, kept on screen (dimmed) while the next one loads. */
  list: UseQueryResult<{ items: T[]; total: number }>;
  /** What the list holds, for the count ("1 review", "3 reviews"). */
  noun: { one: string; other: string };
  /** "Loading reviews", with each card stand-in's height. */
  loading: { label: string; height: number };
  errorTitle: string;
  paginationLabel: string;
  renderItem: (item: T) => ReactNode;
  /** After the tabs, e.g. the modals the items open. */
  children?: ReactNode;
}

/**
 * An admin's queue page: a title, one tab per status and the current tab's items a page at a time (the tab and page
 * live in the URL), with its loading, error and empty states.
 */
export function StatusQueue<S extends string, T>({
  title,
  description,
  statuses,
  tabLabels,
  emptyText,
  location: { status, page, show },
  pageSize,
  list,
  noun,
  loading,
  errorTitle,
  paginationLabel,
  renderItem,
  children,
}: StatusQueueProps<S, T>) {
  const [, setSearchParams] = useSearchParams();
  const totalPages = list.data ? Math.max(1, Math.ceil(list.data.total / pageSize)) : 1;

  // Deciding on the last item of the last page empties that page: step back to one that has some.
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
          {title}
        </Title>
        <Text c="dimmed">{description}</Text>
      </Stack>
      <Tabs value={status} onChange={(value) => show({ status: statusIn(statuses, value) })} keepMounted={false}>
        <Tabs.List mb="md">
          {statuses.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {tabLabels[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {statuses.map((value) => (
          <Tabs.Panel key={value} value={value}>
            {list.isPending ? (
              <ListSkeleton label={loading.label} height={loading.height} gap="md" />
            ) : list.isError ? (
              <ErrorState title={errorTitle} message={list.error.message} onRetry={() => void list.refetch()} />
            ) : list.data.items.length === 0 ? (
              <EmptyState title={emptyText[value].title} description={emptyText[value].description} />
            ) : (
              <Stack gap="md" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} aria-busy={list.isFetching}>
                <Text size="sm" c="dimmed">
                  {list.data.total} {list.data.total === 1 ? noun.one : noun.other}
                </Text>
                {list.data.items.map(renderItem)}
                <ListPagination page={page} pageSize={pageSize} total={list.data.total} onChange={(next) => show({ page: next })} label={paginationLabel} />
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
      {children}
    </Container>
  );
}

import { Container, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { FormAlert } from '@/components/form-alert';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { ApiError } from '@/lib/api-client';
import { zoneLabel } from '@/lib/time-zone-clock';
import { useReconciliationRun } from '../api/get-reconciliation-run';
import { useReconciliationRuns } from '../api/get-reconciliation-runs';
import { useRunReconciliation } from '../api/run-reconciliation';
import { PeriodForm } from '../components/period-form';
import { RunResult } from '../components/run-result';
import { RunsTable } from '../components/runs-table';
import type { DayRange } from '../types';
import { formatDayRange, yesterday } from '../utils/period';

const RUNS_PAGE_SIZE = 10;
/** The longest period one reconciliation compares (the server's limit too). */
const MAX_DAYS = 92;

/** The run shown and the runs' page, as the URL has them (`?run=…&page=…`). */
function useReconciliationLocation() {
  const [searchParams, setSearchParams] = useSearchParams();
  const run = searchParams.get('run');
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  function show(next: { run?: string; page?: number }) {
    const params = new URLSearchParams(searchParams);
    if (next.run) params.set('run', next.run);
    if (next.page !== undefined) {
      if (next.page > 1) params.set('page', String(next.page));
      else params.delete('page');
    }
    setSearchParams(params, { replace: true });
  }
  return { runId: run, page, show };
}

/**
 * Reconciliation: our records and ledger against the gateway's payments, refunds and payouts, for days in India. A
 * run compares them now and is kept (the nightly job keeps one for every day); the page shows one run whole — the
 * newest unless another is picked — with every mismatch and both of its sides, and the runs kept.
 */
export function ReconciliationPage({ timeZone }: { timeZone: string }) {
  const { runId, page, show } = useReconciliationLocation();
  const [range, setRange] = useState<DayRange>(() => yesterday());
  const runs = useReconciliationRuns({ page, limit: RUNS_PAGE_SIZE });
  const selectedId = runId ?? runs.data?.items[0]?.id ?? null;
  const run = useReconciliationRun(selectedId);
  const running = useRunReconciliation();
  const problem = running.error instanceof ApiError ? running.error : null;
  const fieldError = (field: 'from' | 'to') => (problem?.status === 422 ? problem.errors.find((e) => e.path === field)?.message : undefined);
  const runError = running.error && !(problem?.status === 422) ? (problem?.code === 'gateway_unavailable' ? 'The gateway did not answer, so nothing was compared. Try again in a minute.' : running.error.message) : null;

  function runNow(next: DayRange) {
    setRange(next);
    running.mutate(next, {
      onSuccess: (kept) => {
        show({ run: kept.id, page: 1 });
        notifications.show({
          color: kept.mismatchCount === 0 ? 'teal' : 'red',
          title: 'Reconciliation done',
          message: kept.mismatchCount === 0 ? 'No mismatches.' : `${kept.mismatchCount === 1 ? '1 mismatch' : `${kept.mismatchCount} mismatches`} found.`,
        });
      },
    });
  }

  return (
    <Container size="lg" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Reconciliation
        </Title>
        <Text c="dimmed" size="sm">
          Our records and ledger against the gateway’s payments, refunds and payouts. Every night the day before is checked; run any days now. Times in {zoneLabel(timeZone)}.
        </Text>
      </Stack>
      <Stack gap="xl">
        <Stack gap="sm" component="section" aria-labelledby="run-now-heading">
          <Title order={2} size="h4" id="run-now-heading">
            Run now
          </Title>
          <FormAlert title="Couldn’t reconcile" message={runError} />
          <PeriodForm
            label="Days to reconcile"
            range={range}
            onSubmit={runNow}
            submitLabel="Run now"
            maxDays={MAX_DAYS}
            presets={[{ label: 'Yesterday', range: () => yesterday() }]}
            serverErrors={{ from: fieldError('from'), to: fieldError('to') }}
            submitting={running.isPending}
          />
          {running.isPending ? (
            <Stack gap={4} maw={520}>
              <Progress value={100} animated striped aria-label="Reconciling" />
              <Text size="sm" c="dimmed" role="status">
                Comparing {formatDayRange(range)} with the gateway…
              </Text>
            </Stack>
          ) : null}
        </Stack>

        {selectedId === null ? null : run.isPending ? (
          <Skeleton height={220} radius="md" role="status" aria-label="Loading the run" />
        ) : run.isError ? (
          <LoadErrorAlert title="Couldn’t load the run" message={run.error.message} onRetry={() => void run.refetch()} />
        ) : (
          <RunResult run={run.data} timeZone={timeZone} />
        )}

        <Stack gap="sm" component="section" aria-labelledby="runs-heading">
          <Title order={2} size="h4" id="runs-heading">
            Recent runs
          </Title>
          {runs.isPending ? (
            <ListSkeleton label="Loading the runs" height={44} count={3} gap="xs" />
          ) : runs.isError ? (
            <LoadErrorAlert title="Couldn’t load the runs" message={runs.error.message} onRetry={() => void runs.refetch()} />
          ) : runs.data.items.length === 0 ? (
            <EmptyState title="No runs yet" description="The nightly check keeps one for every day; a run you start here is kept too." />
          ) : (
            <>
              <RunsTable runs={runs.data.items} selectedId={selectedId} onSelect={(id) => show({ run: id })} timeZone={timeZone} busy={runs.isFetching} />
              <ListPagination page={page} pageSize={RUNS_PAGE_SIZE} total={runs.data.total} onChange={(next) => show({ page: next })} label="Run pages" />
            </>
          )}
        </Stack>
      </Stack>
    </Container>
  );
}

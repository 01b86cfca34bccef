import { Container, Grid, Group, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { useFinanceSummary } from '../api/get-finance-summary';
import { FinanceFigures, FinanceFiguresSkeleton } from '../components/finance-figures';
import { PeriodForm } from '../components/period-form';
import { WeeklyChart } from '../components/weekly-chart';
import { WeeklyTable } from '../components/weekly-table';
import type { DayRange, FinanceWeek } from '../types';
import { formatDayRange, lastWeeks, rangeIn } from '../utils/period';

/** The longest period the dashboard sums up (the server's limit too). */
const MAX_DAYS = 731;

const metrics = {
  gross: { label: 'Gross volume', value: (w: FinanceWeek) => w.grossPaise, format: formatPaise },
  revenue: { label: 'Platform revenue', value: (w: FinanceWeek) => w.platformRevenuePaise, format: formatPaise },
  refunds: { label: 'Refunds', value: (w: FinanceWeek) => w.refundsPaise, format: formatPaise },
  payouts: { label: 'Payouts', value: (w: FinanceWeek) => w.payoutsPaise, format: formatPaise },
  fees: { label: 'Gateway fees', value: (w: FinanceWeek) => w.gatewayFeesPaise, format: formatPaise },
  bookings: { label: 'Bookings', value: (w: FinanceWeek) => w.bookings, format: (n: number) => n.toLocaleString('en-IN') },
} as const;
type MetricKey = keyof typeof metrics;
const metricKeys = Object.keys(metrics) as MetricKey[];

const presets = [
  { label: 'Last 4 weeks', range: () => lastWeeks(4) },
  { label: '12 weeks', range: () => lastWeeks(12) },
  { label: '26 weeks', range: () => lastWeeks(26) },
  { label: '52 weeks', range: () => lastWeeks(52) },
];

/** The period and chart as the URL has them (`?from=…&to=…&chart=…`); the last 12 weeks and gross volume unless said. */
function useFinanceLocation() {
  const [searchParams, setSearchParams] = useSearchParams();
  const range = rangeIn(searchParams, lastWeeks(12));
  const chart = metricKeys.find((key) => key === searchParams.get('chart')) ?? 'gross';
  function show(next: { range?: DayRange; chart?: MetricKey }) {
    const params = new URLSearchParams(searchParams);
    if (next.range) {
      params.set('from', next.range.from);
      params.set('to', next.range.to);
    }
    if (next.chart) params.set('chart', next.chart);
    setSearchParams(params, { replace: true });
  }
  return { range, chart, show };
}

/**
 * The admin's revenue dashboard: for a period of days in India, the week-by-week bookings, gross volume, platform
 * revenue, gateway fees, refunds and payouts, read from the ledger — a chart of one figure with the table of all
 * beside it, and the totals.
 */
export function FinancePage() {
  const { range, chart, show } = useFinanceLocation();
  const summary = useFinanceSummary(range);
  const problem = summary.error instanceof ApiError && summary.error.status === 422 ? summary.error : null;
  const fieldError = (field: 'from' | 'to') => problem?.errors.find((e) => e.path === field)?.message;
  const metric = metrics[chart];
  const empty = summary.data ? summary.data.weeks.every((w) => w.bookings === 0 && w.payoutsPaise === 0 && w.refundsPaise === 0 && w.platformRevenuePaise === 0) : false;

  return (
    <Container size="xl" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Finance
        </Title>
        <Text c="dimmed" size="sm">
          The platform’s money by week, from the ledger. Days and weeks are India’s (weeks start on Monday).
        </Text>
      </Stack>
      <Stack gap="lg">
        <PeriodForm
          label="Period"
          range={range}
          onSubmit={(next) => show({ range: next })}
          submitLabel="Show"
          maxDays={MAX_DAYS}
          presets={presets}
          serverErrors={{ from: fieldError('from'), to: fieldError('to') }}
        />
        <Text size="sm" fw={500} data-testid="finance-period">
          {formatDayRange(range)}
        </Text>
        {summary.isPending ? (
          <Stack gap="lg">
            <FinanceFiguresSkeleton />
            <Skeleton height={280} radius="md" role="status" aria-label="Loading the weeks" />
          </Stack>
        ) : summary.isError ? (
          problem ? (
            <Text size="sm" c="red" role="alert">
              Check the period above: {problem.errors.map((e) => e.message).join(' ') || problem.detail}
            </Text>
          ) : (
            <LoadErrorAlert title="Couldn’t load the figures" message={summary.error.message} onRetry={() => void summary.refetch()} />
          )
        ) : (
          <Stack gap="lg" style={{ opacity: summary.isPlaceholderData ? 0.6 : 1 }} aria-busy={summary.isFetching}>
            <FinanceFigures totals={summary.data.totals} />
            {empty ? (
              <EmptyState title="No money moved in this period" description="Bookings paid, refunds and payouts appear here week by week." />
            ) : (
              <Grid gap="lg">
                <Grid.Col span={{ base: 12, lg: 5 }}>
                  <Paper withBorder radius="md" p="md" component="section" aria-labelledby="chart-heading">
                    <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
                      <Title order={2} size="h4" id="chart-heading">
                        {metric.label} by week
                      </Title>
                      <Select
                        label="Chart shows"
                        size="xs"
                        w={180}
                        data={metricKeys.map((key) => ({ value: key, label: metrics[key].label }))}
                        value={chart}
                        allowDeselect={false}
                        onChange={(value) => show({ chart: metricKeys.find((key) => key === value) ?? 'gross' })}
                      />
                    </Group>
                    <WeeklyChart weeks={summary.data.weeks} metric={metric} />
                  </Paper>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 7 }}>
                  <section aria-labelledby="weeks-heading">
                    <Title order={2} size="h4" id="weeks-heading" mb="sm">
                      Week by week
                    </Title>
                    <WeeklyTable weeks={summary.data.weeks} totals={summary.data.totals} busy={summary.isFetching} />
                  </section>
                </Grid.Col>
              </Grid>
            )}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}

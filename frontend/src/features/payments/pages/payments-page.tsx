import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { paths } from '@/config/paths';
import { zoneLabel } from '@/lib/time-zone-clock';
import { usePayments } from '../api/get-payments';
import { PaymentListItem } from '../components/payment-list-item';

const PAGE_SIZE = 20;

/** The student's payment history, each with its refunds and a printable invoice. */
export function PaymentsPage({ timeZone }: { timeZone: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const list = usePayments({ page, limit: PAGE_SIZE });

  return (
    <Container size="md" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Payments
        </Title>
        <Text c="dimmed" size="sm">
          What you paid for sessions, and any refunds. Dates in {zoneLabel(timeZone)}.
        </Text>
      </Stack>
      {list.isPending ? (
        <ListSkeleton label="Loading payments" height={96} />
      ) : list.isError ? (
        <ErrorState title="Couldn't load your payments" message={list.error.message} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No payments yet" description="When you pay for a session, its receipt and invoice appear here.">
          <Button component={Link} to={paths.mentors.list.getHref()} mt="sm">
            Find a mentor
          </Button>
        </EmptyState>
      ) : (
        <>
          <Stack
            gap="sm"
            component="ul"
            aria-label="Payments"
            aria-busy={list.isFetching}
            style={{ listStyle: 'none', padding: 0, margin: 0, opacity: list.isPlaceholderData ? 0.6 : 1 }}
          >
            {list.data.items.map((payment) => (
              <PaymentListItem key={payment.id} payment={payment} timeZone={timeZone} />
            ))}
          </Stack>
          <ListPagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onChange={(next) => setSearchParams(next > 1 ? { page: String(next) } : {})}
            label="Payment pages"
          />
        </>
      )}
    </Container>
  );
}

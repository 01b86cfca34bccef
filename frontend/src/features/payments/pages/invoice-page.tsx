import { Anchor, Badge, Button, Container, Divider, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, formatZonedRange, zoneLabel } from '@/lib/time-zone-clock';
import { useInvoice } from '../api/get-invoice';
import { paymentStatusLabels, refundStatusLabels, type Invoice } from '../types';
import classes from './invoice-page.module.css';

export interface InvoicePageProps {
  paymentId: string;
  timeZone: string;
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={2} component="section" aria-label={title}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** A payment's invoice, laid out to print cleanly (the app's header and the buttons stay off the paper). */
export function InvoicePage({ paymentId, timeZone }: InvoicePageProps) {
  const invoice = useInvoice(paymentId);
  return (
    <Container size="md" px={0}>
      <Group justify="space-between" mb="md" className={classes.noPrint} data-print="hidden">
        <Anchor component={Link} to={paths.app.payments.getHref()} size="sm">
          ← Payments
        </Anchor>
        <Button onClick={() => window.print()} disabled={!invoice.isSuccess} variant="light">
          Print
        </Button>
      </Group>
      {invoice.isPending ? (
        <Stack gap="md" role="status" aria-label="Loading invoice" className={classes.sheet}>
          <Skeleton height={40} width="50%" />
          <Skeleton height={120} />
          <Skeleton height={160} />
        </Stack>
      ) : invoice.isError ? (
        invoice.error instanceof ApiError && invoice.error.status === 404 ? (
          <EmptyState title="Invoice not found" description="There is no invoice for this payment, or it isn’t yours." />
        ) : (
          <ErrorState title="Couldn't load the invoice" message={invoice.error.message} onRetry={() => void invoice.refetch()} />
        )
      ) : (
        <InvoiceSheet invoice={invoice.data} timeZone={timeZone} />
      )}
    </Container>
  );
}

function InvoiceSheet({ invoice, timeZone }: { invoice: Invoice; timeZone: string }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} className={classes.sheet} component="article" aria-label={`Invoice ${invoice.number}`}>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={1} size="h2">
              Invoice
            </Title>
            <Text ff="monospace" fw={600} data-testid="invoice-number">
              {invoice.number}
            </Text>
            <Text size="sm" c="dimmed" data-testid="invoice-date">
              Issued {formatZonedDate(invoice.issuedAt, timeZone)}
            </Text>
          </Stack>
          <Badge variant="outline" tt="none" size="lg">
            {paymentStatusLabels[invoice.status]}
          </Badge>
        </Group>

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Block title="From">
            <Text fw={600}>{invoice.seller.name}</Text>
            <Text size="sm">{invoice.seller.address}</Text>
            <Text size="sm">GSTIN: {invoice.seller.gstin ?? 'Not registered'}</Text>
          </Block>
          <Block title="Billed to">
            <Text fw={600} data-testid="invoice-billed-to">
              {invoice.billedTo.name}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {invoice.billedTo.email}
            </Text>
          </Block>
          <Block title="Session">
            <Text size="sm">
              <Text span ff="monospace" fw={600}>
                {invoice.booking.code}
              </Text>{' '}
              · {invoice.booking.kind === 'group' ? 'Group session' : '1-to-1 session'} with {invoice.mentor.name}
            </Text>
            <Text size="sm" data-testid="invoice-session-time">
              {formatZonedRange(invoice.booking.startsAt, invoice.booking.endsAt, timeZone)} ({zoneLabel(timeZone)})
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              Topic: {invoice.booking.topic}
            </Text>
          </Block>
          <Block title="Payment">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              Reference {invoice.gatewayPaymentId ?? invoice.paymentId}
            </Text>
          </Block>
        </SimpleGrid>

        <Table verticalSpacing="xs" aria-label="Invoice lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th className={classes.amount}>Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line, index) => (
              <Table.Tr key={`${line.label}-${index}`}>
                <Table.Td>{line.label}</Table.Td>
                <Table.Td className={classes.amount}>{formatPaise(line.amountPaise)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Total</Table.Th>
              <Table.Th className={classes.amount} data-testid="invoice-total">
                {formatPaise(invoice.totalPaise)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>

        {invoice.refunds.length > 0 ? (
          <Stack gap="xs" component="section" aria-label="Refunds">
            <Divider />
            <Title order={2} size="h5">
              Refunds
            </Title>
            {invoice.refunds.map((refund, index) => (
              <Group key={index} justify="space-between" gap="xs">
                <Text size="sm">
                  {refundStatusLabels[refund.status]}
                  {refund.processedAt ? ` · ${formatZonedDate(refund.processedAt, timeZone, 'medium')}` : ''}
                </Text>
                <Text size="sm" className={classes.amount}>
                  − {formatPaise(refund.amountPaise)}
                </Text>
              </Group>
            ))}
            <Group justify="space-between" gap="xs">
              <Text fw={700}>Net after refunds</Text>
              <Text fw={700} className={classes.amount} data-testid="invoice-net">
                {formatPaise(invoice.netPaise)}
              </Text>
            </Group>
          </Stack>
        ) : null}
        <Text size="xs" c="dimmed">
          Amounts in Indian rupees, inclusive of all fees.
        </Text>
      </Stack>
    </Paper>
  );
}

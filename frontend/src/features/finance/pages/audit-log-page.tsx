import { Anchor, Autocomplete, Badge, Button, CloseButton, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ListPagination } from '@/components/list-pagination';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { ApiError } from '@/lib/api-client';
import { zoneLabel } from '@/lib/time-zone-clock';
import { useAuditLog, type AuditFilters } from '../api/get-audit-log';
import { AuditTable } from '../components/audit-table';
import { DayRangeFields } from '../components/day-range-fields';
import { actionSuggestions } from '../utils/labels';
import { dateIn } from '../utils/period';

export const AUDIT_PAGE_SIZE = 25;

const ACTION = /^[a-z0-9_.*-]+$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The trail's filters and page as the URL has them (`?actor=…&actorName=…&action=…&from=…&to=…&page=…`); anything
 * malformed is left out. The actor's name rides along only to label the filter.
 */
function useAuditLocation() {
  const [searchParams, setSearchParams] = useSearchParams();
  const actor = searchParams.get('actor');
  const action = searchParams.get('action');
  const filters: AuditFilters = {
    actor: actor && UUID.test(actor) ? actor : null,
    action: action && ACTION.test(action) ? action : null,
    from: dateIn(searchParams.get('from')),
    to: dateIn(searchParams.get('to')),
  };
  const actorName = filters.actor ? (searchParams.get('actorName') ?? 'one person') : null;
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  /** New filters start on the first page. */
  function show(next: Partial<AuditFilters> & { actorName?: string | null; page?: number }) {
    const merged = { ...filters, actorName, ...next };
    const params = new URLSearchParams();
    if (merged.actor) {
      params.set('actor', merged.actor);
      if (merged.actorName) params.set('actorName', merged.actorName);
    }
    if (merged.action) params.set('action', merged.action);
    if (merged.from) params.set('from', merged.from);
    if (merged.to) params.set('to', merged.to);
    if (next.page && next.page > 1) params.set('page', String(next.page));
    setSearchParams(params, { replace: true });
  }
  return { filters, actorName, page, show };
}

/** The action and the days, typed and then applied together; a bad one is named on its field. */
function AuditFilterForm({ filters, onApply, serverErrors }: { filters: AuditFilters; onApply: (next: Pick<AuditFilters, 'action' | 'from' | 'to'>) => void; serverErrors: Record<string, string | undefined> }) {
  const [draft, setDraft] = useState({ action: filters.action ?? '', from: filters.from ?? '', to: filters.to ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [shown, setShown] = useState(filters);
  if (shown.action !== filters.action || shown.from !== filters.from || shown.to !== filters.to) {
    setShown(filters);
    setDraft({ action: filters.action ?? '', from: filters.from ?? '', to: filters.to ?? '' });
    setErrors({});
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const action = draft.action.trim();
    const next: Record<string, string> = {};
    if (action && !ACTION.test(action)) next.action = 'Letters, digits and . _ - only, with an optional * at the end';
    if (draft.from && !dateIn(draft.from)) next.from = 'Pick a date';
    if (draft.to && !dateIn(draft.to)) next.to = 'Pick a date';
    if (!next.from && !next.to && draft.from && draft.to && draft.to < draft.from) next.to = 'Must not be before the start';
    setErrors(next);
    if (Object.keys(next).length === 0) onApply({ action: action || null, from: draft.from || null, to: draft.to || null });
  }

  return (
    <form onSubmit={submit} aria-label="Filter the audit log" role="search" noValidate>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Autocomplete
          label="Action"
          description="Exact, or a prefix ending in . or *"
          placeholder="e.g. money. or dispute.resolve"
          data={actionSuggestions.map((s) => s.value)}
          renderOption={({ option }) => (
            <Stack gap={0}>
              <Text size="sm">{actionSuggestions.find((s) => s.value === option.value)?.label}</Text>
              <Text size="xs" c="dimmed">
                {option.value}
              </Text>
            </Stack>
          )}
          value={draft.action}
          onChange={(value) => setDraft({ ...draft, action: value })}
          error={errors.action ?? serverErrors.action}
          maxDropdownHeight={280}
        />
        <DayRangeFields value={draft} onChange={(days) => setDraft({ ...draft, ...days })} errors={{ from: errors.from ?? serverErrors.from, to: errors.to ?? serverErrors.to }} />
      </SimpleGrid>
      <Group mt="sm" gap="xs">
        <Button type="submit">Apply filters</Button>
      </Group>
    </form>
  );
}

/**
 * The audit log: every admin action and every money movement, newest first, filtered by who (pick a name in the
 * list), by action (exact or a prefix) and by days in India, a page at a time. Money is shown in rupees.
 */
export function AuditLogPage({ timeZone }: { timeZone: string }) {
  const { filters, actorName, page, show } = useAuditLocation();
  const list = useAuditLog({ ...filters, page, limit: AUDIT_PAGE_SIZE });
  const problem = list.error instanceof ApiError && list.error.status === 422 ? list.error : null;
  const serverErrors = Object.fromEntries((problem?.errors ?? []).map((e) => [e.path, e.message]));
  const filtered = Boolean(filters.actor || filters.action || filters.from || filters.to);

  return (
    <Container size="xl" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Text c="dimmed" size="sm">
          Every admin action and every money movement, newest first. Times in {zoneLabel(timeZone)}.
        </Text>
      </Stack>
      <Stack gap="md">
        <AuditFilterForm filters={filters} onApply={(next) => show(next)} serverErrors={serverErrors} />
        {filtered ? (
          <Group gap="xs" justify="space-between">
            {filters.actor ? (
              <Badge
                size="lg"
                variant="light"
                tt="none"
                rightSection={<CloseButton size="xs" variant="transparent" aria-label={`Show everyone, not only ${actorName}`} onClick={() => show({ actor: null, actorName: null })} />}
              >
                Only {actorName}
              </Badge>
            ) : (
              <span />
            )}
            <Anchor component="button" type="button" size="sm" onClick={() => show({ actor: null, actorName: null, action: null, from: null, to: null })}>
              Clear filters
            </Anchor>
          </Group>
        ) : null}
        {list.isPending ? (
          <ListSkeleton label="Loading the audit log" height={52} count={5} gap="xs" />
        ) : list.isError ? (
          problem ? (
            <Text size="sm" c="red" role="alert">
              Check the filters above: {problem.errors.map((e) => e.message).join(' ') || problem.detail}
            </Text>
          ) : (
            <LoadErrorAlert title="Couldn’t load the audit log" message={list.error.message} onRetry={() => void list.refetch()} />
          )
        ) : list.data.items.length === 0 ? (
          <EmptyState title={filtered ? 'Nothing matches' : 'Nothing recorded yet'} description={filtered ? 'Try another action or other days.' : 'Admin actions and money movements appear here as they happen.'} />
        ) : (
          <Stack gap="xs" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            <Text size="sm" c="dimmed">
              {list.data.total.toLocaleString('en-IN')} {list.data.total === 1 ? 'entry' : 'entries'}
            </Text>
            <AuditTable entries={list.data.items} timeZone={timeZone} onActor={(actor) => show({ actor: actor.id, actorName: actor.name })} busy={list.isFetching} />
            <ListPagination page={page} pageSize={AUDIT_PAGE_SIZE} total={list.data.total} onChange={(next) => show({ page: next })} label="Audit log pages" />
          </Stack>
        )}
      </Stack>
    </Container>
  );
}

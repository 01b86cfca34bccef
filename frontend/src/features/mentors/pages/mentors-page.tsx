import { Badge, Box, Button, Container, Drawer, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorState } from '@/components/error-state';
import { FiltersIcon, SearchIcon } from '@/components/icons';
import { ListPagination } from '@/components/list-pagination';
import { ApiError } from '@/lib/api-client';
import { useMentorFacets } from '../api/get-mentor-facets';
import { useMentors } from '../api/get-mentors';
import { DiscoveryFiltersPanel } from '../components/discovery-filters-panel';
import { MentorCard, MentorCardSkeleton } from '../components/mentor-card';
import { DISCOVERY_PAGE_SIZE, type DiscoverySort } from '../rules';
import {
  activeFilterCount,
  clearedFilters,
  parseDiscoveryParams,
  toDiscoveryParams,
  withFilters,
  type DiscoveryFilters,
} from '../utils/discovery-params';

const sortOptions: { value: DiscoverySort; label: string }[] = [
  { value: 'relevance', label: 'Best match' },
  { value: 'rating', label: 'Highest rated' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'sessions', label: 'Most sessions' },
];

const SEARCH_DEBOUNCE_MS = 350;

/**
 * Mentor discovery, open to everyone. Every filter lives in the URL (see discovery-params.ts): the
 * page reads them from it and changes them by navigating, so a search can be shared and the back
 * button undoes the last change.
 */
export function MentorsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseDiscoveryParams(searchParams), [searchParams]);
  const mentors = useMentors(filters);
  const facets = useMentorFacets();
  const [drawerOpened, drawer] = useDisclosure(false);
  const resultsRef = useRef<HTMLDivElement>(null);

  function navigate(next: DiscoveryFilters) {
    setSearchParams(toDiscoveryParams(next));
  }
  const change = (patch: Partial<DiscoveryFilters>) => navigate(withFilters(filters, patch));
  const clear = () => navigate(clearedFilters(filters));

  // The search box: what is typed shows at once, and reaches the URL once typing pauses.
  const [search, setSearch] = useState(filters.q);
  const lastSentSearch = useRef(filters.q);
  const sendSearch = useDebouncedCallback((q: string) => {
    lastSentSearch.current = q.trim();
    change({ q });
  }, SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    // The URL's text changed by other means (back button, "clear filters"): show it.
    if (filters.q !== lastSentSearch.current) {
      lastSentSearch.current = filters.q;
      setSearch(filters.q);
    }
  }, [filters.q]);

  function goToPage(page: number) {
    navigate(withFilters(filters, { page }));
    resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  const activeCount = activeFilterCount(filters);
  const total = mentors.data?.total ?? 0;
  const countText = mentors.data
    ? `${total.toLocaleString('en-IN')}${mentors.data.totalCapped ? '+' : ''} ${total === 1 && !mentors.data.totalCapped ? 'mentor' : 'mentors'}`
    : '';
  const anythingSet = activeCount > 0 || filters.q !== '';

  let results;
  if (mentors.isPending) {
    results = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" role="status" aria-label="Loading mentors">
        {Array.from({ length: 6 }, (_, index) => (
          <MentorCardSkeleton key={index} />
        ))}
      </SimpleGrid>
    );
  } else if (mentors.isError) {
    const refused = mentors.error instanceof ApiError && mentors.error.status === 422;
    results = (
      <ErrorState
        title={refused ? "These filters don't work together" : "Couldn't load mentors"}
        message={refused ? (mentors.error as ApiError).errors.map((e) => e.message).join(' ') || mentors.error.message : mentors.error.message}
        onRetry={refused ? undefined : () => void mentors.refetch()}
      >
        {anythingSet ? (
          <Button variant="subtle" onClick={clear}>
            Clear filters
          </Button>
        ) : null}
      </ErrorState>
    );
  } else if (mentors.data.items.length === 0) {
    results = (
      <EmptyState
        title={anythingSet ? 'No mentors match' : 'No mentors yet'}
        description={anythingSet ? 'Try fewer filters or different words.' : 'Approved mentors will appear here.'}
      >
        {anythingSet ? (
          <Button onClick={clear} mt="sm">
            Clear filters
          </Button>
        ) : null}
      </EmptyState>
    );
  } else {
    results = (
      <>
        <SimpleGrid
          cols={{ base: 1, sm: 2, lg: 3 }}
          spacing="md"
          component="ul"
          aria-label="Mentors"
          aria-busy={mentors.isFetching}
          style={{ listStyle: 'none', padding: 0, margin: 0, opacity: mentors.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
        >
          {mentors.data.items.map((mentor) => (
            <li key={mentor.slug}>
              <MentorCard mentor={mentor} />
            </li>
          ))}
        </SimpleGrid>
        <ListPagination
          page={filters.page}
          pageSize={DISCOVERY_PAGE_SIZE}
          total={total}
          totalCapped={mentors.data.totalCapped}
          onChange={goToPage}
          label="Result pages"
        />
      </>
    );
  }

  return (
    <Container size="xl" px={0}>
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Find a mentor
        </Title>
        <Text c="dimmed">Vetted engineers, managers and designers for 1-to-1 sessions. Search by skill, company or topic.</Text>
      </Stack>

      <Box component="form" role="search" mb="lg" onSubmit={(event) => { event.preventDefault(); sendSearch.flush(); }}>
        <TextInput
          type="search"
          aria-label="Search mentors"
          placeholder="Search: system design, React, Google…"
          leftSection={<SearchIcon />}
          size="md"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            sendSearch(event.currentTarget.value);
          }}
        />
      </Box>

      <Group align="flex-start" gap="xl" wrap="nowrap">
        <Paper withBorder radius="md" p="md" w={270} visibleFrom="md" style={{ flexShrink: 0, position: 'sticky', top: 76 }}>
          <DiscoveryFiltersPanel filters={filters} facets={facets.data} onChange={change} onClear={clear} idPrefix="sidebar" />
        </Paper>

        <Stack gap="md" style={{ flex: 1, minWidth: 0 }} ref={resultsRef}>
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Button
                hiddenFrom="md"
                variant="default"
                leftSection={<FiltersIcon size={16} />}
                rightSection={
                  activeCount > 0 ? (
                    <Badge size="sm" circle aria-hidden>
                      {activeCount}
                    </Badge>
                  ) : null
                }
                onClick={drawer.open}
                aria-label={activeCount > 0 ? `Filters, ${activeCount} active` : 'Filters'}
              >
                Filters
              </Button>
              <Text size="sm" c="dimmed" aria-live="polite" visibleFrom="xs">
                {countText}
              </Text>
            </Group>
            <Select
              aria-label="Sort by"
              data={sortOptions}
              value={filters.sort}
              onChange={(sort) => change({ sort: (sort as DiscoverySort | null) ?? 'relevance' })}
              allowDeselect={false}
              w={{ base: 170, sm: 200 }}
              comboboxProps={{ position: 'bottom-end', width: 200 }}
            />
          </Group>
          {results}
        </Stack>
      </Group>

      <Drawer
        opened={drawerOpened}
        onClose={drawer.close}
        title="Filters"
        position="bottom"
        size="85%"
        styles={{ title: { fontWeight: 700 } }}
      >
        <Stack gap="lg" pb="md">
          <DiscoveryFiltersPanel filters={filters} facets={facets.data} onChange={change} onClear={clear} idPrefix="drawer" withHeading={false} />
          <Button onClick={drawer.close} fullWidth>
            {mentors.data ? `Show ${countText}` : 'Show mentors'}
          </Button>
        </Stack>
      </Drawer>
    </Container>
  );
}

import { Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { formatPaise } from '@/lib/money';
import type { MentorFacets } from '../api/get-mentor-facets';
import { MENTOR_LANGUAGES, SESSION_TOPICS } from '../rules';
import { activeFilterCount, MIN_RATING_OPTIONS, type DiscoveryFilters } from '../utils/discovery-params';

interface DiscoveryFiltersPanelProps {
  filters: DiscoveryFilters;
  facets: MentorFacets | undefined;
  onChange: (change: Partial<DiscoveryFilters>) => void;
  onClear: () => void;
  /** Prefix for element ids: the panel renders twice (sidebar and phone drawer). */
  idPrefix: string;
  /** The phone's drawer has its own title. */
  withHeading?: boolean;
}

/** Facet values as options, "React (4)"; a value from the URL that no mentor has (any more) stays selectable. */
function facetOptions(values: { value: string; count: number }[] | undefined, current: string | null) {
  const options = (values ?? []).map(({ value, count }) => ({ value, label: `${value} (${count})` }));
  if (current && !options.some((option) => option.value === current)) options.unshift({ value: current, label: current });
  return options;
}

function withCounts(all: readonly string[], counts: { value: string; count: number }[] | undefined) {
  const byValue = new Map((counts ?? []).map(({ value, count }) => [value, count]));
  return all.map((value) => ({ value, label: byValue.has(value) ? `${value} (${byValue.get(value)})` : value }));
}

const ratingOptions = MIN_RATING_OPTIONS.map((rating) => ({ value: String(rating), label: `${rating}★ and up` }));

/**
 * A rupee amount typed into the price range. It reaches the URL a moment after typing stops, so
 * typing "1500" doesn't search for ₹1, ₹15 and ₹150 on the way.
 */
interface PriceInputProps {
  id: string;
  label: string;
  /** The full name for assistive tech; the visible label is short to fit two inputs side by side. */
  accessibleName: string;
  value: number | null;
  placeholder: string;
  onCommit: (rupees: number | null) => void;
}

function PriceInput({ id, label, accessibleName, value, placeholder, onCommit }: PriceInputProps) {
  const [draft, setDraft] = useState<number | string>(value ?? '');
  const commit = useDebouncedCallback((next: number | string) => onCommit(typeof next === 'number' ? next : null), {
    delay: 600,
    // The phone's drawer may close right after typing: the amount still counts.
    flushOnUnmount: true,
  });

  // The URL changed underneath (back button, "clear filters"): show what it says.
  useEffect(() => {
    setDraft(value ?? '');
  }, [value]);

  return (
    <NumberInput
      id={id}
      label={label}
      aria-label={accessibleName}
      placeholder={placeholder}
      prefix="₹"
      thousandSeparator=","
      thousandsGroupStyle="lakh"
      allowDecimal={false}
      allowNegative={false}
      hideControls
      inputMode="numeric"
      value={draft}
      onChange={(next) => {
        setDraft(next);
        commit(next);
      }}
      onBlur={() => commit.flush()}
    />
  );
}

export function DiscoveryFiltersPanel({ filters, facets, onChange, onClear, idPrefix, withHeading = true }: DiscoveryFiltersPanelProps) {
  const active = activeFilterCount(filters);
  const range = facets?.priceRange;
  const minHint = range?.minPaise != null ? formatPaise(range.minPaise) : 'Min';
  const maxHint = range?.maxPaise != null ? formatPaise(range.maxPaise) : 'Max';

  return (
    <Stack gap="md" component="section" aria-label="Filters">
      {withHeading || active > 0 ? (
        <Group justify={withHeading ? 'space-between' : 'flex-end'}>
          {withHeading ? <Text fw={700}>Filters</Text> : null}
          {active > 0 ? (
            <Button variant="subtle" size="compact-sm" onClick={onClear}>
              Clear all
            </Button>
          ) : null}
        </Group>
      ) : null}
      <Select
        id={`${idPrefix}-expertise`}
        label="Expertise"
        placeholder="Any skill"
        data={facetOptions(facets?.expertise, filters.expertise)}
        value={filters.expertise}
        onChange={(expertise) => onChange({ expertise })}
        searchable
        clearable
        nothingFoundMessage="No mentor lists that skill"
      />
      <Select
        id={`${idPrefix}-topic`}
        label="Session topic"
        placeholder="Any topic"
        data={SESSION_TOPICS}
        value={filters.topic}
        onChange={(topic) => onChange({ topic: topic as DiscoveryFilters['topic'] })}
        clearable
      />
      <Select
        id={`${idPrefix}-company`}
        label="Company"
        placeholder="Any company"
        data={facetOptions(facets?.companies, filters.company)}
        value={filters.company}
        onChange={(company) => onChange({ company })}
        searchable
        clearable
        nothingFoundMessage="No mentor worked there"
      />
      <Select
        id={`${idPrefix}-language`}
        label="Language"
        placeholder="Any language"
        data={withCounts(MENTOR_LANGUAGES, facets?.languages)}
        value={filters.language}
        onChange={(language) => onChange({ language: language as DiscoveryFilters['language'] })}
        searchable
        clearable
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id={`${idPrefix}-price-label`}>
          Price for 30 minutes
        </Text>
        <Group gap="xs" grow wrap="nowrap" role="group" aria-labelledby={`${idPrefix}-price-label`}>
          <PriceInput
            id={`${idPrefix}-price-min`}
            label="Min"
            accessibleName="Minimum price for 30 minutes"
            placeholder={minHint}
            value={filters.priceMinRupees}
            onCommit={(priceMinRupees) => onChange({ priceMinRupees })}
          />
          <PriceInput
            id={`${idPrefix}-price-max`}
            label="Max"
            accessibleName="Maximum price for 30 minutes"
            placeholder={maxHint}
            value={filters.priceMaxRupees}
            onCommit={(priceMaxRupees) => onChange({ priceMaxRupees })}
          />
        </Group>
      </Stack>
      <Select
        id={`${idPrefix}-rating`}
        label="Minimum rating"
        placeholder="Any rating"
        data={ratingOptions}
        value={filters.minRating === null ? null : String(filters.minRating)}
        onChange={(rating) => onChange({ minRating: rating === null ? null : Number(rating) })}
        clearable
      />
    </Stack>
  );
}

import { Anchor, Button, Divider, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatPaise } from '@/lib/money';
import { ChipList } from './chip-list';

/** What an applicant wrote; anything not filled in yet is null or empty. */
export interface ApplicationDetails {
  headline: string | null;
  bio: string | null;
  linkedinUrl: string | null;
  experience: readonly { company: string; role: string; years: number | '' }[];
  expertise: readonly string[];
  sessionTopics: readonly string[];
  languages: readonly string[];
  timeZone: string | null;
  price30Paise: number | null;
  price60Paise: number | null;
}

const missing = (
  <Text c="dimmed" size="sm" fs="italic">
    Not filled in
  </Text>
);

function Section({ title, step, onEdit, children }: { title: string; step: number; onEdit?: ((step: number) => void) | undefined; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={3} size="h5">
          {title}
        </Title>
        {onEdit ? (
          <Button variant="subtle" size="compact-sm" onClick={() => onEdit(step)} aria-label={`Edit ${title.toLowerCase()}`}>
            Edit
          </Button>
        ) : null}
      </Group>
      {children}
    </Stack>
  );
}

const yearsText = (years: number | '') => (years === '' ? '' : years === 1 ? ' · 1 year' : ` · ${years} years`);

/**
 * Everything in an application, read-only: the applicant's review step (with Edit buttons that go
 * back to a step), their pending or rejected application, and the admin's review.
 */
export function ApplicationSummary({ details, onEdit }: { details: ApplicationDetails; onEdit?: (step: number) => void }) {
  return (
    <Stack gap="md">
      <Section title="About" step={0} onEdit={onEdit}>
        {details.headline ? (
          <Text fw={600}>{details.headline}</Text>
        ) : (
          missing
        )}
        {details.bio ? (
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {details.bio}
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          LinkedIn:{' '}
          {details.linkedinUrl ? (
            <Anchor href={details.linkedinUrl} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
              {details.linkedinUrl}
            </Anchor>
          ) : (
            'not given'
          )}
        </Text>
      </Section>
      <Divider />
      <Section title="Experience" step={1} onEdit={onEdit}>
        {details.experience.length ? (
          <List size="sm" spacing={4}>
            {details.experience.map((row, index) => (
              <List.Item key={`${row.company}-${row.role}-${index}`}>
                <Text span fw={600} size="sm">
                  {row.role || '—'}
                </Text>{' '}
                at {row.company || '—'}
                {yearsText(row.years)}
              </List.Item>
            ))}
          </List>
        ) : (
          missing
        )}
      </Section>
      <Divider />
      <Section title="Expertise and topics" step={2} onEdit={onEdit}>
        <ChipList items={details.expertise} label="Expertise" />
        <ChipList items={details.sessionTopics} color="indigo" label="Session topics" />
      </Section>
      <Divider />
      <Section title="Languages and time zone" step={3} onEdit={onEdit}>
        <ChipList items={details.languages} color="teal" label="Languages" />
        <Text size="sm">Time zone: {details.timeZone ? details.timeZone.replaceAll('_', ' ') : '—'}</Text>
      </Section>
      <Divider />
      <Section title="Prices" step={4} onEdit={onEdit}>
        <SimpleGrid cols={2} spacing="sm" maw={360}>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              30 minutes
            </Text>
            <Text fw={600}>{details.price30Paise !== null ? formatPaise(details.price30Paise) : '—'}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              60 minutes
            </Text>
            <Text fw={600}>{details.price60Paise !== null ? formatPaise(details.price60Paise) : '—'}</Text>
          </Stack>
        </SimpleGrid>
      </Section>
    </Stack>
  );
}

import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface FactProps {
  label: string;
  children: ReactNode;
  testId?: string;
  /** The value in bold, for a summary read at a glance. */
  strong?: boolean;
}

/** One labelled value of a booking: a small caps label over the value, which keeps its line breaks and wraps anywhere. */
export function Fact({ label, children, testId, strong = false }: FactProps) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={strong ? 600 : undefined} data-testid={testId} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
        {children}
      </Text>
    </div>
  );
}

import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface ReviewReplyProps {
  /** Whose reply, and when: "Reply from Asha Rao · 10 Nov 2026". */
  heading: ReactNode;
  reply: string;
  testId?: string;
}

/** The mentor's reply, set off under the review it answers. */
export function ReviewReply({ heading, reply, testId }: ReviewReplyProps) {
  return (
    <Box pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-violet-5)' }} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>
        {heading}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {reply}
      </Text>
    </Box>
  );
}

import { Box, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { formatPaise } from '@/lib/money';
import { formatZonedDate, zonedHhmm } from '@/lib/time-zone-clock';
import { openWithdrawalStatuses, type Withdrawal, type WithdrawalStatus } from '../types';
import { moneyReturned, withdrawalStatusLabels } from '../utils/labels';

/** The way a withdrawal goes when all is well. */
const HAPPY_PATH: WithdrawalStatus[] = ['requested', 'approved', 'processing', 'processed'];

const waitingText: Partial<Record<WithdrawalStatus, string>> = {
  approved: 'Waiting for an admin to approve it',
  processing: 'Sent to the bank once approved',
  processed: 'In your account once the bank confirms',
};

interface Step {
  status: WithdrawalStatus;
  /** When it happened; null for a step still ahead. */
  at: string | null;
  details: string[];
}

/**
 * The steps of a withdrawal: what happened, with when, then (while it is on its way) what is still to come. A
 * processed one shows the bank's reference (UTR); a rejected, failed or reversed one says why and that the money is
 * back in the wallet.
 */
export function withdrawalSteps(w: Withdrawal): Step[] {
  const back = `${formatPaise(w.amountPaise)} is back in your wallet.`;
  const done: Step[] = w.timeline.map(({ status, at }) => {
    const details: string[] = [];
    if (status === 'processed' && w.utr) details.push(`Bank reference (UTR): ${w.utr}`);
    if (status === 'rejected') details.push(`Reason: ${w.rejectReason ?? 'not given'}`, back);
    if (status === 'failed') details.push(`Reason: ${w.failureReason ?? 'the bank did not say'}`, back);
    if (status === 'reversed') details.push(`Reason: ${w.failureReason ?? 'the bank sent it back'}`, back);
    return { status, at, details };
  });
  // The server's timeline holds the steps that happened; a withdrawal it has not yet listed as requested still was.
  if (!done.some((s) => s.status === 'requested')) done.unshift({ status: 'requested', at: w.requestedAt, details: [] });
  if (!openWithdrawalStatuses.has(w.status)) return done;
  const reached = Math.max(...done.map((s) => HAPPY_PATH.indexOf(s.status)));
  const ahead = HAPPY_PATH.slice(reached + 1).map((status) => ({ status, at: null, details: waitingText[status] ? [waitingText[status]] : [] }));
  return [...done, ...ahead];
}

const dotColor = (step: Step, w: Withdrawal) => {
  if (!step.at) return 'gray';
  if (step.status === 'rejected' || step.status === 'failed') return 'red';
  if (step.status === 'reversed') return 'orange';
  return moneyReturned(w) ? 'gray' : 'teal';
};

/** The withdrawal's steps as an ordered list; the latest step that happened is the current one. */
export function WithdrawalTimeline({ withdrawal, timeZone }: { withdrawal: Withdrawal; timeZone: string }) {
  const steps = withdrawalSteps(withdrawal);
  const current = steps.filter((s) => s.at !== null).length - 1;
  return (
    <Stack component="ol" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Progress">
      {steps.map((step, index) => (
        <Box component="li" key={`${step.status}-${index}`} aria-current={index === current ? 'step' : undefined} data-status={step.status} data-done={step.at !== null}>
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <Stack gap={0} align="center" pt={2}>
              <ThemeIcon size={14} radius="xl" color={dotColor(step, withdrawal)} variant={step.at ? 'filled' : 'outline'} aria-hidden>
                <span />
              </ThemeIcon>
              {index < steps.length - 1 ? <Box w={2} h={28} bg="var(--mantine-color-default-border)" aria-hidden /> : null}
            </Stack>
            <Stack gap={0} pb="xs" style={{ minWidth: 0 }}>
              <Text size="sm" fw={step.at ? 600 : 400} c={step.at ? undefined : 'dimmed'}>
                {withdrawalStatusLabels[step.status]}
                {step.at ? (
                  <Text span size="xs" c="dimmed" fw={400}>
                    {' '}
                    · {formatZonedDate(step.at, timeZone, 'medium')} at {zonedHhmm(step.at, timeZone)}
                  </Text>
                ) : null}
              </Text>
              {step.details.map((detail) => (
                <Text key={detail} size="xs" c={step.at ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                  {detail}
                </Text>
              ))}
            </Stack>
          </Group>
        </Box>
      ))}
    </Stack>
  );
}

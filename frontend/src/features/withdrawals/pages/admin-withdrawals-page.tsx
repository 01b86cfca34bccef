import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { StatusQueue, useStatusQueueLocation } from '@/components/status-queue';
import { formatPaise } from '@/lib/money';
import { useAdminWithdrawals } from '../api/get-admin-withdrawals';
import { useApproveWithdrawal } from '../api/approve-withdrawal';
import { ApproveWithdrawalModal } from '../components/approve-withdrawal-modal';
import { RejectWithdrawalModal } from '../components/reject-withdrawal-modal';
import { WithdrawalQueueItem } from '../components/withdrawal-queue-item';
import { queueTabs, type AdminWithdrawal } from '../types';
import { emptyText, tabLabels } from '../utils/labels';

const PAGE_SIZE = 20;

/**
 * The admin's withdrawals: those waiting for a decision (oldest first) to approve — which makes the payout — or reject
 * with a reason; the other tabs follow each payout to processed (with the UTR), failed or reversed. Tab and page live
 * in the URL.
 */
export function AdminWithdrawalsPage({ timeZone }: { timeZone: string }) {
  const location = useStatusQueueLocation(queueTabs);
  const list = useAdminWithdrawals({ status: location.status, page: location.page, limit: PAGE_SIZE });
  const approve = useApproveWithdrawal();
  const [approving, setApproving] = useState<AdminWithdrawal | null>(null);
  const [rejecting, setRejecting] = useState<AdminWithdrawal | null>(null);

  function confirmApproval() {
    if (!approving) return;
    const withdrawal = approving;
    approve.mutate(withdrawal.id, {
      onSuccess: () => {
        setApproving(null);
        notifications.show({
          color: 'teal',
          title: 'Withdrawal approved',
          message: `The payout of ${formatPaise(withdrawal.amountPaise)} to ${withdrawal.mentor.name} is being made. Follow it under Processing.`,
        });
      },
      onError: (error) => {
        setApproving(null);
        notifications.show({ color: 'red', title: 'Couldn’t approve the withdrawal', message: error.message });
      },
    });
  }

  return (
    <StatusQueue
      title="Withdrawals"
      description="Mentors’ requests to take their money out. Approving pays it to their bank or UPI; rejecting returns it to their wallet."
      statuses={queueTabs}
      tabLabels={tabLabels}
      emptyText={emptyText}
      location={location}
      pageSize={PAGE_SIZE}
      list={list}
      noun={{ one: 'withdrawal', other: 'withdrawals' }}
      loading={{ label: 'Loading withdrawals', height: 150 }}
      errorTitle="Couldn't load the withdrawals"
      paginationLabel="Withdrawal pages"
      renderItem={(withdrawal) => <WithdrawalQueueItem key={withdrawal.id} withdrawal={withdrawal} timeZone={timeZone} onApprove={setApproving} onReject={setRejecting} />}
    >
      <ApproveWithdrawalModal withdrawal={approving} pending={approve.isPending} onConfirm={confirmApproval} onCancel={() => setApproving(null)} />
      <RejectWithdrawalModal
        withdrawal={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(withdrawal) =>
          notifications.show({ color: 'teal', title: 'Withdrawal rejected', message: `${formatPaise(withdrawal.amountPaise)} is back in ${withdrawal.mentor.name}’s wallet.` })
        }
      />
    </StatusQueue>
  );
}

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { startEachTestAt, TEST_NOW } from '@/testing/clock';
import { installFakeBackend, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { aWithdrawal, fakeWalletBackend } from '@/testing/fake-wallet';
import { renderWithApp } from '@/testing/render-app';
import { WalletPage } from './wallet-page';

// The wallet asking again while a withdrawal is on its way, against the wallet fake. Now is Tuesday 10 November 2026,
// 11:30 in Kolkata (06:00Z); the timers keep pace with real time and can leap to the next poll.
const asha = testUser({ id: 'a5a00000-0000-4000-8000-000000000001', name: 'Asha Rao', email: 'asha@example.com', role: 'mentor' });
const me = { id: asha.id, name: asha.name, email: asha.email };
const hdfc = { type: 'bank' as const, masked: 'XXXXXX1234', ifsc: 'HDFC0001234', bankName: 'HDFC Bank', autoPayout: false };
const POLL_MS = 15_000;

describe('the wallet while a withdrawal is on its way', { timeout: 30_000 }, () => {
  startEachTestAt(TEST_NOW, { timers: 'jumpable' });

  it('when the bank fails it between the poll’s read of the figures and of the list, then the figures are read once more and show the money back', async () => {
    const open = aWithdrawal(me, {
      amountPaise: 80_000,
      status: 'processing',
      requestedAt: '2026-11-10T04:00:00.000Z',
      timeline: [
        { status: 'requested', at: '2026-11-10T04:00:00.000Z' },
        { status: 'approved', at: '2026-11-10T05:00:00.000Z' },
        { status: 'processing', at: '2026-11-10T05:00:05.000Z' },
      ],
      payoutId: 'pout_Nx42',
    });
    const fake = fakeWalletBackend({ viewer: asha, wallet: { availablePaise: 20_000, inTransitPaise: 80_000, withdrawnPaise: 0, lifetimeEarnedPaise: 100_000 }, payoutMethod: hdfc, withdrawals: [open] });
    let figureReads = 0;
    const override: Routes = {
      'GET /api/wallet': (request, params) => {
        const reply = fake.routes['GET /api/wallet']!(request, params);
        // The poll has read the figures; the bank's answer lands before it reads the list.
        if (++figureReads === 2) {
          Object.assign(fake.withdrawals[0]!, { status: 'failed', failureReason: 'The beneficiary account is closed', timeline: [...open.timeline, { status: 'failed', at: '2026-11-10T06:00:10.000Z' }] });
          Object.assign(fake.wallet, { availablePaise: 100_000, inTransitPaise: 0 });
        }
        return reply;
      },
    };
    installFakeBackend({ ...sessionRoutes(asha), ...fake.routes, ...override });
    renderWithApp([{ path: '/wallet', element: <WalletPage timeZone="Asia/Kolkata" /> }], { initialPath: '/wallet' });

    const card = await screen.findByRole('article', { name: 'Withdrawal of ₹800' });
    expect(within(card).getByTestId('withdrawal-status')).toHaveTextContent('Processing');
    expect(screen.getByTestId('figure-in-transit')).toHaveTextContent('₹800');

    await vi.advanceTimersByTimeAsync(POLL_MS);

    await waitFor(() => expect(within(card).getByTestId('withdrawal-status')).toHaveTextContent('Failed'));
    expect(within(card).getByText('₹800 is back in your wallet.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('figure-available')).toHaveTextContent('₹1,000'));
    expect(screen.getByTestId('figure-in-transit')).toHaveTextContent('₹0');
    expect(figureReads).toBe(3);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, testMeta, type Reply } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import { routes } from '../router';

// The app's real shell around a page every visitor can open (not found), against the fake backend.

const BANNER_TEXT = 'Test payments: checkout uses the built-in sandbox and no real money moves.';

function renderShell(meta: () => Reply | Promise<Reply>) {
  const backend = installFakeBackend({ ...sessionRoutes(null), 'GET /api/meta': meta });
  renderWithApp(routes, { initialPath: '/no/such/page' });
  return backend;
}

describe('test payments banner', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the server says payments are the sandbox, then a banner above the page says so, in the page’s flow', async () => {
    renderShell(() => json(testMeta({ paymentsSandbox: true, demoMode: false })));

    const banner = await screen.findByRole('status', { name: 'Test payments' });
    expect(banner).toHaveTextContent(new RegExp(`^${BANNER_TEXT}$`));
    // In <main> with the page, not in the fixed header: it pushes content down instead of covering it.
    const main = screen.getByRole('main');
    expect(main).toContainElement(banner);
    const heading = within(main).getByRole('heading', { name: 'Page not found' });
    expect(banner.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('when the deployment is also a demo, then the banner starts with "Demo — "', async () => {
    renderShell(() => json(testMeta({ paymentsSandbox: true, demoMode: true })));

    expect(await screen.findByRole('status', { name: 'Test payments' })).toHaveTextContent(`Demo — ${BANNER_TEXT}`);
  });

  it('when payments are real, then there is no banner', async () => {
    const backend = renderShell(() => json(testMeta({ paymentsSandbox: false, demoMode: true })));

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    await waitFor(() => expect(backend.sent('GET /api/meta')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('status', { name: 'Test payments' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Test payments/)).not.toBeInTheDocument();
  });

  it('while the server has not answered, and when asking fails, then nothing shows (no flash)', async () => {
    let answer: (reply: Reply) => void = () => undefined;
    renderShell(() => new Promise<Reply>((resolve) => (answer = resolve)));

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Test payments' })).not.toBeInTheDocument();

    answer({ status: 404, body: problem(404, 'not_found', 'No meta here') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('status', { name: 'Test payments' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { renderWithApp } from '@/testing/render-app';
import type { User } from '@/types/api';
import { ProfilePage } from './profile-page';

const me: User = {
  id: '5b0f7a3e-8d5f-4a8e-9d55-0b1c7b7e2a10',
  name: 'Asha Rao',
  email: 'asha@example.com',
  role: 'student',
  timeZone: 'Asia/Calcutta', // how Node's ICU spells Asia/Kolkata; the form shows the current name
  language: 'hi',
  avatarUrl: null,
  createdAt: '2025-01-01T00:00:00.000Z',
};

interface Reply {
  status: number;
  body?: unknown;
}

/** A fetch playing the backend: signed in, GET /api/users/me answers `me`, PATCH answers `patchReply`. */
function installBackend(patchReply: (body: Record<string, unknown>) => Reply) {
  const patches: Record<string, unknown>[] = [];
  vi.stubGlobal('fetch', (async (input, init) => {
    const path = new URL(String(input), 'http://app.test').pathname;
    const reply = ({ status, body }: Reply) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    if (path === '/api/auth/refresh') return reply({ status: 200, body: { user: me, accessToken: 'token' } });
    if (path === '/api/users/me' && init?.method === 'GET') return reply({ status: 200, body: me });
    if (path === '/api/users/me' && init?.method === 'PATCH') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      patches.push(body);
      return reply(patchReply(body));
    }
    return reply({ status: 404, body: { status: 404, code: 'not_found', title: 'Not Found' } });
  }) satisfies typeof fetch);
  return { patches };
}

describe('ProfilePage', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the profile loads, then it shows the editable fields and the read-only email and role', async () => {
    installBackend(() => ({ status: 500 }));
    renderWithApp([{ path: '/profile', element: <ProfilePage /> }], { initialPath: '/profile' });

    expect(await screen.findByRole('textbox', { name: /^name/i })).toHaveValue('Asha Rao');
    expect(screen.getByRole('textbox', { name: /^email/i })).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox', { name: /^role/i })).toHaveValue('Student');
    expect(screen.getByRole('combobox', { name: /^time zone/i })).toHaveValue('Asia/Kolkata (GMT+05:30)');
    expect(screen.getByRole('combobox', { name: /^language/i })).toHaveValue('Hindi (हिन्दी)');
  });

  it('when the name is saved, then the server gets the change, a toast confirms it and the app is told', async () => {
    const { patches } = installBackend((body) => ({ status: 200, body: { ...me, ...body } }));
    const onSaved = vi.fn();
    renderWithApp([{ path: '/profile', element: <ProfilePage onSaved={onSaved} /> }], { initialPath: '/profile' });
    const ui = userEvent.setup();

    const name = await screen.findByRole('textbox', { name: /^name/i });
    await ui.clear(name);
    await ui.type(name, 'Asha R. Iyer');
    await ui.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Profile saved')).toBeInTheDocument();
    expect(patches).toEqual([{ name: 'Asha R. Iyer', timeZone: 'Asia/Kolkata', language: 'hi' }]);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ name: 'Asha R. Iyer' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled());
  });

  it("when the server rejects the time zone with 422, then its message shows next to the time zone field", async () => {
    installBackend(() => ({
      status: 422,
      body: {
        type: 'https://mentor-connect.dev/problems/validation-failed',
        title: 'Unprocessable Content',
        status: 422,
        detail: 'The request is invalid',
        code: 'validation_failed',
        errors: [{ path: 'timeZone', message: 'Unknown time zone; use an IANA name such as Asia/Kolkata' }],
      },
    }));
    renderWithApp([{ path: '/profile', element: <ProfilePage /> }], { initialPath: '/profile' });
    const ui = userEvent.setup();

    await ui.type(await screen.findByRole('textbox', { name: /^name/i }), ' Jr');
    await ui.click(screen.getByRole('button', { name: 'Save changes' }));

    const timeZone = screen.getByRole('combobox', { name: /^time zone/i });
    await waitFor(() =>
      expect(timeZone).toHaveAccessibleDescription(expect.stringContaining('Unknown time zone; use an IANA name')),
    );
    expect(timeZone).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Profile saved')).not.toBeInTheDocument();
  });

  it('when the profile cannot be loaded, then an error with a retry is shown', async () => {
    vi.stubGlobal('fetch', (async (input) => {
      const path = new URL(String(input), 'http://app.test').pathname;
      if (path === '/api/auth/refresh') {
        return new Response(JSON.stringify({ user: me, accessToken: 'token' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return new Response(JSON.stringify({ status: 404, code: 'not_found', title: 'Not Found', detail: 'User not found' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }) satisfies typeof fetch);
    renderWithApp([{ path: '/profile', element: <ProfilePage /> }], { initialPath: '/profile' });

    expect(await screen.findByRole('heading', { name: "Couldn't load your profile" })).toBeInTheDocument();
    expect(screen.getByText('User not found')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

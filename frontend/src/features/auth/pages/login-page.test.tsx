import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { renderWithApp } from '@/testing/render-app';
import { LoginPage } from './login-page';

// The page runs against a fetch that answers like the backend's contract: no session on start
// (refresh → 401), and whatever the test wants from POST /api/auth/login.

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function installBackend(loginReply: Reply) {
  const loginBodies: unknown[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const path = new URL(String(input), 'http://app.test').pathname;
    const reply = (r: Reply) =>
      new Response(r.body === undefined ? null : JSON.stringify(r.body), {
        status: r.status,
        headers: { 'Content-Type': r.status >= 400 ? 'application/problem+json' : 'application/json', ...r.headers },
      });
    if (path === '/api/auth/refresh') return reply({ status: 401, body: problem(401, 'unauthenticated', 'No session') });
    if (path === '/api/auth/login') {
      loginBodies.push(JSON.parse(String(init?.body)));
      return reply(loginReply);
    }
    return reply({ status: 404, body: problem(404, 'not_found', 'Not found') });
  };
  vi.stubGlobal('fetch', fakeFetch);
  return { loginBodies };
}

function problem(status: number, code: string, detail: string, errors?: { path: string; message: string }[]) {
  return { type: `https://mentor-connect.dev/problems/${code}`, title: 'Problem', status, detail, code, ...(errors ? { errors } : {}) };
}

const user = {
  id: '5b0f7a3e-8d5f-4a8e-9d55-0b1c7b7e2a10',
  name: 'Asha Rao',
  email: 'asha@example.com',
  role: 'student',
  timeZone: 'Asia/Kolkata',
  language: 'en',
  avatarUrl: null,
  createdAt: '2025-01-01T00:00:00.000Z',
};

function renderLoginPage(initialPath = '/login') {
  return renderWithApp(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/dashboard', element: <p>Dashboard page</p> },
      { path: '/profile', element: <p>Profile page</p> },
    ],
    { initialPath },
  );
}

async function submitLogin(email: string, password: string) {
  const ui = userEvent.setup();
  await ui.type(await screen.findByRole('textbox', { name: /email/i }), email);
  await ui.type(screen.getByLabelText(/^password/i), password);
  await ui.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the server rejects the input with 422, then each message shows next to its field', async () => {
    const backend = installBackend({
      status: 422,
      body: problem(422, 'validation_failed', 'The request is invalid', [
        { path: 'email', message: 'This email is not allowed to sign in' },
        { path: 'password', message: 'Password must be at most 200 characters' },
      ]),
    });
    renderLoginPage();

    await submitLogin('asha@example.com', 'correct horse');

    const email = screen.getByRole('textbox', { name: /email/i });
    await waitFor(() => expect(email).toHaveAccessibleDescription('This email is not allowed to sign in'));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    const password = screen.getByLabelText(/^password/i);
    expect(password).toHaveAccessibleDescription('Password must be at most 200 characters');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(backend.loginBodies).toEqual([{ email: 'asha@example.com', password: 'correct horse' }]);
  });

  it('when the email or password is wrong, then an alert says so above the form', async () => {
    installBackend({ status: 401, body: problem(401, 'invalid_credentials', 'Invalid credentials') });
    renderLoginPage();

    await submitLogin('asha@example.com', 'wrong password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect');
    expect(screen.getByRole('textbox', { name: /email/i })).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('when login is rate limited, then the alert says how long to wait, from Retry-After', async () => {
    installBackend({
      status: 429,
      body: problem(429, 'too_many_attempts', 'Too many failed attempts'),
      headers: { 'Retry-After': '600' },
    });
    renderLoginPage();

    await submitLogin('asha@example.com', 'guess');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts, try again in 10 minutes');
  });

  it('when the email is not an email, then the form says so without calling the server', async () => {
    const backend = installBackend({ status: 500 });
    renderLoginPage();

    await submitLogin('not-an-email', 'whatever');

    expect(await screen.findByText('Enter a valid email address')).toBeInTheDocument();
    expect(backend.loginBodies).toEqual([]);
  });

  it('when the login succeeds, then the user goes to the page they came for', async () => {
    installBackend({ status: 200, body: { user, accessToken: 'access-1' } });
    const { router } = renderLoginPage('/login?next=%2Fprofile');

    await submitLogin('asha@example.com', 'correct horse');

    expect(await screen.findByText('Profile page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/profile');
    expect(apiClient.getAccessToken()).toBe('access-1');
  });
});

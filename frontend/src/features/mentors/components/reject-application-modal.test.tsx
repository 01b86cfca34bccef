import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Reply } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import { AdminApplicationsPage } from '../pages/admin-applications-page';
import type { AdminApplication } from '../types';

// The admin's queue with its reject modal, against a fetch that answers like the backend.

const rahul: AdminApplication = {
  id: '3f9b8c1e-2a4d-4e6f-8a0b-1c2d3e4f5a6b',
  status: 'pending',
  headline: 'Full-stack developer at Zoho · MERN stack and freelancing',
  bio: 'Six years building SaaS products at Zoho and as a freelancer, and I want to help students ship.',
  experience: [{ company: 'Zoho', role: 'Member Technical Staff', years: 6 }],
  expertise: ['React', 'Node.js'],
  sessionTopics: ['Backend', 'Frontend'],
  languages: ['English', 'Hindi'],
  linkedinUrl: null,
  price30Paise: 60000,
  price60Paise: 100000,
  timeZone: 'Asia/Kolkata',
  rejectionReason: null,
  submittedAt: '2026-01-05T10:00:00.000Z',
  decidedAt: null,
  mentorSlug: null,
  applicant: { id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', name: 'Rahul Verma', email: 'rahul@example.com' },
};

const REASON = 'Please add more detail about the projects you mentored people on.';

function renderQueue(rejectReply: (body: unknown) => Reply) {
  let pending = [rahul];
  const backend = installFakeBackend({
    ...sessionRoutes(testUser({ role: 'admin', name: 'Aditi Admin' })),
    'GET /api/admin/mentor-applications': (request) =>
      json({ items: request.query.get('status') === 'pending' ? pending : [], page: 1, limit: 10, total: pending.length }),
    'POST /api/admin/mentor-applications/:id/reject': (request) => {
      const reply = rejectReply(request.body);
      if (reply.status === 200) pending = [];
      return reply;
    },
  });
  renderWithApp([{ path: '/admin/applications', element: <AdminApplicationsPage /> }], { initialPath: '/admin/applications' });
  return backend;
}

async function openRejectModal() {
  const ui = userEvent.setup();
  const card = await screen.findByRole('article', { name: 'Application from Rahul Verma' });
  await ui.click(within(card).getByRole('button', { name: 'Reject' }));
  const dialog = await screen.findByRole('dialog', { name: 'Reject application' });
  return { ui, dialog, reason: within(dialog).getByRole('textbox', { name: /^reason/i }) };
}

describe('rejecting an application', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the reason is too short, then the modal says so and nothing is sent', async () => {
    const backend = renderQueue(() => json({ ...rahul, status: 'rejected' }));
    const { ui, dialog, reason } = await openRejectModal();

    await ui.type(reason, 'no');
    await ui.click(within(dialog).getByRole('button', { name: 'Reject application' }));

    await waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('Give the applicant a reason (at least 5 characters)')));
    expect(backend.sent(`POST /api/admin/mentor-applications/${rahul.id}/reject`)).toHaveLength(0);
    expect(screen.getByRole('dialog', { name: 'Reject application' })).toBeInTheDocument();
  });

  it('when a reason is given, then it is sent, the modal closes and the queue is fetched again without the application', async () => {
    const backend = renderQueue(() => json({ ...rahul, status: 'rejected', rejectionReason: REASON }));
    const { ui, dialog, reason } = await openRejectModal();

    await ui.click(reason);
    await ui.paste(`  ${REASON}  `);
    await ui.click(within(dialog).getByRole('button', { name: 'Reject application' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.sent(`POST /api/admin/mentor-applications/${rahul.id}/reject`).map((request) => request.body)).toEqual([{ reason: REASON }]);
    expect(await screen.findByText('Application rejected')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'No applications waiting' })).toBeInTheDocument();
    expect(backend.sent('GET /api/admin/mentor-applications').length).toBeGreaterThanOrEqual(2);
  });

  it("when the server refuses the reason with 422, then its message shows on the reason and the modal stays open", async () => {
    renderQueue(() => ({
      status: 422,
      body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'reason', message: 'Reason must be at most 1000 characters' }]),
    }));
    const { ui, dialog, reason } = await openRejectModal();

    await ui.click(reason);
    await ui.paste(REASON);
    await ui.click(within(dialog).getByRole('button', { name: 'Reject application' }));

    await waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('Reason must be at most 1000 characters')));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('dialog', { name: 'Reject application' })).toBeInTheDocument();
  });

  it('when another admin approved it meanwhile (409), then the modal explains instead of failing silently', async () => {
    renderQueue(() => ({ status: 409, body: problem(409, 'application_approved', 'Application already approved') }));
    const { ui, dialog, reason } = await openRejectModal();

    await ui.click(reason);
    await ui.paste(REASON);
    await ui.click(within(dialog).getByRole('button', { name: 'Reject application' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This application was already approved, so it can no longer be rejected.');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '@/lib/api-client';
import { installFakeBackend, json, problem, sessionRoutes, testUser, type Routes } from '@/testing/fake-backend';
import { renderWithApp } from '@/testing/render-app';
import { BecomeMentorPage } from '../pages/become-mentor-page';
import type { Application } from '../types';

// The whole /become-a-mentor page (application query, stepper, draft saves) on the app's real
// providers, against a fetch that answers like the backend's contract.

const facets = {
  expertise: [{ value: 'System Design', count: 3 }],
  companies: [],
  languages: [],
  topics: [],
  priceRange: { minPaise: 30000, maxPaise: 300000 },
};

const emptyDraft: Application = {
  id: '7c1e4a52-9d0b-4f43-8f1a-0f3b1c2d4e5f',
  status: 'draft',
  headline: null,
  bio: null,
  experience: [],
  expertise: [],
  sessionTopics: [],
  languages: [],
  linkedinUrl: null,
  price30Paise: null,
  price60Paise: null,
  timeZone: null,
  rejectionReason: null,
  submittedAt: null,
  decidedAt: null,
  mentorSlug: null,
};

const aboutAndExperience: Application = {
  ...emptyDraft,
  headline: 'Quantum computing researcher · qubits and careers',
  bio: 'I research superconducting qubits and love helping students find their way into quantum careers.',
  experience: [{ company: 'IBM Research', role: 'Research Scientist', years: 5 }],
  timeZone: 'Europe/London',
};

const complete: Application = {
  ...aboutAndExperience,
  expertise: ['Quantum Computing', 'Python'],
  sessionTopics: ['Career Guidance'],
  languages: ['English', 'Tamil'],
  price30Paise: 2_000_00,
  price60Paise: 2_500_00,
};

function renderPage(routes: Routes, { role = 'student' as const, onApprovedWhileStudent = () => undefined } = {}) {
  const backend = installFakeBackend({
    ...sessionRoutes(testUser({ role })),
    'GET /api/mentors/facets': () => json(facets),
    ...routes,
  });
  renderWithApp(
    [
      {
        path: '/become-a-mentor',
        element: <BecomeMentorPage role={role} timeZone="Asia/Kolkata" onApprovedWhileStudent={onApprovedWhileStudent} />,
      },
    ],
    { initialPath: '/become-a-mentor' },
  );
  return backend;
}

/** The backend keeping one application: GET answers it, a draft save merges into it. */
function applicationRoutes(initial: Application | null): Routes {
  let saved = initial;
  return {
    'GET /api/mentors/applications/me': () => (saved ? json(saved) : { status: 404, body: problem(404, 'not_found', 'Application not found') }),
    'PUT /api/mentors/applications/me/draft': (request) => {
      saved = { ...(saved ?? emptyDraft), ...(request.body as Partial<Application>), status: 'draft' };
      return json(saved);
    },
  };
}

const stepHeading = (name: string) => screen.findByRole('heading', { level: 2, name });

describe('the mentor application', () => {
  beforeEach(() => {
    apiClient.setAccessToken(null);
  });

  it('when the first step is filled in and Next pressed, then a draft with just those fields is saved and the next step opens', async () => {
    const backend = renderPage(applicationRoutes(null));
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('textbox', { name: /^headline/i }));
    await ui.paste('Quantum computing researcher');
    await ui.click(screen.getByRole('textbox', { name: /^bio/i }));
    await ui.paste('I research superconducting qubits and love helping students find their way.');
    await ui.click(screen.getByRole('button', { name: 'Next' }));

    expect(await stepHeading('Experience')).toBeInTheDocument();
    expect(backend.sent('PUT /api/mentors/applications/me/draft').map((request) => request.body)).toEqual([
      {
        headline: 'Quantum computing researcher',
        bio: 'I research superconducting qubits and love helping students find their way.',
        linkedinUrl: null,
        timeZone: 'Asia/Kolkata',
      },
    ]);
  });

  it('when Next is pressed with the step incomplete, then its fields say what is wrong and nothing is saved', async () => {
    const backend = renderPage(applicationRoutes(null));
    const ui = userEvent.setup();

    await ui.type(await screen.findByRole('textbox', { name: /^headline/i }), 'Too short');
    await ui.click(screen.getByRole('button', { name: 'Next' }));

    const headline = screen.getByRole('textbox', { name: /^headline/i });
    await waitFor(() => expect(headline).toHaveAccessibleDescription(expect.stringContaining('Headline needs at least 10 characters')));
    expect(screen.getByRole('textbox', { name: /^bio/i })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('heading', { level: 2, name: 'About you' })).toBeInTheDocument();
    expect(backend.sent('PUT /api/mentors/applications/me/draft')).toHaveLength(0);
  });

  it('when a draft with the first two steps done is opened, then the form continues at the third step with everything restored', async () => {
    renderPage(applicationRoutes(aboutAndExperience));
    const ui = userEvent.setup();

    expect(await stepHeading('Expertise & topics')).toBeInTheDocument();
    expect(screen.getByText('Step 3 of 6')).toBeInTheDocument();

    await ui.click(screen.getByRole('button', { name: 'Back' }));
    expect(await stepHeading('Experience')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^company/i })).toHaveValue('IBM Research');
    expect(screen.getByRole('textbox', { name: /^role/i })).toHaveValue('Research Scientist');
    expect(screen.getByRole('textbox', { name: /^years/i })).toHaveValue('5');

    await ui.click(screen.getByRole('button', { name: 'Back' }));
    expect(await stepHeading('About you')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^headline/i })).toHaveValue(aboutAndExperience.headline);
  });

  it('when the server refuses a field of an earlier step on submit, then the form goes back to that step and the message is on the field', async () => {
    const backend = renderPage({
      ...applicationRoutes(complete),
      'POST /api/mentors/applications': () => ({
        status: 422,
        body: problem(422, 'validation_failed', 'The request is invalid', [
          { path: 'experience.0.company', message: 'Company must be at most 100 characters' },
        ]),
      }),
    });
    const ui = userEvent.setup();

    expect(await stepHeading('Review and submit')).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: 'Submit application' }));

    expect(await stepHeading('Experience')).toBeInTheDocument();
    const company = screen.getByRole('textbox', { name: /^company/i });
    await waitFor(() => expect(company).toHaveAccessibleDescription('Company must be at most 100 characters'));
    expect(company).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(company).toHaveFocus());
    expect(backend.sent('POST /api/mentors/applications')[0]?.body).toEqual({
      headline: complete.headline,
      bio: complete.bio,
      linkedinUrl: null,
      experience: complete.experience,
      expertise: complete.expertise,
      sessionTopics: complete.sessionTopics,
      languages: complete.languages,
      timeZone: 'Europe/London',
      price30Paise: 2_000_00,
      price60Paise: 2_500_00,
    });
    expect(screen.queryByText('Your application is under review')).not.toBeInTheDocument();
  });

  it('when the 60-minute price is below the 30-minute one, then the price step says so before anything is sent', async () => {
    const backend = renderPage(applicationRoutes({ ...complete, price30Paise: null, price60Paise: null }));
    const ui = userEvent.setup();

    await ui.type(await screen.findByRole('textbox', { name: /^30-minute session/i }), '2000');
    await ui.type(screen.getByRole('textbox', { name: /^60-minute session/i }), '1500');
    expect(screen.getByRole('textbox', { name: /^30-minute session/i })).toHaveValue('₹2,000');
    await ui.click(screen.getByRole('button', { name: 'Next' }));

    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^60-minute session/i })).toHaveAccessibleDescription(
        'The 60-minute price cannot be below the 30-minute price',
      ),
    );
    expect(backend.sent('PUT /api/mentors/applications/me/draft')).toHaveLength(0);
  });

  it('when the application is submitted, then the prices go as paise and the page shows it is under review', async () => {
    let application: Application = complete;
    const backend = renderPage({
      'GET /api/mentors/applications/me': () => json(application),
      'POST /api/mentors/applications': () => {
        application = { ...complete, status: 'pending', submittedAt: '2026-01-05T10:00:00.000Z' };
        return json(application, 201);
      },
    });
    const ui = userEvent.setup();

    await ui.click(await screen.findByRole('button', { name: 'Submit application' }));

    expect(await screen.findByText('Your application is under review')).toBeInTheDocument();
    expect(backend.sent('POST /api/mentors/applications')[0]?.body).toMatchObject({ price30Paise: 200000, price60Paise: 250000 });
    expect(screen.queryByRole('button', { name: 'Submit application' })).not.toBeInTheDocument();
  });

  it('when the application was rejected, then the reason shows, and "Edit and reapply" opens the form filled in', async () => {
    renderPage(applicationRoutes({ ...complete, status: 'rejected', rejectionReason: 'Tell us more about your mentoring.' }));
    const ui = userEvent.setup();

    expect(await screen.findByText('Tell us more about your mentoring.')).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: 'Edit and reapply' }));

    expect(await stepHeading('About you')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^headline/i })).toHaveValue(complete.headline);
    expect(screen.getByText(/Reason: Tell us more about your mentoring\./)).toBeInTheDocument();
  });

  it('when the application is approved but the session still says student, then the app is asked once to refresh the session', async () => {
    const onApprovedWhileStudent = vi.fn();
    renderPage(applicationRoutes({ ...complete, status: 'approved', mentorSlug: 'zoya-khan' }), { onApprovedWhileStudent });

    const approved = await screen.findByRole('status', { name: /You're a mentor/ });
    expect(within(approved).getByRole('link', { name: 'View your public page' })).toHaveAttribute('href', '/mentors/zoya-khan');
    await waitFor(() => expect(onApprovedWhileStudent).toHaveBeenCalledTimes(1));
  });
});

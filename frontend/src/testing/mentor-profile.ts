import type { MentorProfile } from '@/features/mentors/types';
import type { FakeMentor } from './fake-bookings';

/**
 * `mentor`'s public profile as GET /api/mentors/:slug answers it: by default a staff engineer in system design,
 * 40 sessions completed, rated 4.8 from 12 reviews, offering 30 and 60 minutes.
 */
export const aMentorProfile = (mentor: FakeMentor, overrides: Partial<MentorProfile> = {}): MentorProfile => ({
  slug: mentor.slug,
  name: mentor.name,
  avatarUrl: mentor.avatarUrl,
  headline: 'Staff engineer · system design',
  expertise: ['Distributed systems'],
  sessionTopics: ['System Design'],
  languages: ['English'],
  companies: ['Flipkart'],
  price30Paise: mentor.price30Paise,
  price60Paise: mentor.price60Paise,
  ratingAvg: 4.8,
  ratingCount: 12,
  sessionsCompleted: 40,
  acceptingBookings: true,
  bio: 'I help engineers get ready for system design interviews.',
  experience: [{ company: 'Flipkart', role: 'Staff engineer', years: 8 }],
  linkedinUrl: null,
  timeZone: mentor.timeZone,
  memberSince: '2025-01-01T00:00:00.000Z',
  ratingSummary: { average: 4.8, count: 12, distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 10 } },
  stats: { sessionsCompleted: 40, cancellationRate: 0, repeatStudentRate: 0.3, noShows: 1, averageRating: 4.8 },
  sessionLengths: [30, 60],
  ...overrides,
});

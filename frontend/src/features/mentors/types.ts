import { z } from 'zod';

/** Response shapes of the mentors API. Request schemas live next to the call that sends them. */

export const experienceItemSchema = z.object({
  company: z.string(),
  role: z.string(),
  years: z.number(),
});

export type ExperienceItem = z.infer<typeof experienceItemSchema>;

export const applicationStatuses = ['draft', 'pending', 'approved', 'rejected'] as const;

export const applicationSchema = z.object({
  id: z.string(),
  status: z.enum(applicationStatuses),
  headline: z.string().nullable(),
  bio: z.string().nullable(),
  experience: z.array(experienceItemSchema),
  expertise: z.array(z.string()),
  sessionTopics: z.array(z.string()),
  languages: z.array(z.string()),
  linkedinUrl: z.string().nullable(),
  price30Paise: z.number().int().nullable(),
  price60Paise: z.number().int().nullable(),
  timeZone: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  mentorSlug: z.string().nullable(),
});

export type Application = z.infer<typeof applicationSchema>;
export type ApplicationStatus = Application['status'];

export const adminApplicationSchema = applicationSchema.extend({
  applicant: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

export type AdminApplication = z.infer<typeof adminApplicationSchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), limit: z.number().int(), total: z.number().int() });

export const mentorCardSchema = z.object({
  slug: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  headline: z.string(),
  expertise: z.array(z.string()),
  sessionTopics: z.array(z.string()),
  languages: z.array(z.string()),
  companies: z.array(z.string()),
  price30Paise: z.number().int(),
  price60Paise: z.number().int(),
  ratingAvg: z.number().nullable(),
  ratingCount: z.number().int(),
  sessionsCompleted: z.number().int(),
  acceptingBookings: z.boolean(),
});

export type MentorCard = z.infer<typeof mentorCardSchema>;

export const mentorProfileSchema = mentorCardSchema.extend({
  bio: z.string(),
  experience: z.array(experienceItemSchema),
  linkedinUrl: z.string().nullable(),
  timeZone: z.string(),
  memberSince: z.string(),
  ratingSummary: z.object({
    average: z.number().nullable(),
    count: z.number().int(),
    distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
  }),
  stats: z.object({
    sessionsCompleted: z.number().int(),
    /** Fractions between 0 and 1; null until there is anything to count. */
    cancellationRate: z.number().nullable(),
    repeatStudentRate: z.number().nullable(),
    /** Sessions the mentor never joined. */
    noShows: z.number().int(),
    /** Out of 5, from the reviews that count (hidden ones don't); null before the first. */
    averageRating: z.number().nullable(),
  }),
  /** Session lengths the mentor offers, in minutes. */
  sessionLengths: z.array(z.number().int()).default([30, 60]),
});

export type MentorProfile = z.infer<typeof mentorProfileSchema>;

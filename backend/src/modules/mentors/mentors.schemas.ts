import { z } from 'zod';
import { pageSchema, paginationQuery } from '../../lib/pagination.js';
import { timeZoneSchema } from '../users/users.schemas.js';

/** Mentor rules in one place (PRODUCT.md §2): an admin may tune these later. */
export const MENTOR_RULES = {
  minPricePaise: 100_00,
  maxPricePaise: 1_00_000_00,
  maxExpertise: 15,
  maxTopics: 10,
  maxExperience: 10,
  maxLanguages: 10,
} as const;

export const SESSION_TOPICS = [
  'DSA Problem Solving',
  'System Design',
  'Resume Review',
  'Mock Interview',
  'Career Guidance',
  'Frontend',
  'Backend',
  'Data Science',
  'Product Management',
  'Other',
] as const;

export const LANGUAGES = [
  'English',
  'Hindi',
  'Bengali',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Marathi',
  'Gujarati',
  'Punjabi',
  'Urdu',
  'Odia',
  'French',
  'German',
  'Spanish',
  'Mandarin',
  'Japanese',
] as const;

const priceSchema = z
  .number('Enter a price in paise')
  .int('Price must be a whole number of paise')
  .min(MENTOR_RULES.minPricePaise, 'Price must be at least ₹100')
  .max(MENTOR_RULES.maxPricePaise, 'Price must be at most ₹1,00,000');

const uniqueList = <T extends z.ZodType<string>>(item: T, min: number, max: number, label: string) =>
  z
    .array(item)
    .min(min, `Add at least ${min} ${label}`)
    .max(max, `At most ${max} ${label}`)
    .refine((list) => new Set(list.map((v) => v.toLowerCase())).size === list.length, `Each ${label.replace(/s$/, '')} only once`);

export const experienceItemSchema = z
  .object({
    company: z.string().trim().min(1, 'Company is required').max(100),
    role: z.string().trim().min(1, 'Role is required').max(100),
    years: z.number('Years must be a number').min(0, 'Years cannot be negative').max(50, 'At most 50 years'),
  })
  .strict();

const linkedinSchema = z
  .url('Enter a valid URL')
  .refine((value) => /^https:\/\/([a-z]{2,3}\.)?linkedin\.com\/(in|pub)\/[^/?#]+\/?$/i.test(value), 'Enter your LinkedIn profile URL, like https://www.linkedin.com/in/your-name');

const applicationFields = {
  headline: z.string().trim().min(10, 'Headline needs at least 10 characters').max(120, 'Headline must be at most 120 characters'),
  bio: z.string().trim().min(50, 'Tell students a bit more (at least 50 characters)').max(3000, 'Bio must be at most 3000 characters'),
  experience: z.array(experienceItemSchema).min(1, 'Add at least one role').max(MENTOR_RULES.maxExperience, 'At most 10 roles'),
  expertise: uniqueList(z.string().trim().min(1).max(40, 'Each expertise tag is at most 40 characters'), 1, MENTOR_RULES.maxExpertise, 'expertise tags'),
  sessionTopics: uniqueList(z.enum(SESSION_TOPICS), 1, MENTOR_RULES.maxTopics, 'topics'),
  languages: uniqueList(z.enum(LANGUAGES), 1, MENTOR_RULES.maxLanguages, 'languages'),
  linkedinUrl: linkedinSchema.nullable().optional(),
  price30Paise: priceSchema,
  price60Paise: priceSchema,
  timeZone: timeZoneSchema,
};

const price60NotBelow30 = (value: { price30Paise?: number | undefined; price60Paise?: number | undefined }, ctx: z.RefinementCtx) => {
  if (value.price30Paise !== undefined && value.price60Paise !== undefined && value.price60Paise < value.price30Paise) {
    ctx.addIssue({ code: 'custom', path: ['price60Paise'], message: 'The 60-minute price cannot be below the 30-minute price' });
  }
};

export const applicationSchema = z.object(applicationFields).strict().superRefine(price60NotBelow30).meta({ id: 'MentorApplicationInput' });
/** A draft accepts any subset of the fields, each validated as in the final application. */
export const applicationDraftSchema = z.object(applicationFields).partial().strict().superRefine(price60NotBelow30).meta({ id: 'MentorApplicationDraft' });
export const mentorProfileUpdateSchema = applicationDraftSchema.meta({ id: 'MentorProfileUpdate' });

export type ApplicationInput = z.infer<typeof applicationSchema>;
export type ApplicationDraft = z.infer<typeof applicationDraftSchema>;

export const applicationSchemaOut = z
  .object({
    id: z.uuid(),
    status: z.enum(['draft', 'pending', 'approved', 'rejected']),
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
    submittedAt: z.iso.datetime().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    mentorSlug: z.string().nullable(),
  })
  .meta({ id: 'MentorApplication' });

export const adminApplicationSchema = applicationSchemaOut
  .extend({ applicant: z.object({ id: z.uuid(), name: z.string(), email: z.string() }) })
  .meta({ id: 'AdminMentorApplication' });

export const adminApplicationsQuery = paginationQuery().extend({
  status: z.enum(['pending', 'approved', 'rejected'], 'status must be pending, approved or rejected').default('pending'),
});

export const rejectSchema = z
  .object({ reason: z.string().trim().min(5, 'Give the applicant a reason (at least 5 characters)').max(1000) })
  .strict()
  .meta({ id: 'RejectApplication' });

export const SORTS = ['relevance', 'rating', 'price_asc', 'price_desc', 'sessions'] as const;

const optionalPaise = (field: string) =>
  z.coerce
    .number(`${field} must be a number of paise`)
    .int(`${field} must be a whole number of paise`)
    .min(0, `${field} cannot be negative`)
    .optional();

export const discoveryQuery = paginationQuery({ defaultLimit: 12, maxLimit: 50 })
  .extend({
    q: z.string().trim().max(200, 'Search text must be at most 200 characters').optional(),
    expertise: z.string().trim().max(40).optional(),
    topic: z.enum(SESSION_TOPICS, 'Unknown topic').optional(),
    company: z.string().trim().max(100).optional(),
    language: z.enum(LANGUAGES, 'Unknown language').optional(),
    priceMin: optionalPaise('priceMin'),
    priceMax: optionalPaise('priceMax'),
    minRating: z.coerce.number('minRating must be a number').min(1, 'minRating is between 1 and 5').max(5, 'minRating is between 1 and 5').optional(),
    sort: z.enum(SORTS, `sort must be one of ${SORTS.join(', ')}`).default('relevance'),
  })
  .superRefine((value, ctx) => {
    if (value.priceMin !== undefined && value.priceMax !== undefined && value.priceMin > value.priceMax) {
      ctx.addIssue({ code: 'custom', path: ['priceMin'], message: 'priceMin cannot be above priceMax' });
    }
  });

export type DiscoveryQuery = z.infer<typeof discoveryQuery>;

export const mentorCardSchema = z
  .object({
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
  })
  .meta({ id: 'MentorCard' });

export const mentorListSchema = pageSchema(mentorCardSchema)
  .extend({ totalCapped: z.boolean().meta({ description: 'True when more than `total` (1,000) mentors match: show "1,000+"' }) })
  .meta({ id: 'MentorList' });

export const mentorProfileSchema = mentorCardSchema
  .extend({
    bio: z.string(),
    experience: z.array(experienceItemSchema),
    linkedinUrl: z.string().nullable(),
    timeZone: z.string(),
    memberSince: z.iso.datetime(),
    ratingSummary: z.object({
      average: z.number().nullable(),
      count: z.number().int(),
      distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
    }),
    stats: z.object({
      sessionsCompleted: z.number().int(),
      cancellationRate: z.number().nullable(),
      repeatStudentRate: z.number().nullable(),
      noShows: z.number().int().meta({ description: 'Sessions the mentor never joined' }),
      averageRating: z.number().nullable(),
    }),
    sessionLengths: z.array(z.number().int()).meta({ description: 'Session lengths offered, in minutes' }),
  })
  .meta({ id: 'MentorProfile' });

export const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Not a valid mentor slug').max(80) });

export const acceptingSchema = z.object({ accepting: z.boolean('accepting must be true or false') }).strict().meta({ id: 'AcceptingBookings' });

export const facetsSchema = z
  .object({
    expertise: z.array(z.object({ value: z.string(), count: z.number().int() })),
    companies: z.array(z.object({ value: z.string(), count: z.number().int() })),
    languages: z.array(z.object({ value: z.string(), count: z.number().int() })),
    topics: z.array(z.string()),
    priceRange: z.object({ minPaise: z.number().int().nullable(), maxPaise: z.number().int().nullable() }),
  })
  .meta({ id: 'MentorFacets' });

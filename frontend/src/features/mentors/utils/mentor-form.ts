import { z } from 'zod';
import { ApiError } from '@/lib/api-client';
import { formatPaise } from '@/lib/money';
import { modernTimeZone } from '@/lib/time-zone';
import { MENTOR_LANGUAGES, MENTOR_RULES, SESSION_TOPICS } from '../rules';
import type { Application, MentorProfile } from '../types';

/**
 * The fields a mentor fills in, both when applying and when editing their public profile. The form
 * keeps what its inputs hold (an empty number input is ''; an unset price is null; prices are paise,
 * the price inputs show rupees); `toMentorInput` turns valid values into the API's shape.
 */
export interface MentorFormValues {
  headline: string;
  bio: string;
  linkedinUrl: string;
  experience: { company: string; role: string; years: number | '' }[];
  expertise: string[];
  sessionTopics: string[];
  languages: string[];
  timeZone: string;
  price30Paise: number | null;
  price60Paise: number | null;
}

export type MentorField = keyof MentorFormValues;

/** What POST /api/mentors/applications and PATCH /api/mentors/me take (all of it, or a part). */
export interface MentorInput {
  headline: string;
  bio: string;
  linkedinUrl: string | null;
  experience: { company: string; role: string; years: number }[];
  expertise: string[];
  sessionTopics: string[];
  languages: string[];
  timeZone: string;
  price30Paise: number;
  price60Paise: number;
}

const LINKEDIN_PROFILE = /^https:\/\/([a-z]{2,3}\.)?linkedin\.com\/(in|pub)\/[^/?#]+\/?$/i;

const trimmedLength = (min: number, max: number, tooShort: string, tooLong: string) =>
  z
    .string()
    .refine((value) => value.trim().length >= min, tooShort)
    .refine((value) => value.trim().length <= max, tooLong);

const uniqueIgnoringCase = (list: string[]) => new Set(list.map((value) => value.toLowerCase())).size === list.length;

const price = z.number().nullable().superRefine((paise, ctx) => {
  if (paise === null) return void ctx.addIssue({ code: 'custom', message: 'Enter a price' });
  if (!Number.isInteger(paise)) return void ctx.addIssue({ code: 'custom', message: 'Use at most two decimals (paise)' });
  if (paise < MENTOR_RULES.minPricePaise) ctx.addIssue({ code: 'custom', message: `Price must be at least ${formatPaise(MENTOR_RULES.minPricePaise)}` });
  if (paise > MENTOR_RULES.maxPricePaise) ctx.addIssue({ code: 'custom', message: `Price must be at most ${formatPaise(MENTOR_RULES.maxPricePaise)}` });
});

const pricesOf = (value: unknown) => value as Partial<Pick<MentorFormValues, 'price30Paise' | 'price60Paise'>>;

/** The server's rules (backend mentors.schemas.ts), worded for the form. */
export const mentorFormSchema = z
  .object({
    headline: trimmedLength(
      MENTOR_RULES.headlineMinLength,
      MENTOR_RULES.headlineMaxLength,
      `Headline needs at least ${MENTOR_RULES.headlineMinLength} characters`,
      `Headline must be at most ${MENTOR_RULES.headlineMaxLength} characters`,
    ),
    bio: trimmedLength(
      MENTOR_RULES.bioMinLength,
      MENTOR_RULES.bioMaxLength,
      `Tell students a bit more (at least ${MENTOR_RULES.bioMinLength} characters)`,
      `Bio must be at most ${MENTOR_RULES.bioMaxLength} characters`,
    ),
    linkedinUrl: z
      .string()
      .refine(
        (value) => value.trim() === '' || LINKEDIN_PROFILE.test(value.trim()),
        'Enter your LinkedIn profile URL, like https://www.linkedin.com/in/your-name',
      ),
    experience: z
      .array(
        z.object({
          company: trimmedLength(1, MENTOR_RULES.companyMaxLength, 'Company is required', `At most ${MENTOR_RULES.companyMaxLength} characters`),
          role: trimmedLength(1, MENTOR_RULES.roleMaxLength, 'Role is required', `At most ${MENTOR_RULES.roleMaxLength} characters`),
          years: z.union([z.literal(''), z.number()]).superRefine((years, ctx) => {
            if (years === '') ctx.addIssue({ code: 'custom', message: 'Years is required' });
            else if (years < 0) ctx.addIssue({ code: 'custom', message: 'Years cannot be negative' });
            else if (years > MENTOR_RULES.maxYears) ctx.addIssue({ code: 'custom', message: `At most ${MENTOR_RULES.maxYears} years` });
          }),
        }),
      )
      .min(MENTOR_RULES.minExperience, 'Add at least one role')
      .max(MENTOR_RULES.maxExperience, `At most ${MENTOR_RULES.maxExperience} roles`),
    expertise: z
      .array(z.string())
      .min(1, 'Add at least one expertise tag')
      .max(MENTOR_RULES.maxExpertise, `At most ${MENTOR_RULES.maxExpertise} expertise tags`)
      .refine(
        (tags) => tags.every((tag) => tag.trim().length <= MENTOR_RULES.expertiseTagMaxLength),
        `Each expertise tag is at most ${MENTOR_RULES.expertiseTagMaxLength} characters`,
      )
      .refine(uniqueIgnoringCase, 'Each expertise tag only once'),
    sessionTopics: z
      .array(z.string())
      .min(1, 'Pick at least one topic')
      .max(MENTOR_RULES.maxTopics, `At most ${MENTOR_RULES.maxTopics} topics`)
      .refine((topics) => topics.every((topic) => (SESSION_TOPICS as readonly string[]).includes(topic)), 'Pick topics from the list'),
    languages: z
      .array(z.string())
      .min(1, 'Pick at least one language')
      .max(MENTOR_RULES.maxLanguages, `At most ${MENTOR_RULES.maxLanguages} languages`)
      .refine((languages) => languages.every((language) => (MENTOR_LANGUAGES as readonly string[]).includes(language)), 'Pick languages from the list'),
    timeZone: z.string().min(1, 'Choose your time zone'),
    price30Paise: price,
    price60Paise: price,
  })
  .refine(
    (value) => {
      const { price30Paise, price60Paise } = pricesOf(value);
      return price30Paise == null || price60Paise == null || price60Paise >= price30Paise;
    },
    {
      path: ['price60Paise'],
      message: 'The 60-minute price cannot be below the 30-minute price',
      // Also when another field is still invalid: the price step must not pass with this wrong.
      when: ({ value }) => typeof pricesOf(value).price30Paise === 'number' && typeof pricesOf(value).price60Paise === 'number',
    },
  );

export const emptyExperienceRow = (): MentorFormValues['experience'][number] => ({ company: '', role: '', years: '' });

type MentorSource = Pick<
  Application,
  'headline' | 'bio' | 'linkedinUrl' | 'experience' | 'expertise' | 'sessionTopics' | 'languages' | 'timeZone' | 'price30Paise' | 'price60Paise'
>;

/** Form values from a saved application or profile; `fallbackTimeZone` (the user's) when none was chosen yet. */
export function mentorFormValues(source: MentorSource | MentorProfile | null, fallbackTimeZone: string): MentorFormValues {
  const timeZone = source?.timeZone || fallbackTimeZone;
  return {
    headline: source?.headline ?? '',
    bio: source?.bio ?? '',
    linkedinUrl: source?.linkedinUrl ?? '',
    experience: source?.experience.length ? source.experience.map((row) => ({ ...row })) : [emptyExperienceRow()],
    expertise: [...(source?.expertise ?? [])],
    sessionTopics: [...(source?.sessionTopics ?? [])],
    languages: [...(source?.languages ?? [])],
    // The server may store an old alias (Asia/Calcutta); the select lists current names.
    timeZone: timeZone ? modernTimeZone(timeZone) : 'UTC',
    price30Paise: source?.price30Paise ?? null,
    price60Paise: source?.price60Paise ?? null,
  };
}

/** Valid form values in the API's shape. */
export function toMentorInput(values: MentorFormValues): MentorInput {
  return {
    headline: values.headline.trim(),
    bio: values.bio.trim(),
    linkedinUrl: values.linkedinUrl.trim() || null,
    experience: values.experience.map((row) => ({ company: row.company.trim(), role: row.role.trim(), years: Number(row.years) })),
    expertise: values.expertise.map((tag) => tag.trim()),
    sessionTopics: values.sessionTopics,
    languages: values.languages,
    timeZone: values.timeZone,
    price30Paise: values.price30Paise ?? 0,
    price60Paise: values.price60Paise ?? 0,
  };
}

const rowHasContent = (row: MentorFormValues['experience'][number]) => row.company.trim() !== '' || row.role.trim() !== '' || row.years !== '';

/**
 * The fields of an unfinished form worth saving as a draft: whatever has been filled in. Empty ones
 * are left out (the server keeps what it had), except the LinkedIn URL, which may be cleared.
 */
export function draftFields(values: MentorFormValues): MentorField[] {
  const present: MentorField[] = ['linkedinUrl', 'timeZone'];
  if (values.headline.trim()) present.push('headline');
  if (values.bio.trim()) present.push('bio');
  if (values.experience.some(rowHasContent)) present.push('experience');
  if (values.expertise.length) present.push('expertise');
  if (values.sessionTopics.length) present.push('sessionTopics');
  if (values.languages.length) present.push('languages');
  if (values.price30Paise !== null) present.push('price30Paise');
  if (values.price60Paise !== null) present.push('price60Paise');
  return present;
}

/** `fields` of the (valid) values in the API's shape, for a draft or a partial profile update. */
export function pickMentorInput(values: MentorFormValues, fields: readonly MentorField[]): Partial<MentorInput> {
  const input = toMentorInput(values);
  return Object.fromEntries(fields.map((field) => [field, input[field]])) as Partial<MentorInput>;
}

/** The form's field paths the server may name in a 422, experience rows included. */
export function serverErrorFields(values: MentorFormValues): string[] {
  const top: MentorField[] = ['headline', 'bio', 'linkedinUrl', 'experience', 'expertise', 'sessionTopics', 'languages', 'timeZone', 'price30Paise', 'price60Paise'];
  const rows = values.experience.flatMap((_row, index) => ['company', 'role', 'years'].map((key) => `experience.${index}.${key}`));
  return [...top, ...rows];
}

/**
 * A 422 about one tag of a tag list (`expertise.3`) goes on the list's input, which is one field;
 * everything else keeps its path.
 */
export function withListErrorsOnTheList(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.errors.length === 0) return error;
  const lists = new Set<string>(['expertise', 'sessionTopics', 'languages']);
  const errors = error.errors.map((problem) => {
    const [head, index] = problem.path.split('.');
    return head && lists.has(head) && index !== undefined ? { ...problem, path: head } : problem;
  });
  return new ApiError({ ...error, errors, retryAfterSeconds: error.retryAfterSeconds });
}

export interface ApplicationStep {
  label: string;
  fields: readonly MentorField[];
}

/** The application's steps, in order; a last, field-less step reviews everything and submits. */
export const applicationSteps: readonly ApplicationStep[] = [
  { label: 'About you', fields: ['headline', 'bio', 'linkedinUrl'] },
  { label: 'Experience', fields: ['experience'] },
  { label: 'Expertise & topics', fields: ['expertise', 'sessionTopics'] },
  { label: 'Languages & time zone', fields: ['languages', 'timeZone'] },
  { label: 'Prices', fields: ['price30Paise', 'price60Paise'] },
];

export const REVIEW_STEP = applicationSteps.length;

/** The step holding a field path such as `experience.0.company`; null for a path on no step. */
export function stepOfPath(path: string): number | null {
  const field = path.split('.')[0];
  const index = applicationSteps.findIndex((step) => (step.fields as readonly string[]).includes(field ?? ''));
  return index === -1 ? null : index;
}

/** Where someone coming back to a draft continues: the first step with something missing or wrong, else the review. */
export function firstIncompleteStep(values: MentorFormValues): number {
  const result = mentorFormSchema.safeParse(values);
  if (result.success) return REVIEW_STEP;
  const steps = result.error.issues.map((issue) => stepOfPath(issue.path.join('.'))).filter((step): step is number => step !== null);
  return steps.length ? Math.min(...steps) : REVIEW_STEP;
}

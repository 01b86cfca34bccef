/**
 * The server's rules for mentor applications and profiles (backend mentors.schemas.ts), mirrored so
 * the form can say what's wrong before a round trip. The server stays the judge: its 422 lands on
 * the same fields if the two ever drift.
 */
export const MENTOR_RULES = {
  headlineMinLength: 10,
  headlineMaxLength: 120,
  bioMinLength: 50,
  bioMaxLength: 3000,
  minExperience: 1,
  maxExperience: 10,
  maxYears: 50,
  companyMaxLength: 100,
  roleMaxLength: 100,
  maxExpertise: 15,
  expertiseTagMaxLength: 40,
  maxTopics: 10,
  maxLanguages: 10,
  minPricePaise: 100_00,
  maxPricePaise: 1_00_000_00,
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

export type SessionTopic = (typeof SESSION_TOPICS)[number];

export const MENTOR_LANGUAGES = [
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

export type MentorLanguage = (typeof MENTOR_LANGUAGES)[number];

export const DISCOVERY_SORTS = ['relevance', 'rating', 'price_asc', 'price_desc', 'sessions'] as const;

export type DiscoverySort = (typeof DISCOVERY_SORTS)[number];

export const DISCOVERY_PAGE_SIZE = 12;

/** The avatar upload's limits (the server's AVATAR_MAX_BYTES default and accepted formats). */
export const AVATAR_RULES = {
  maxBytes: 2 * 1024 * 1024,
  types: ['image/png', 'image/jpeg', 'image/webp'],
} as const;

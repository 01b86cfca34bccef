import { rupeesToPaise } from '@/lib/money';
import {
  DISCOVERY_PAGE_SIZE,
  DISCOVERY_SORTS,
  MENTOR_LANGUAGES,
  SESSION_TOPICS,
  type DiscoverySort,
  type MentorLanguage,
  type SessionTopic,
} from '../rules';

/**
 * Everything the discovery page filters on. It lives in the URL's query string, so a search can be
 * shared and the back button steps through it. The URL speaks rupees (`priceMax=1500` is ₹1,500),
 * which is what people read and type; the API gets paise.
 */
export interface DiscoveryFilters {
  q: string;
  expertise: string | null;
  topic: SessionTopic | null;
  company: string | null;
  language: MentorLanguage | null;
  priceMinRupees: number | null;
  priceMaxRupees: number | null;
  minRating: number | null;
  sort: DiscoverySort;
  page: number;
}

export const defaultDiscoveryFilters: DiscoveryFilters = {
  q: '',
  expertise: null,
  topic: null,
  company: null,
  language: null,
  priceMinRupees: null,
  priceMaxRupees: null,
  minRating: null,
  sort: 'relevance',
  page: 1,
};

/** The minimum-rating choices offered (and the only ones read from a URL). */
export const MIN_RATING_OPTIONS = [4.5, 4, 3.5, 3] as const;

const oneOf = <T extends string>(options: readonly T[], value: string | null): T | null =>
  value !== null && (options as readonly string[]).includes(value) ? (value as T) : null;

const text = (value: string | null, maxLength: number): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed && trimmed.length <= maxLength ? trimmed : null;
};

const wholeRupees = (value: string | null): number | null => {
  if (value === null || !/^\d{1,7}$/.test(value.trim())) return null;
  return Number(value.trim());
};

/**
 * Reads the filters from a URL query string. A hand-edited or outdated link must still open a page,
 * so values that aren't valid are dropped (as if unset) rather than sent to the API to fail.
 */
export function parseDiscoveryParams(params: URLSearchParams): DiscoveryFilters {
  let priceMinRupees = wholeRupees(params.get('priceMin'));
  let priceMaxRupees = wholeRupees(params.get('priceMax'));
  if (priceMinRupees !== null && priceMaxRupees !== null && priceMinRupees > priceMaxRupees) {
    [priceMinRupees, priceMaxRupees] = [priceMaxRupees, priceMinRupees];
  }
  const rating = Number(params.get('minRating'));
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    expertise: text(params.get('expertise'), 40),
    topic: oneOf(SESSION_TOPICS, params.get('topic')),
    company: text(params.get('company'), 100),
    language: oneOf(MENTOR_LANGUAGES, params.get('language')),
    priceMinRupees,
    priceMaxRupees,
    minRating: (MIN_RATING_OPTIONS as readonly number[]).includes(rating) ? rating : null,
    sort: oneOf(DISCOVERY_SORTS, params.get('sort')) ?? 'relevance',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The query string for the filters, defaults left out so the plain page is plain `/mentors`. */
export function toDiscoveryParams(filters: DiscoveryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.expertise) params.set('expertise', filters.expertise);
  if (filters.topic) params.set('topic', filters.topic);
  if (filters.company) params.set('company', filters.company);
  if (filters.language) params.set('language', filters.language);
  if (filters.priceMinRupees !== null) params.set('priceMin', String(filters.priceMinRupees));
  if (filters.priceMaxRupees !== null) params.set('priceMax', String(filters.priceMaxRupees));
  if (filters.minRating !== null) params.set('minRating', String(filters.minRating));
  if (filters.sort !== 'relevance') params.set('sort', filters.sort);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** A change of any filter (not of the page itself) starts again from page 1. */
export function withFilters(filters: DiscoveryFilters, change: Partial<DiscoveryFilters>): DiscoveryFilters {
  return { ...filters, ...change, page: change.page ?? 1 };
}

/** Filters set besides the search text, sort and page: the count on the phone's "Filters" button. */
export function activeFilterCount(filters: DiscoveryFilters): number {
  const { expertise, topic, company, language, priceMinRupees, priceMaxRupees, minRating } = filters;
  const priceSet = priceMinRupees !== null || priceMaxRupees !== null;
  return [expertise, topic, company, language, minRating].filter((value) => value !== null).length + (priceSet ? 1 : 0);
}

/** The filters without any of them set; the search text goes too, sort stays as chosen. */
export function clearedFilters(filters: DiscoveryFilters): DiscoveryFilters {
  return { ...defaultDiscoveryFilters, sort: filters.sort };
}

/** GET /api/mentors's query: same names, prices in paise (the 30-minute price), page size fixed. */
export function toMentorsQuery(filters: DiscoveryFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (filters.expertise) query.set('expertise', filters.expertise);
  if (filters.topic) query.set('topic', filters.topic);
  if (filters.company) query.set('company', filters.company);
  if (filters.language) query.set('language', filters.language);
  const priceMin = rupeesToPaise(filters.priceMinRupees);
  const priceMax = rupeesToPaise(filters.priceMaxRupees);
  if (priceMin !== null) query.set('priceMin', String(priceMin));
  if (priceMax !== null) query.set('priceMax', String(priceMax));
  if (filters.minRating !== null) query.set('minRating', String(filters.minRating));
  query.set('sort', filters.sort);
  query.set('page', String(filters.page));
  query.set('limit', String(DISCOVERY_PAGE_SIZE));
  return query;
}

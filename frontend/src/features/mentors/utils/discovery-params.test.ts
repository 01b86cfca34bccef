import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  clearedFilters,
  defaultDiscoveryFilters,
  parseDiscoveryParams,
  toDiscoveryParams,
  toMentorsQuery,
  withFilters,
  type DiscoveryFilters,
} from './discovery-params';

const parse = (search: string) => parseDiscoveryParams(new URLSearchParams(search));

const everything: DiscoveryFilters = {
  q: 'system design',
  expertise: 'Distributed Systems',
  topic: 'Mock Interview',
  company: 'Google',
  language: 'Tamil',
  priceMinRupees: 500,
  priceMaxRupees: 2500,
  minRating: 4.5,
  sort: 'price_asc',
  page: 3,
};

describe('discovery filters in the URL', () => {
  it('when the URL has no query, then every filter is at its default', () => {
    expect(parse('')).toEqual(defaultDiscoveryFilters);
  });

  it('when the filters are written to the URL and read back, then nothing is lost', () => {
    const search = toDiscoveryParams(everything).toString();

    expect(parse(search)).toEqual(everything);
  });

  it('when written, then the URL uses readable names, rupees and no defaults', () => {
    expect(toDiscoveryParams(everything).toString()).toBe(
      'q=system+design&expertise=Distributed+Systems&topic=Mock+Interview&company=Google&language=Tamil&priceMin=500&priceMax=2500&minRating=4.5&sort=price_asc&page=3',
    );
    expect(toDiscoveryParams(defaultDiscoveryFilters).toString()).toBe('');
    expect(toDiscoveryParams({ ...defaultDiscoveryFilters, language: 'Hindi' }).toString()).toBe('language=Hindi');
  });

  it('when a shared link holds values the API would refuse, then they are dropped instead of breaking the page', () => {
    expect(parse('topic=Astrology&language=Klingon&sort=cheapest&minRating=7&page=-2&priceMin=abc&priceMax=1.5')).toEqual(
      defaultDiscoveryFilters,
    );
    expect(parse(`expertise=${'x'.repeat(41)}&company=%20%20`)).toMatchObject({ expertise: null, company: null });
  });

  it('when the price range is upside down, then it is read the right way round', () => {
    expect(parse('priceMin=3000&priceMax=1000')).toMatchObject({ priceMinRupees: 1000, priceMaxRupees: 3000 });
  });

  it('when a filter changes, then the page goes back to 1, but a page change keeps the filters', () => {
    const onPage3 = { ...defaultDiscoveryFilters, language: 'Tamil' as const, page: 3 };

    expect(withFilters(onPage3, { sort: 'rating' })).toMatchObject({ language: 'Tamil', sort: 'rating', page: 1 });
    expect(withFilters(onPage3, { page: 4 })).toMatchObject({ language: 'Tamil', page: 4 });
  });

  it('when counting active filters for the phone button, then search, sort and page do not count and a price range counts once', () => {
    expect(activeFilterCount(defaultDiscoveryFilters)).toBe(0);
    expect(activeFilterCount({ ...defaultDiscoveryFilters, q: 'go', sort: 'rating', page: 2 })).toBe(0);
    expect(activeFilterCount(everything)).toBe(6);
    expect(activeFilterCount({ ...defaultDiscoveryFilters, priceMaxRupees: 900 })).toBe(1);
  });

  it('when filters are cleared, then the search text and filters go but the chosen sort stays', () => {
    expect(clearedFilters(everything)).toEqual({ ...defaultDiscoveryFilters, sort: 'price_asc' });
  });
});

describe('the API query for the filters', () => {
  it('when prices are in rupees, then the API gets paise, plus the page size', () => {
    const query = toMentorsQuery(everything);

    expect(Object.fromEntries(query)).toEqual({
      q: 'system design',
      expertise: 'Distributed Systems',
      topic: 'Mock Interview',
      company: 'Google',
      language: 'Tamil',
      priceMin: '50000',
      priceMax: '250000',
      minRating: '4.5',
      sort: 'price_asc',
      page: '3',
      limit: '12',
    });
  });

  it('when nothing is set, then only sort, page and limit are sent', () => {
    expect(toMentorsQuery(defaultDiscoveryFilters).toString()).toBe('sort=relevance&page=1&limit=12');
  });
});

/** What a number of stars means, said next to the stars as they are picked. */
export const ratingWords: Record<number, string> = { 1: 'Poor', 2: 'Fair', 3: 'Good', 4: 'Very good', 5: 'Excellent' };

/** "1 star", "4 stars". */
export const starsText = (stars: number) => (stars === 1 ? '1 star' : `${stars} stars`);

/** "n / 1,000": a text's length against its limit, as the counters under the fields show it. */
export const countText = (length: number, max: number) => `${length.toLocaleString('en-IN')} / ${max.toLocaleString('en-IN')}`;

/**
 * How many runs a property test makes: at least `base` in CI (1,000 unless a run costs more than ~50 ms), or
 * FC_RUNS for a long run (`FC_RUNS=100000 npx vitest run …`).
 */
export const propertyRuns = (base = 1_000): number => {
  const wanted = Number(process.env.FC_RUNS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : base;
};

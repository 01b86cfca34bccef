/**
 * Counts the SQL statements a piece of work sends (cost tests pin the hot paths' counts). Pass `onQuery` to
 * `createTestDatabase`; `count` waits for background work to settle, then records what `work` sends itself.
 * Transaction control is counted by one driver (pg) and not the other (PGlite), so it is left out; so are the
 * gateway sandbox's own tables (not ours) and the outbox's sent-marks (background work, not the request's).
 */
export function statementCounter() {
  const statements: string[] = [];
  let counting = false;
  const control = /^\s*(begin|commit|rollback|savepoint|release)\b/i;
  const ours = (query: string) => !control.test(query) && !/"?sandbox_\w+"?/.test(query) && !/\bupdate "email_outbox"/.test(query);
  return {
    onQuery: (query: string) => void (counting && statements.push(query)),
    async count<T>(settle: () => Promise<void>, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      await settle();
      statements.length = 0;
      counting = true;
      try {
        const result = await work();
        return { result, statements: statements.filter(ours) };
      } finally {
        counting = false;
      }
    },
  };
}

/** PostgreSQL SQLSTATE codes our services translate into domain errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_CHECK_VIOLATION = '23514';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_DEADLOCK_DETECTED = '40P01';
export const PG_SERIALIZATION_FAILURE = '40001';

/**
 * Runs a transaction again when PostgreSQL aborted it only to break a deadlock or a serialization conflict.
 * Concurrent inserts that collide on an exclusion constraint can deadlock (each waits for the other's
 * uncommitted row); on the retry the winner has committed and the loser sees a clean 23P01.
 */
export async function retryOnTransientConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = pgErrorCode(error);
      const transient = code === PG_DEADLOCK_DETECTED || code === PG_SERIALIZATION_FAILURE;
      if (!transient || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

/** Drizzle wraps driver errors; the SQLSTATE sits on the error or on its cause depending on the driver. */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

import { describe, expect, it } from 'vitest';
import { pgErrorCode, retryOnTransientConflict } from './db-errors.js';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('retryOnTransientConflict', () => {
  it('when PostgreSQL aborted the transaction to break a deadlock, then it runs again and returns the later outcome', async () => {
    let calls = 0;
    const result = await retryOnTransientConflict(async () => {
      calls++;
      if (calls < 3) throw new Error('wrapped', { cause: pgError('40P01') });
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('when the error is not transient (or retries run out), then it is thrown unchanged', async () => {
    let calls = 0;
    await expect(
      retryOnTransientConflict(async () => {
        calls++;
        throw pgError('23P01');
      }),
    ).rejects.toMatchObject({ code: '23P01' });
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryOnTransientConflict(async () => {
        calls++;
        throw pgError('40001');
      }, 2),
    ).rejects.toMatchObject({ code: '40001' });
    expect(calls).toBe(2);
  });

  it('when a driver error is wrapped, then its SQLSTATE is still found', () => {
    expect(pgErrorCode(new Error('outer', { cause: new Error('mid', { cause: pgError('23505') }) }))).toBe('23505');
    expect(pgErrorCode(new Error('plain'))).toBeUndefined();
  });
});

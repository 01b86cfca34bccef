import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test-support/properties.js';
import { bankOfIfsc, maskedPayoutMethod, payoutMethodSchema } from './payouts.details.js';

/**
 * PRODUCT.md §11 property 7: valid bank and UPI details (generated, the edges of every field) are accepted; invalid
 * ones are refused naming the field. Valid IFSCs are drawn from the branches the `ifsc` package lists.
 */

const require = createRequire(import.meta.url);
const branches = require('ifsc/src/IFSC.json') as Record<string, (number | string)[]>;
const banks = Object.keys(branches).filter((b) => branches[b]!.length > 0);
const ifscOf = (bank: string, branch: number | string) => `${bank}0${typeof branch === 'number' ? String(branch).padStart(6, '0') : branch}`;

const ifscArb = fc
  .constantFrom(...banks)
  .chain((bank) => fc.nat(branches[bank]!.length - 1).map((i) => ifscOf(bank, branches[bank]![i]!)))
  .chain((code) => fc.constantFrom(code, code.toLowerCase(), ` ${code} `));
const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàéîöüñçāīū'.split(''));
const holderArb = fc
  .tuple(letters, fc.array(fc.oneof(letters, fc.constantFrom(' ', '.', "'", '-')), { minLength: 1, maxLength: 99 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((name) => name.trim().length >= 2);
const accountArb = fc.integer({ min: 9, max: 18 }).chain((n) => fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: n, maxLength: n }).map((d) => d.join('')));
const bankArb = fc.record({ holderName: holderArb, accountNumber: accountArb, ifsc: ifscArb }).map((b) => ({ type: 'bank' as const, ...b, accountNumberConfirm: b.accountNumber, password: 'secret-pass' }));
const vpaArb = fc
  .tuple(
    fc.array(fc.constantFrom(...'abcXYZ0189._-'.split('')), { minLength: 2, maxLength: 256 }).map((c) => c.join('')),
    fc.array(fc.constantFrom(...'okhdfcbankicisbiybl'.split('')), { minLength: 2, maxLength: 64 }).map((c) => c.join('')),
  )
  .map(([name, handle]) => `${name}@${handle}`);

const failedField = (input: unknown) => {
  const result = payoutMethodSchema.safeParse(input);
  return result.success ? null : result.error.issues.map((i) => i.path.join('.'));
};

describe('payout details (property 7)', () => {
  it('for any valid bank account — 9 to 18 digits typed twice, a listed IFSC in any case and spacing, a holder name — it is accepted, with the IFSC in capitals and the bank named', () => {
    fc.assert(
      fc.property(bankArb, (input) => {
        const parsed = payoutMethodSchema.parse(input);
        expect(parsed.type).toBe('bank');
        if (parsed.type !== 'bank') return;
        expect(parsed.ifsc).toBe(input.ifsc.trim().toUpperCase());
        expect(bankOfIfsc(parsed.ifsc)?.bankName).toBeTruthy();
        const shown = maskedPayoutMethod(parsed);
        expect(shown.masked).toBe(`XXXXXX${input.accountNumber.slice(-4)}`);
        expect(JSON.stringify(shown)).not.toContain(input.accountNumber);
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('for any valid bank account with one field made wrong, it is refused naming exactly that field', () => {
    const breakers = {
      accountNumber: fc.oneof(
        accountArb.map((a) => a.slice(0, 8)),
        accountArb.map((a) => `${a}12345678901234567890`.slice(0, 19)),
        accountArb.map((a) => `${a.slice(0, -1)}x`),
        fc.constant(''),
      ),
      accountNumberConfirm: accountArb,
      ifsc: fc.oneof(
        ifscArb.map((c) => c.trim().slice(0, 10)),
        ifscArb.map((c) => `${c.trim().slice(0, 4)}1${c.trim().slice(5)}`),
        fc.constant('ZZZZ0000000'),
        fc.constant('HDFC0@@@@@@'),
      ),
      holderName: fc.constantFrom('', 'A', '  ', '1234', 'Asha <script>', 'x'.repeat(101)),
      password: fc.constant(''),
    };
    fc.assert(
      fc.property(bankArb, fc.constantFrom(...(Object.keys(breakers) as (keyof typeof breakers)[])), fc.nat(), (valid, field, seed) => {
        const bad = fc.sample(breakers[field], { numRuns: 1, seed })[0]!;
        const input = { ...valid, [field]: bad };
        // Changing the first number makes the confirmation differ: that is the field named.
        const expected = field === 'accountNumber' && /^\d{9,18}$/.test(bad) ? 'accountNumberConfirm' : field;
        if (field === 'accountNumberConfirm' && bad === valid.accountNumber) return;
        const failed = failedField(input);
        expect(failed, JSON.stringify(input)).not.toBeNull();
        expect(failed).toContain(expected);
        expect(new Set(failed)).toEqual(new Set(field === 'accountNumber' ? failed!.filter((f) => f === 'accountNumber' || f === 'accountNumberConfirm') : [expected]));
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('for any UPI id name@handle it is accepted and shown masked; without the @, with a bad character or an empty side, it is refused naming vpa', () => {
    fc.assert(
      fc.property(vpaArb, fc.constantFrom('drop@', 'space', 'bad-char', 'no-handle', 'no-name', 'none'), (vpa, breakHow) => {
        const ok = payoutMethodSchema.parse({ type: 'upi', vpa, password: 'p' });
        expect(ok).toMatchObject({ type: 'upi', vpa });
        const shown = maskedPayoutMethod({ type: 'upi', vpa });
        expect(shown.masked.endsWith(`@${vpa.split('@')[1]}`)).toBe(true);
        const [name, handle] = vpa.split('@') as [string, string];
        // At most the first two characters of the name show.
        const shownName = shown.masked.split('@')[0]!;
        expect(shownName.slice(0, 2)).toBe(name.slice(0, 2));
        expect(shownName.slice(2)).toMatch(/^X{2,}$/);
        const broken = { 'drop@': name + handle, space: `${name} x@${handle}`, 'bad-char': `${name}!@${handle}`, 'no-handle': `${name}@`, 'no-name': `@${handle}`, none: vpa }[breakHow];
        if (breakHow === 'none') return;
        expect(failedField({ type: 'upi', vpa: broken, password: 'p' })).toEqual(['vpa']);
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('an unknown type or extra fields are refused, naming them', () => {
    expect(failedField({ type: 'cash', password: 'p' })).toEqual(['type']);
    expect(failedField({ type: 'upi', vpa: 'asha@okhdfcbank', password: 'p', accountNumber: '123456789' })).toEqual(['']);
    expect(bankOfIfsc('HDFC0000001')).toEqual({ ifsc: 'HDFC0000001', bankName: 'HDFC Bank' });
    expect(bankOfIfsc('HDFC0ZZZZZZ')).toBeNull();
  });
});

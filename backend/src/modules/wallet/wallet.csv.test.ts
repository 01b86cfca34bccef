import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test-support/properties.js';
import { csvField, csvRow, istDate, istText, rupeesText } from './wallet.csv.js';
import { csvFileName } from './wallet.service.js';

describe('amounts in the CSV', () => {
  it('when paise are written as rupees, then two decimals, the sign kept, exact for every safe integer (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 })), (paise) => {
        const text = rupeesText(paise);
        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        // Read back through BigInt, never a float: the text is exactly the paise.
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(paise));
        expect(text.startsWith('-')).toBe(paise < 0);
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('when amounts sit at the edges, then they read as a person expects', () => {
    expect(rupeesText(0)).toBe('0.00');
    expect(rupeesText(5)).toBe('0.05');
    expect(rupeesText(-5)).toBe('-0.05');
    expect(rupeesText(139_752)).toBe('1397.52');
    expect(rupeesText(-100_000)).toBe('-1000.00');
    expect(rupeesText(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(() => rupeesText(1.5)).toThrow();
  });
});

describe('fields and rows', () => {
  it('when a field holds a comma, a quote or a line break, then it is quoted; text that looks like a formula is defused; amounts stay numbers', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('-1000.00', { numeric: true })).toBe('-1000.00');
  });

  it('when a line is written, then its instant is India’s time with the offset, and the split sits in its own columns', () => {
    expect(istText('2026-11-10T06:00:00.000Z')).toBe('2026-11-10T11:30:00+05:30');
    expect(istText('2026-11-10T19:00:00.000Z')).toBe('2026-11-11T00:30:00+05:30');
    expect(istDate(new Date('2026-11-10T18:29:59.999Z'))).toBe('2026-11-10');
    expect(istDate(new Date('2026-11-10T18:30:00.000Z'))).toBe('2026-11-11');
    const row = csvRow({
      id: 'booking:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed:share',
      at: '2026-11-10T06:00:00.000Z',
      type: 'earning',
      amountPaise: 139_752,
      status: 'released',
      settledAt: '2026-11-12T06:00:00.000Z',
      bookingId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      withdrawalId: null,
      split: { grossPaise: 180_000, commissionPaise: 36_000, gatewayFeePaise: 4_248 },
      description: 'Session earnings, released to your wallet',
    });
    expect(row).toBe(
      '2026-11-10T11:30:00+05:30,Earning,Session earnings,released to your wallet,1397.52,Released,2026-11-12T11:30:00+05:30,1800.00,360.00,42.48,1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed,,booking:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed:share\r\n'.replace(
        'Session earnings,released to your wallet',
        '"Session earnings, released to your wallet"',
      ),
    );
  });

  it('when the file is named, then by the period asked for, else by today in India', () => {
    const now = new Date('2026-11-10T19:00:00.000Z');
    expect(csvFileName({}, now)).toBe('wallet-2026-11-11.csv');
    expect(csvFileName({ from: '2026-10-01', to: '2026-10-31' }, now)).toBe('wallet-2026-10-01-to-2026-10-31.csv');
    expect(csvFileName({ from: '2026-10-01' }, now)).toBe('wallet-2026-10-01-to-2026-11-11.csv');
    expect(csvFileName({ to: '2026-10-31T20:00:00Z' }, now)).toBe('wallet-start-to-2026-11-01.csv');
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composePeriodInvoice, mulDivRound, overageCharge, parseTaxRates, prorate, taxFor, taxRateFor, upgradeProration } from './pricing';

const DAY = 86_400_000;
const cents = fc.integer({ min: 0, max: 10_000_000 });

/** The exact rational a·b/c rounded half up, by a route independent of mulDivRound (decimal strings, no BigInt division). */
function referenceRound(a: number, b: number, c: number): number {
  const exact = (BigInt(a) * BigInt(b) * 10n) / BigInt(c); // one extra decimal digit, truncated
  const lastDigit = Number(exact % 10n);
  const whole = Number(exact / 10n);
  return lastDigit >= 5 ? whole + 1 : whole;
}

describe('proration', () => {
  it('is exact to the cent for any change day of any month length', () => {
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 28, max: 31 }), fc.nat(), (from, to, days, dayPick) => {
        const changeDay = dayPick % (days + 1);
        const start = new Date(Date.UTC(2026, 0, 1));
        const end = new Date(start.getTime() + days * DAY);
        const at = new Date(start.getTime() + changeDay * DAY);
        const { amountCents } = upgradeProration({ fromPriceCents: from, toPriceCents: to, periodStart: start, periodEnd: end, at });
        const difference = Math.max(to - from, 0);
        // Small enough for doubles to be exact: round half up of difference × remaining days / days.
        expect(amountCents).toBe(Math.floor((2 * difference * (days - changeDay) + days) / (2 * days)));
        expect(Number.isInteger(amountCents)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is exact to the cent at any millisecond, stays within [0, difference] and never grows as the period passes', () => {
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 1, max: 400 * DAY }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (from, to, periodMs, f1, f2) => {
        const start = new Date(Date.UTC(2026, 4, 1));
        const end = new Date(start.getTime() + periodMs);
        const [early, late] = [Math.floor(periodMs * Math.min(f1, f2)), Math.floor(periodMs * Math.max(f1, f2))];
        const a = upgradeProration({ fromPriceCents: from, toPriceCents: to, periodStart: start, periodEnd: end, at: new Date(start.getTime() + early) });
        const b = upgradeProration({ fromPriceCents: from, toPriceCents: to, periodStart: start, periodEnd: end, at: new Date(start.getTime() + late) });
        const difference = Math.max(to - from, 0);
        expect(a.amountCents).toBe(referenceRound(difference, periodMs - early, periodMs));
        expect(a.amountCents).toBeGreaterThanOrEqual(b.amountCents);
        expect(a.amountCents).toBeGreaterThanOrEqual(0);
        expect(a.amountCents).toBeLessThanOrEqual(difference);
      }),
      { numRuns: 2000 },
    );
  });

  it('charges the whole difference at the start of the period and nothing at its end or for a downgrade', () => {
    const start = new Date('2026-03-01T00:00:00Z');
    const end = new Date('2026-04-01T00:00:00Z');
    expect(upgradeProration({ fromPriceCents: 9900, toPriceCents: 49900, periodStart: start, periodEnd: end, at: start }).amountCents).toBe(40000);
    expect(upgradeProration({ fromPriceCents: 9900, toPriceCents: 49900, periodStart: start, periodEnd: end, at: end }).amountCents).toBe(0);
    expect(upgradeProration({ fromPriceCents: 49900, toPriceCents: 9900, periodStart: start, periodEnd: end, at: start }).amountCents).toBe(0);
    // 17 of 31 days left: 40000 × 17 / 31 = 21935.48… → 21935
    expect(upgradeProration({ fromPriceCents: 9900, toPriceCents: 49900, periodStart: start, periodEnd: end, at: new Date('2026-03-15T00:00:00Z') }).amountCents).toBe(21935);
  });

  it('rounds half up exactly where doubles would not', () => {
    expect(mulDivRound(1, 1, 2)).toBe(1);
    expect(mulDivRound(5, 1, 10)).toBe(1);
    expect(mulDivRound(4, 1, 10)).toBe(0);
    expect(mulDivRound(2 ** 52, 3_000_000, 3_000_000)).toBe(2 ** 52);
    expect(prorate(100, -5, 10)).toBe(0);
    expect(prorate(100, 50, 10)).toBe(100);
  });
});

describe('overage and tax', () => {
  it('charges only analyses over the allowance, and only where overage is allowed', () => {
    expect(overageCharge({ used: 512, allowance: 500, unitPriceCents: 10, allowed: true })).toEqual({ quantity: 12, totalCents: 120 });
    expect(overageCharge({ used: 20, allowance: 10, unitPriceCents: 10, allowed: false })).toEqual({ quantity: 0, totalCents: 0 });
    expect(overageCharge({ used: 10_000, allowance: null, unitPriceCents: 10, allowed: true })).toEqual({ quantity: 0, totalCents: 0 });
  });

  it('reads tax rates per country with a default', () => {
    const rates = parseTaxRates('DE:1900, fr:2000,*:500');
    expect(taxRateFor(rates, 'de')).toBe(1900);
    expect(taxRateFor(rates, 'FR')).toBe(2000);
    expect(taxRateFor(rates, 'US')).toBe(500);
    expect(taxRateFor(parseTaxRates(''), 'US')).toBe(0);
    expect(taxFor(12345, 1900)).toBe(2346);
  });
});

describe('the invoice of a period', () => {
  const invoiceInput = fc.record({
    basePriceCents: cents,
    trial: fc.boolean(),
    analysesUsed: fc.nat({ max: 100_000 }),
    analysesAllowance: fc.option(fc.nat({ max: 10_000 }), { nil: null }),
    overagePriceCents: fc.nat({ max: 1000 }),
    overageAllowed: fc.boolean(),
    prorations: fc.array(cents, { maxLength: 4 }),
    creditsAvailableCents: fc.nat({ max: 20_000_000 }),
    taxRateBps: fc.nat({ max: 3000 }),
    periodDays: fc.integer({ min: 1, max: 31 }),
    cancelledAfter: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  });

  it('has lines that sum to the subtotal, a total of subtotal plus tax, and never a negative amount due', () => {
    fc.assert(
      fc.property(invoiceInput, (i) => {
        const periodStart = new Date('2026-01-01T00:00:00Z');
        const periodEnd = new Date(periodStart.getTime() + i.periodDays * DAY);
        const invoice = composePeriodInvoice({
          tierName: 'Professional',
          basePriceCents: i.basePriceCents,
          periodStart,
          periodEnd,
          endedAt: i.cancelledAfter === undefined ? undefined : new Date(periodStart.getTime() + Math.floor(i.cancelledAfter * i.periodDays * DAY)),
          trial: i.trial,
          analysesUsed: i.analysesUsed,
          analysesAllowance: i.analysesAllowance,
          overagePriceCents: i.overagePriceCents,
          overageAllowed: i.overageAllowed,
          pendingItems: i.prorations.map((p) => ({ type: 'proration' as const, description: 'Upgrade', totalCents: p })),
          creditsAvailableCents: i.creditsAvailableCents,
          taxRateBps: i.taxRateBps,
        });
        const sum = invoice.lines.reduce((s, l) => s + l.totalCents, 0);
        expect(sum).toBe(invoice.subtotalCents);
        expect(invoice.totalCents).toBe(invoice.subtotalCents + invoice.taxCents);
        expect(invoice.subtotalCents).toBeGreaterThanOrEqual(0);
        expect(invoice.taxCents).toBe(taxFor(invoice.subtotalCents, i.taxRateBps));
        expect(invoice.creditsAppliedCents).toBeLessThanOrEqual(i.creditsAvailableCents);
        for (const line of invoice.lines) {
          expect(Number.isInteger(line.totalCents)).toBe(true);
          expect(line.totalCents).toBe(line.quantity * line.unitPriceCents);
        }
        expect(invoice.overageCents).toBe(invoice.lines.filter((l) => l.type === 'overage').reduce((s, l) => s + l.totalCents, 0));
      }),
      { numRuns: 3000 },
    );
  });

  it('bills a cancelled period only for the part used', () => {
    const invoice = composePeriodInvoice({
      tierName: 'Professional',
      basePriceCents: 9900,
      periodStart: new Date('2026-04-01T00:00:00Z'),
      periodEnd: new Date('2026-05-01T00:00:00Z'),
      endedAt: new Date('2026-04-11T00:00:00Z'),
      trial: false,
      analysesUsed: 0,
      analysesAllowance: 500,
      overagePriceCents: 10,
      overageAllowed: true,
      pendingItems: [],
      creditsAvailableCents: 0,
      taxRateBps: 0,
    });
    expect(invoice.totalCents).toBe(3300);
    expect(invoice.lines[0]!.description).toContain('10 of 30 days used');
  });
});

// Billing arithmetic as pure functions over integer cents. Every division rounds once, half up, on the exact
// rational value (BigInt), so an amount never drifts by a cent whatever the period length or change instant.

export type InvoiceItemType = 'subscription' | 'overage' | 'credit' | 'proration';

export interface InvoiceLine {
  type: InvoiceItemType;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  /** For a line that was a pending item: that item's id, so it is attached rather than copied. */
  ref?: string;
}

/** round(a × b / c), half up, exact for any safe integers (a·b may exceed 2^53). */
export function mulDivRound(a: number, b: number, c: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(c) || c <= 0) throw new RangeError('mulDivRound needs safe integers and a positive divisor');
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return Number(negative ? -q : q);
}

/** The share of `amountCents` for `partMs` of a `periodMs` period, exact to the cent. */
export function prorate(amountCents: number, partMs: number, periodMs: number): number {
  const part = Math.min(Math.max(Math.trunc(partMs), 0), Math.trunc(periodMs));
  return mulDivRound(amountCents, part, Math.trunc(periodMs));
}

export interface PeriodChange {
  fromPriceCents: number;
  toPriceCents: number;
  periodStart: Date;
  periodEnd: Date;
  at: Date;
}

/** An upgrade charges the price difference for what is left of the period. Never negative: downgrades wait for the period end. */
export function upgradeProration(change: PeriodChange): { amountCents: number; remainingMs: number; periodMs: number } {
  const periodMs = change.periodEnd.getTime() - change.periodStart.getTime();
  if (periodMs <= 0) return { amountCents: 0, remainingMs: 0, periodMs: 0 };
  const remainingMs = Math.min(Math.max(change.periodEnd.getTime() - change.at.getTime(), 0), periodMs);
  const difference = Math.max(change.toPriceCents - change.fromPriceCents, 0);
  return { amountCents: prorate(difference, remainingMs, periodMs), remainingMs, periodMs };
}

/** "17 of 31 days" for real periods, "3 of 6 seconds" for the compressed ones tests use. */
export function describePortion(partMs: number, periodMs: number): string {
  const day = 86_400_000;
  if (periodMs >= day) return `${Math.round(partMs / day)} of ${Math.round(periodMs / day)} days`;
  return `${Math.round(partMs / 1000)} of ${Math.round(periodMs / 1000)} seconds`;
}

export function formatCents(cents: number, currency = 'usd'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const symbol = currency === 'usd' ? '$' : `${currency.toUpperCase()} `;
  return `${sign}${symbol}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Analyses over the allowance, times the tier's overage price. A null allowance is unlimited. */
export function overageCharge(input: { used: number; allowance: number | null; unitPriceCents: number; allowed: boolean }): { quantity: number; totalCents: number } {
  if (!input.allowed || input.allowance === null) return { quantity: 0, totalCents: 0 };
  const quantity = Math.max(input.used - input.allowance, 0);
  return { quantity, totalCents: quantity * input.unitPriceCents };
}

/** Tax in basis points (1900 = 19 %), half up. */
export function taxFor(subtotalCents: number, rateBps: number): number {
  return mulDivRound(subtotalCents, rateBps, 10_000);
}

export interface PeriodInvoiceInput {
  tierName: string;
  /** The tier at the start of the period: its price is the base fee. */
  basePriceCents: number;
  periodStart: Date;
  periodEnd: Date;
  /** For a subscription cancelled now: the period ends early and the base fee covers only the part used. */
  endedAt?: Date;
  trial: boolean;
  analysesUsed: number;
  /** The allowance and overage price of the tier at the end of the period. */
  analysesAllowance: number | null;
  overagePriceCents: number;
  overageAllowed: boolean;
  /** Prorations from upgrades during the period, already priced. */
  pendingItems: { type: InvoiceItemType; description: string; totalCents: number; ref?: string }[];
  creditsAvailableCents: number;
  taxRateBps: number;
  currency?: string;
}

export interface ComposedInvoice {
  lines: InvoiceLine[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  overageCents: number;
  creditsAppliedCents: number;
}

/**
 * The invoice of one billing period: base fee, plus overage, plus prorations, minus credits (never below zero),
 * plus tax on what is left. The lines always sum to the subtotal, and subtotal + tax = total.
 */
export function composePeriodInvoice(input: PeriodInvoiceInput): ComposedInvoice {
  const lines: InvoiceLine[] = [];
  const periodMs = input.periodEnd.getTime() - input.periodStart.getTime();
  const ended = input.endedAt && input.endedAt < input.periodEnd ? input.endedAt : undefined;
  if (!input.trial && input.basePriceCents > 0) {
    const usedMs = ended ? ended.getTime() - input.periodStart.getTime() : periodMs;
    const base = ended ? prorate(input.basePriceCents, usedMs, periodMs) : input.basePriceCents;
    const label = `${input.tierName} plan, ${formatRange(input.periodStart, ended ?? input.periodEnd)}`;
    lines.push({ type: 'subscription', description: ended ? `${label} (cancelled; ${describePortion(usedMs, periodMs)} used)` : label, quantity: 1, unitPriceCents: base, totalCents: base });
  }
  const overage = input.trial ? { quantity: 0, totalCents: 0 } : overageCharge({ used: input.analysesUsed, allowance: input.analysesAllowance, unitPriceCents: input.overagePriceCents, allowed: input.overageAllowed });
  if (overage.quantity > 0) {
    lines.push({ type: 'overage', description: `${overage.quantity} analyses over the ${input.analysesAllowance} included`, quantity: overage.quantity, unitPriceCents: input.overagePriceCents, totalCents: overage.totalCents });
  }
  for (const item of input.pendingItems) lines.push({ type: item.type, description: item.description, quantity: 1, unitPriceCents: item.totalCents, totalCents: item.totalCents, ...(item.ref ? { ref: item.ref } : {}) });
  const beforeCredits = lines.reduce((sum, l) => sum + l.totalCents, 0);
  const creditsAppliedCents = Math.min(Math.max(input.creditsAvailableCents, 0), Math.max(beforeCredits, 0));
  if (creditsAppliedCents > 0) lines.push({ type: 'credit', description: 'Account credit applied', quantity: 1, unitPriceCents: -creditsAppliedCents, totalCents: -creditsAppliedCents });
  const subtotalCents = beforeCredits - creditsAppliedCents;
  const taxCents = taxFor(subtotalCents, input.taxRateBps);
  return { lines, subtotalCents, taxCents, totalCents: subtotalCents + taxCents, overageCents: overage.totalCents, creditsAppliedCents };
}

function formatRange(start: Date, end: Date): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return day(start) === day(end) ? `${day(start)} ${start.toISOString().slice(11, 19)}–${end.toISOString().slice(11, 19)} UTC` : `${day(start)} to ${day(end)}`;
}

/** BILLING_TAX_RATES ("DE:1900,FR:2000,*:0") → rate in basis points per ISO country; `*` is the default. */
export function parseTaxRates(text: string | undefined): Map<string, number> {
  const rates = new Map<string, number>();
  for (const pair of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [country, bps] = pair.split(':');
    rates.set(country!.trim().toUpperCase(), Number(bps));
  }
  return rates;
}

export function taxRateFor(rates: Map<string, number>, country: string | null | undefined): number {
  return (country ? rates.get(country.toUpperCase()) : undefined) ?? rates.get('*') ?? 0;
}

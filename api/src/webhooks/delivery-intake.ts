import { recordDeliveries, type Db, type NewDelivery } from '@argus/db';

/**
 * Group commit for webhook intake: deliveries that arrive while one INSERT is in flight wait for it and then go
 * in together, as one multi-row statement and one commit. At low rates a batch is a single row (no added wait);
 * under a burst, hundreds of requests share one round trip and one fsync. Each caller still hears back only
 * once its own row is committed, so a 2xx keeps meaning "durable".
 */
export class DeliveryRecorder {
  private queue: { delivery: NewDelivery; resolve: (fresh: boolean) => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 250,
  ) {}

  /** Resolves true once the delivery is committed as new, false if it was already recorded (a redelivery). */
  record(delivery: NewDelivery): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      // A redelivery inside the same batch: the first one is the delivery, the later ones are duplicates.
      const first = new Map<string, NewDelivery>();
      for (const { delivery } of batch) {
        const key = `${delivery.source}\u0000${delivery.deliveryId}`;
        if (!first.has(key)) first.set(key, delivery);
      }
      try {
        const fresh = await recordDeliveries(this.db, [...first.values()]);
        for (const { delivery, resolve } of batch) {
          const key = `${delivery.source}\u0000${delivery.deliveryId}`;
          resolve(first.get(key) === delivery && fresh.has(key));
        }
      } catch (err) {
        for (const { reject } of batch) reject(err);
      }
    }
    this.flushing = false;
  }
}

/**
 * Paces workflow starts while deliveries pour in. A start costs the Temporal server several times the CPU of
 * recording a delivery, and on a small machine both share the cores with the API: starting at the arrival rate
 * during a burst is what made acknowledgements slow. While more than `busyRps` deliveries a second arrive, starts
 * (the queue's and the relay's) take turns at `busyRate` a second; the rest wait as committed rows and start at full
 * speed once the burst ends. Below `busyRps` there is no pacing at all.
 */
export class StartPacer {
  /** Arrivals per 100 ms slot over the last second. */
  private readonly slots = new Array<number>(10).fill(0);
  private slotAt = 0;
  private tokens = 0;
  private refilledAt = 0;

  constructor(
    private readonly busyRps: number,
    private readonly busyRate: number,
  ) {}

  arrived(now = Date.now()): void {
    this.advance(now);
    this.slots[Math.floor(now / 100) % 10]!++;
  }

  busy(now = Date.now()): boolean {
    this.advance(now);
    return this.busyRps > 0 && this.slots.reduce((a, b) => a + b, 0) >= this.busyRps;
  }

  /** Resolves when a start may go: at once unless busy, else at the paced rate. */
  async turn(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (!this.busy(now)) return;
      this.tokens = Math.min(Math.max(1, this.busyRate / 10), this.tokens + ((now - this.refilledAt) / 1000) * this.busyRate);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens--;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(5, Math.ceil(((1 - this.tokens) / Math.max(1, this.busyRate)) * 1000))));
    }
  }

  private advance(now: number): void {
    const slot = Math.floor(now / 100);
    if (slot - this.slotAt >= 10) this.slots.fill(0);
    else for (let s = this.slotAt + 1; s <= slot; s++) this.slots[s % 10] = 0;
    if (slot > this.slotAt) this.slotAt = slot;
  }
}

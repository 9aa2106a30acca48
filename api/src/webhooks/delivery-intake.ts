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

import { describe, expect, it } from 'vitest';
import { StartPacer } from './delivery-intake';

// The pacer on its own, with real timers: no pacing below the busy rate, a bounded start rate above it.
describe('StartPacer', () => {
  it('lets starts go at once while deliveries arrive slower than the busy rate', async () => {
    const pacer = new StartPacer(50, 10);
    for (let i = 0; i < 20; i++) pacer.arrived();
    const started = performance.now();
    for (let i = 0; i < 50; i++) await pacer.turn();
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('paces starts at the busy start rate during a burst, and stops pacing a second after it', async () => {
    const pacer = new StartPacer(50, 20);
    for (let i = 0; i < 60; i++) pacer.arrived();
    const burst = setInterval(() => {
      for (let i = 0; i < 20; i++) pacer.arrived();
    }, 50);
    try {
      expect(pacer.busy()).toBe(true);
      const started = performance.now();
      for (let i = 0; i < 12; i++) await pacer.turn();
      // 20 a second with a burst allowance of 2: twelve turns take about half a second, never near-instantly.
      const ms = performance.now() - started;
      expect(ms).toBeGreaterThan(350);
      expect(ms).toBeLessThan(2000);
    } finally {
      clearInterval(burst);
    }
    await new Promise((r) => setTimeout(r, 1100));
    expect(pacer.busy()).toBe(false);
  });

  it('never paces when the busy rate is 0', async () => {
    const pacer = new StartPacer(0, 1);
    for (let i = 0; i < 1000; i++) pacer.arrived();
    expect(pacer.busy()).toBe(false);
  });
});
